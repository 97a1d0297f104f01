import { ErrorText } from "../ui/ErrorText";
import { useState, type FormEvent } from "react";
import { fingerprint, MIN_PASSPHRASE_LENGTH, recipientOf } from "../../shared/bundle";
import { bundleCodec } from "../db/exchange/codec";
import { mySecretKey, adoptSavedKey, type MyKey } from "../db/identity";
import { useHost } from "../host/HostContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { errorText } from "./messages";
import { PassphraseField } from "./PassphraseField";

/**
 * Settings: save a passphrase-locked copy of my key, and use a saved copy (a new laptop, a wiped browser
 * profile). Without the key, bundles sent to me and my automatic backups cannot be opened.
 */
export function KeyCopy({ myKey, onKeyChanged }: { myKey: MyKey; onKeyChanged: () => void }) {
  const [open, setOpen] = useState<"save" | "use" | null>(null);
  return (
    <div className="mt-2 flex flex-wrap gap-2">
      <Button onClick={() => setOpen("save")}>Save a copy of my key…</Button>
      <Button onClick={() => setOpen("use")}>Use a saved key…</Button>
      <SaveKeyDialog open={open === "save"} myKey={myKey} onClose={() => setOpen(null)} />
      <UseSavedKeyDialog open={open === "use"} onClose={() => setOpen(null)} onKeyChanged={onKeyChanged} />
    </div>
  );
}

function SaveKeyDialog({ open, myKey, onClose }: { open: boolean; myKey: MyKey; onClose: () => void }) {
  const host = useHost();
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setPassphrase("");
    setAgain("");
    setError(null);
    setStatus(null);
    onClose();
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setStatus(null);
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) return setError(`Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    if (passphrase !== again) return setError("The two passphrases differ. Type the same passphrase twice.");
    setBusy(true);
    try {
      const bytes = await bundleCodec().sealKey(await mySecretKey(host.keyProtection), passphrase);
      const suggestedName = `margin-key-${myKey.fingerprint.replace(/\s+/g, "")}.age`;
      const saved = await host.saveFile({
        suggestedName,
        data: bytes,
        mimeType: "application/octet-stream",
        filters: [{ name: "Saved Margin key", extensions: ["age"] }],
      });
      if (saved)
        setStatus(`Saved ${suggestedName}. Keep it somewhere safe and apart from this laptop, with the passphrase somewhere else.`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Save a copy of my key" open={open} onClose={close}>
      <form className="flex flex-col gap-3 text-sm" onSubmit={(e) => void save(e)}>
        <p>
          Bundles sent to you and your automatic backups open only with your key (fingerprint{" "}
          <span className="font-mono">{myKey.fingerprint}</span>). Save a copy, locked with a passphrase, to use on a new laptop or after
          this browser profile is reset. Anyone with the file and the passphrase can open your bundles.
        </p>
        <PassphraseField
          label="Passphrase for the key file"
          value={passphrase}
          onChange={setPassphrase}
          showStrength
          goodAdvice="Good. Keep it to yourself, and not with the file: anyone with both can open your bundles."
        />
        <PassphraseField label="Passphrase again" value={again} onChange={setAgain} showStrength={false} />
        {error && <ErrorText>{error}</ErrorText>}
        {status && <p role="status">{status}</p>}
        <div className="flex justify-end gap-2">
          <Button type="button" onClick={close}>
            {status ? "Close" : "Cancel"}
          </Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? "Locking the key…" : "Save key file…"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function UseSavedKeyDialog({ open, onClose, onKeyChanged }: { open: boolean; onClose: () => void; onKeyChanged: () => void }) {
  const host = useHost();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [found, setFound] = useState<{ identity: string; fingerprint: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setFile(null);
    setPassphrase("");
    setFound(null);
    setError(null);
    setStatus(null);
    onClose();
  };

  async function choose() {
    setError(null);
    setFound(null);
    try {
      const [picked] = await host.pickFiles({
        title: "Use a saved key",
        filters: [{ name: "Saved Margin key", extensions: ["age"] }],
        multiple: false,
      });
      if (picked) setFile({ name: picked.name, bytes: await picked.bytes() });
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function unlock(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const identity = await bundleCodec().openKey(file.bytes, passphrase, file.name);
      setFound({ identity, fingerprint: fingerprint(await recipientOf(identity)) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function use() {
    if (!found) return;
    setError(null);
    try {
      const { previous, current } = await adoptSavedKey(found.identity, host.keyProtection);
      setStatus(
        `Your key is now ${current.fingerprint}. Your previous key (${previous.fingerprint}) is kept, so bundles and backups locked to it still open.`,
      );
      setFound(null);
      onKeyChanged();
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <Dialog title="Use a saved key" open={open} onClose={close}>
      <div className="flex flex-col gap-3 text-sm">
        <p>Choose a key file saved with “Save a copy of my key…”, then type its passphrase.</p>
        <div className="flex items-center gap-2">
          <Button onClick={() => void choose()}>Choose key file…</Button>
          {file && <span>{file.name}</span>}
        </div>
        {file && !found && !status && (
          <form className="flex flex-col gap-2" onSubmit={(e) => void unlock(e)}>
            <PassphraseField label="Passphrase of the key file" value={passphrase} onChange={setPassphrase} showStrength={false} />
            <div>
              <Button type="submit" variant="primary" disabled={busy || passphrase.length === 0}>
                {busy ? "Opening…" : "Open key file"}
              </Button>
            </div>
          </form>
        )}
        {found && (
          <div className="flex flex-col gap-2">
            <p>
              This file holds the key with fingerprint <span className="font-mono">{found.fingerprint}</span>. Team members who have this
              key in their list can send you bundles again.
            </p>
            <div>
              <Button variant="primary" onClick={() => void use()}>
                Use this key
              </Button>
            </div>
          </div>
        )}
        {error && <ErrorText>{error}</ErrorText>}
        {status && <p role="status">{status}</p>}
        <div className="flex justify-end">
          <Button onClick={close}>{status ? "Close" : "Cancel"}</Button>
        </div>
      </div>
    </Dialog>
  );
}
