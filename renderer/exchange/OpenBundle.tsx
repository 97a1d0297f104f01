import { ErrorText } from "../ui/ErrorText";
import { useState, type FormEvent } from "react";
import { BundleError, lockKind, type OpenedBundle } from "../../shared/bundle";
import { openBundle } from "../db/exchange/openBundle";
import { mySecretKeys } from "../db/identity";
import type { OpenProject } from "../db/projects";
import { useHost } from "../host/HostContext";
import { Button } from "../ui/Button";
import { errorText } from "./messages";
import { PassphraseField } from "./PassphraseField";

/**
 * Step one of importing: choose a .margin file, unlock it with my key or ask for its passphrase (again,
 * after a wrong one), verify it. Errors name the file; nothing is changed until a later step.
 */
export function OpenBundle({
  onOpened,
  into,
}: {
  onOpened: (opened: OpenedBundle, fileName: string) => void;
  /** The project the bundle is to be merged into. */ into?: OpenProject;
}) {
  const host = useHost();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [askPassphrase, setAskPassphrase] = useState(false);
  const [passphrase, setPassphrase] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function choose() {
    setError(null);
    const [picked] = await host.pickFiles({
      title: "Import bundle",
      filters: [{ name: "Margin bundle", extensions: ["margin"] }],
      multiple: false,
    });
    if (!picked) return;
    try {
      const bytes = await picked.bytes();
      setFile({ name: picked.name, bytes });
      setPassphrase("");
      if (lockKind(bytes) === "passphrase") {
        setAskPassphrase(true);
        return;
      }
      setAskPassphrase(false);
      await unlock(picked.name, bytes, null);
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function unlock(name: string, bytes: Uint8Array, phrase: string | null) {
    setBusy(phrase === null ? "Opening with your key…" : "Checking the passphrase…");
    try {
      const key = phrase === null ? { identities: await mySecretKeys(host.keyProtection) } : { passphrase: phrase };
      onOpened(await openBundle(bytes, name, key, into), name);
    } catch (e) {
      if (e instanceof BundleError && e.code === "needs-passphrase") setAskPassphrase(true);
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  function submitPassphrase(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setError(null);
    void unlock(file.name, file.bytes, passphrase);
  }

  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>
        Choose a .margin bundle a team member sent you. Margin checks that it is complete and unchanged before showing what it would change.
      </p>
      <div className="flex items-center gap-2">
        <Button variant={askPassphrase ? "secondary" : "primary"} onClick={() => void choose()} disabled={busy !== null}>
          Choose bundle file…
        </Button>
        {file && <span className="truncate">{file.name}</span>}
      </div>
      {askPassphrase && file && (
        <form onSubmit={submitPassphrase} className="flex flex-col gap-2" aria-label="Bundle passphrase">
          <PassphraseField label={`Passphrase for ${file.name}`} value={passphrase} onChange={setPassphrase} showStrength={false} />
          <div>
            <Button type="submit" variant="primary" disabled={busy !== null || passphrase.length === 0}>
              Open
            </Button>
          </div>
        </form>
      )}
      {busy && <p role="status">{busy}</p>}
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}
