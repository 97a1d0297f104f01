import { describeError } from "../../shared/describeError";
import { useEffect, useState, type FormEvent } from "react";
import { saveProfile, saveTheme, type CoderProfile, type Theme } from "../db/profile";
import { useHost } from "../host/HostContext";
import type { HostInfo } from "../host/host";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { TextField } from "../ui/TextField";
import { KeySettings } from "../exchange/KeySettings";
import { formatBytes } from "../../shared/text/bytes";
import { requestPersistentStorage, storageStatus, type StorageStatus } from "./storage";

export function SettingsDialog({
  open,
  onClose,
  profile,
  theme,
  onProfileChange,
  onThemeChange,
}: {
  open: boolean;
  onClose: () => void;
  profile: CoderProfile;
  theme: Theme;
  onProfileChange: (profile: CoderProfile) => void;
  onThemeChange: (theme: Theme) => void;
}) {
  const host = useHost();
  const [info, setInfo] = useState<HostInfo | null>(null);
  const [storage, setStorage] = useState<StorageStatus | null>(null);
  const [name, setName] = useState(profile.name);
  const [initials, setInitials] = useState(profile.initials);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!open) return;
    void host.info().then(setInfo);
    void requestPersistentStorage()
      .then(() => storageStatus())
      .then(setStorage);
  }, [open, host]);

  // Reset the form each time the dialog opens, not when a save updates the profile under it.
  useEffect(() => {
    if (!open) return;
    setName(profile.name);
    setInitials(profile.initials);
    setSaved(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on opening
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onProfileChange(await saveProfile({ name, initials }, profile));
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <Dialog title="Settings" open={open} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" aria-label="Coder profile">
        <h3 className="text-sm font-semibold">Coder profile</h3>
        <TextField label="Your name" value={name} onChange={(e) => setName(e.target.value)} />
        <TextField label="Initials" value={initials} maxLength={4} onChange={(e) => setInitials(e.target.value)} error={error} />
        <div className="flex items-center gap-2">
          <Button type="submit">Save profile</Button>
          {saved && (
            <span role="status" className="text-xs text-green-700 dark:text-green-400">
              Saved
            </span>
          )}
        </div>
      </form>
      <fieldset className="mt-5">
        <legend className="text-sm font-semibold">Appearance</legend>
        <div className="mt-2 flex gap-4 text-sm">
          {(["system", "light", "dark"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="theme"
                value={value}
                checked={theme === value}
                onChange={() => {
                  onThemeChange(value);
                  void saveTheme(value);
                }}
              />
              {value === "system" ? "Match system" : value === "light" ? "Light" : "Dark"}
            </label>
          ))}
        </div>
      </fieldset>
      <section className="mt-5 text-sm" aria-label="Storage">
        <h3 className="font-semibold">Storage</h3>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-600 dark:text-slate-400">Data is kept in</dt>
          <dd>{info?.dataLocation ?? "…"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Persistent storage</dt>
          <dd data-testid="persistent-storage">
            {storage === null
              ? "…"
              : storage.persisted === true
                ? "Granted: your projects will not be cleared to free space."
                : storage.persisted === false
                  ? "Not granted: the browser may clear data when the disk is nearly full. Keep backups."
                  : "Unknown in this browser."}
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Space used</dt>
          <dd>
            {storage?.usageBytes != null ? formatBytes(storage.usageBytes) : "…"}
            {storage?.quotaBytes != null ? ` of ${formatBytes(storage.quotaBytes)} available` : ""}
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Version</dt>
          <dd>
            Margin {info?.version ?? "…"} ({info?.kind === "electron" ? "desktop" : "browser"})
          </dd>
        </dl>
      </section>
      <KeySettings />
      <div className="mt-5 flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
