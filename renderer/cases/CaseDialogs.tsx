import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useState, type FormEvent } from "react";
import type { CaseRecord } from "../../shared/model/records";
import { createCase, deleteCases } from "../db/cases";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { TextField } from "../ui/TextField";

/** Asks for a new case's name (a participant, site or organisation). */
export function NewCaseDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (c: CaseRecord) => void }) {
  const project = useProject();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      onCreated(await createCase(project, name));
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New case" open onClose={onClose}>
      <form onSubmit={(e) => void onSubmit(e)} className="flex flex-col gap-3">
        <TextField
          label="Case name"
          hint="A participant, site or organisation, e.g. P07 or Site A."
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          error={error}
          autoFocus
          required
        />
        <div className="mt-2 flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            Add case
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Confirms deleting a case; the case is tombstoned and its sources unlinked in one change. */
export function DeleteCaseDialog({
  target,
  sourceCount,
  onClose,
  onDeleted,
}: {
  target: CaseRecord;
  sourceCount: number;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const project = useProject();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onDelete = async () => {
    setBusy(true);
    try {
      await deleteCases(project, [target.id]);
      onDeleted();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Delete case “${target.name}”?`} open onClose={onClose}>
      <p className="text-sm">
        Its attribute values go with it
        {sourceCount > 0
          ? `, and its ${sourceCount === 1 ? "source is" : `${sourceCount} sources are`} unlinked from it (the sources stay in the project)`
          : ""}
        .
      </p>
      {error && <ErrorText className="mt-2 text-sm">{error}</ErrorText>}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose} autoFocus>
          Keep it
        </Button>
        <Button variant="danger" disabled={busy} onClick={() => void onDelete()}>
          Delete case
        </Button>
      </div>
    </Dialog>
  );
}
