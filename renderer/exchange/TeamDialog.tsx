import { ErrorText } from "../ui/ErrorText";
import { useState, type FormEvent } from "react";
import { fingerprint } from "../../shared/bundle";
import { addTeamMember, listTeam, removeTeamMember, type TeamMember } from "../db/identity";
import { useLive } from "../db/live";
import { useHost } from "../host/HostContext";
import type { OpenProject } from "../db/projects";
import { CoderColours } from "./CoderColours";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { RecordRow, RecordTable, type RecordColumn } from "../ui/RecordTable";
import { TextField } from "../ui/TextField";
import { errorText } from "./messages";
import { keyProtectionNotice } from "./keyProtectionNotice";
import { useMyKey } from "./useMyKey";

/** My public key to share, and the team address book (shared by every project on this computer). */
const MEMBER_COLUMNS: readonly RecordColumn[] = [{ name: "Name" }, { name: "Fingerprint" }, { name: "Actions", hidden: true }];

export function TeamDialog({ open, onClose, project }: { open: boolean; onClose: () => void; project?: OpenProject }) {
  return (
    <Dialog title="Team" open={open} onClose={onClose} wide>
      {open && project && <CoderColours project={project} />}
      {open && <TeamContent onClose={onClose} />}
    </Dialog>
  );
}

function TeamContent({ onClose }: { onClose: () => void }) {
  const host = useHost();
  const { key, level, error: keyError } = useMyKey();
  const members = useLive(() => listTeam(), []);
  const [copied, setCopied] = useState(false);
  const [name, setName] = useState("");
  const [recipient, setRecipient] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [removing, setRemoving] = useState<TeamMember | null>(null);

  async function copy() {
    if (!key) return;
    try {
      await navigator.clipboard.writeText(key.recipient);
      setCopied(true);
    } catch {
      setCopied(false);
      setStatus("Copying was not allowed: select the key and copy it by hand.");
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    try {
      const member = await addTeamMember({ name, recipient });
      setName("");
      setRecipient("");
      setError(null);
      setStatus(`Added ${member.name}.`);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div className="flex flex-col gap-5 text-sm">
      <section aria-labelledby="my-key-heading">
        <h3 id="my-key-heading" className="font-semibold">
          Your public key
        </h3>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          Send this to your team so they can lock bundles to you. It is public: it cannot open anything by itself.
        </p>
        {keyError && <ErrorText className="mt-2">{keyError}</ErrorText>}
        {key && (
          <>
            <div className="mt-2 flex items-center gap-2">
              <input
                readOnly
                aria-label="Your public key"
                value={key.recipient}
                onFocus={(e) => e.currentTarget.select()}
                className="min-w-0 flex-1 rounded border border-slate-400 bg-slate-50 px-2 py-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800"
              />
              <Button onClick={() => void copy()}>Copy</Button>
              {copied && (
                <span role="status" className="text-xs text-green-700 dark:text-green-400">
                  Copied
                </span>
              )}
            </div>
            <p className="mt-2">
              Fingerprint to read aloud when you swap keys:{" "}
              <strong className="font-mono tracking-wider" data-testid="my-fingerprint">
                {key.fingerprint}
              </strong>
            </p>
            <p className="mt-2 text-slate-600 dark:text-slate-400" data-testid="key-protection">
              {level ? keyProtectionNotice(key, host.kind, level).text : "…"}
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="members-heading">
        <h3 id="members-heading" className="font-semibold">
          Team members
        </h3>
        {members && members.length === 0 && (
          <p className="mt-1 text-slate-600 dark:text-slate-400">No team members yet. Add them with their public key.</p>
        )}
        {members && members.length > 0 && (
          <RecordTable className="mt-2" columns={MEMBER_COLUMNS}>
            {members.map((m) => (
              <RecordRow key={m.recipient}>
                <td className="py-1">{m.name}</td>
                <td className="py-1 font-mono text-xs" title={m.recipient}>
                  {fingerprint(m.recipient)}
                </td>
                <td className="py-1 text-right">
                  <Button variant="ghost" onClick={() => setRemoving(m)} aria-label={`Remove ${m.name}`}>
                    Remove
                  </Button>
                </td>
              </RecordRow>
            ))}
          </RecordTable>
        )}
        {removing && (
          <div
            role="alertdialog"
            aria-label={`Remove ${removing.name}?`}
            className="mt-2 rounded border border-amber-400 bg-amber-50 p-3 dark:bg-amber-950/40"
          >
            <p>
              Remove {removing.name} from the team? Bundles you make from now on will not be readable by them. Bundles already sent stay
              readable.
            </p>
            <div className="mt-2 flex gap-2">
              <Button
                variant="danger"
                onClick={() => {
                  const who = removing;
                  void removeTeamMember(who.recipient).then(() => {
                    setRemoving(null);
                    setStatus(`Removed ${who.name}.`);
                  });
                }}
              >
                Remove {removing.name}
              </Button>
              <Button onClick={() => setRemoving(null)}>Keep</Button>
            </div>
          </div>
        )}
      </section>

      <form onSubmit={(e) => void add(e)} aria-label="Add team member" className="flex flex-col gap-2">
        <h3 className="font-semibold">Add team member</h3>
        <TextField label="Member name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        <TextField
          label="Member public key"
          value={recipient}
          onChange={(e) => setRecipient(e.target.value)}
          placeholder="age1…"
          spellCheck={false}
          autoComplete="off"
          error={error}
          hint="Check the fingerprint shown after adding with the member, e.g. by phone."
        />
        <div>
          <Button type="submit" variant="primary">
            Add member
          </Button>
        </div>
      </form>
      {status && <p role="status">{status}</p>}
      <div className="flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
