import { describeError } from "../../shared/describeError";
import { useState, type FormEvent } from "react";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { TextField } from "../ui/TextField";

/** Asks for a project name: used for both "New project" and "Rename". */
export function ProjectNameDialog({
  title,
  submitLabel,
  initialName,
  onSubmit,
  onClose,
}: {
  title: string;
  submitLabel: string;
  initialName: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(name);
      onClose();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} open onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
        <TextField label="Project name" value={name} onChange={(e) => setName(e.target.value)} autoFocus error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy || !name.trim()}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Deleting a project asks the researcher to type its name: one clear dialog, no accidental clicks. */
export function DeleteProjectDialog({
  projectName,
  onConfirm,
  onClose,
}: {
  projectName: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const matches = typed.trim() === projectName;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    await onConfirm();
    onClose();
  }

  return (
    <Dialog title={`Delete “${projectName}”?`} open onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
        <p className="text-sm">
          The project disappears from your list. Its data stays on this computer and you can restore it from “Deleted projects” on the home
          screen.
        </p>
        <TextField
          label={`Type the project name to confirm`}
          hint={projectName}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoFocus
        />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={!matches || busy}>
            Delete project
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
