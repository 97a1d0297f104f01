import { ErrorText } from "../ui/ErrorText";
import { useState, type FormEvent } from "react";
import { fingerprint, passphraseStrength } from "../../shared/bundle";
import { exportBundle } from "../db/exchange/exportBundle";
import { listTeam, mySecretKey } from "../db/identity";
import { useLive } from "../db/live";
import { listCoders } from "../db/codings";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { errorText } from "./messages";
import { PassphraseField } from "./PassphraseField";
import { useMyKey } from "./useMyKey";

/** Export an encrypted bundle of the project for chosen team members, or with a passphrase. */
export function ExportBundleDialog({ open, onClose, onOpenTeam }: { open: boolean; onClose: () => void; onOpenTeam: () => void }) {
  return (
    <Dialog title="Export bundle" open={open} onClose={onClose} wide>
      {open && <ExportForm onClose={onClose} onOpenTeam={onOpenTeam} />}
    </Dialog>
  );
}

function ExportForm({ onClose, onOpenTeam }: { onClose: () => void; onOpenTeam: () => void }) {
  const project = useProject();
  const host = useHost();
  const { key } = useMyKey();
  const members = useLive(() => listTeam(), []);
  const coders = useLive(() => listCoders(project), [project]);
  const [scope, setScope] = useState<"whole" | "changes">("whole");
  const [lock, setLock] = useState<"members" | "passphrase">("members");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [passphrase, setPassphrase] = useState("");
  const [progress, setProgress] = useState<{ fraction: number; phase: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const myName = coders?.find((c) => c.id === project.ctx.coderId)?.name ?? "";

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!key) return;
    setError(null);
    setDone(null);
    if (lock === "passphrase" && !passphraseStrength(passphrase).ok) {
      setError(passphraseStrength(passphrase).hint || "Choose a stronger passphrase.");
      return;
    }
    setProgress({ fraction: 0, phase: "Starting" });
    try {
      const result = await exportBundle(project, {
        scope: lock === "passphrase" ? "whole" : scope,
        recipients: lock === "members" ? [...chosen] : [],
        ...(lock === "passphrase" ? { passphrase } : {}),
        me: { recipient: key.recipient, name: myName },
        // Signed with my key, so receivers see "Signed by …" and can tell a forgery (docs/bundle-format.md).
        signWith: await mySecretKey(host.keyProtection),
        onProgress: (fraction, phase) => setProgress({ fraction, phase }),
      });
      const saved = await host.saveFile({
        suggestedName: result.fileName,
        data: result.bytes,
        mimeType: "application/octet-stream",
        filters: [{ name: "Margin bundle", extensions: ["margin"] }],
      });
      if (!saved) {
        setProgress(null);
        return;
      }
      await result.commit();
      const names = members?.filter((m) => chosen.has(m.recipient)).map((m) => m.name) ?? [];
      const whole =
        result.wholeFor.length > 0 && scope === "changes"
          ? " No earlier exchange with some members, so the whole project was included."
          : "";
      setDone(
        `Saved ${result.fileName}: ${result.kind === "whole" ? "the whole project" : "changes since your last exchange"} (${result.records} records), ${
          lock === "passphrase" ? "locked with the passphrase" : `readable by you${names.length ? ` and ${names.join(", ")}` : ""}`
        }.${whole}`,
      );
    } catch (e) {
      setError(errorText(e));
      setProgress(null);
    }
  }

  const busy = progress !== null && done === null && progress.fraction < 1;
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4 text-sm" aria-label="Export bundle">
      <fieldset>
        <legend className="font-semibold">What to include</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="scope" checked={scope === "whole"} onChange={() => setScope("whole")} /> Whole project
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="scope"
            checked={scope === "changes"}
            disabled={lock === "passphrase"}
            onChange={() => setScope("changes")}
          />{" "}
          Only changes since my last exchange with the chosen members
        </label>
      </fieldset>
      <fieldset>
        <legend className="font-semibold">Who can open it</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="lock" checked={lock === "members"} onChange={() => setLock("members")} /> Team members
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="lock"
            checked={lock === "passphrase"}
            onChange={() => {
              setLock("passphrase");
              setScope("whole");
            }}
          />{" "}
          Anyone with a passphrase
        </label>
      </fieldset>
      {lock === "members" ? (
        <fieldset>
          <legend className="font-semibold">Team members</legend>
          <label className="mt-1 flex items-center gap-2 text-slate-600 dark:text-slate-400">
            <input type="checkbox" checked disabled /> You{key ? ` (${key.fingerprint})` : ""} — always included
          </label>
          {members?.map((m) => (
            <label key={m.recipient} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={chosen.has(m.recipient)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(m.recipient);
                  else next.delete(m.recipient);
                  setChosen(next);
                }}
              />
              {m.name} <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{fingerprint(m.recipient)}</span>
            </label>
          ))}
          {members?.length === 0 && <p className="mt-1 text-slate-600 dark:text-slate-400">No team members yet.</p>}
          <Button variant="ghost" className="mt-1" onClick={onOpenTeam}>
            Manage team…
          </Button>
        </fieldset>
      ) : (
        <PassphraseField label="Passphrase" value={passphrase} onChange={setPassphrase} showStrength />
      )}
      {progress && (
        <div className="flex flex-col gap-1">
          <progress aria-label="Export progress" max={1} value={progress.fraction} className="w-full" />
          <span className="text-xs">{progress.phase}</span>
        </div>
      )}
      {error && <ErrorText>{error}</ErrorText>}
      {done && (
        <p role="status" className="text-green-800 dark:text-green-300">
          {done}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>{done ? "Close" : "Cancel"}</Button>
        <Button type="submit" variant="primary" disabled={!key || busy}>
          Export…
        </Button>
      </div>
    </form>
  );
}
