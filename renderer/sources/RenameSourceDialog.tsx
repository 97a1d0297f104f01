import { describeError } from "../../shared/describeError";
import { useState, type FormEvent } from "react";
import type { SourceRecord } from "../../shared/model/records";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { TextField } from "../ui/TextField";

export function RenameSourceDialog({
  source,
  onRename,
  onClose,
}: {
  source: SourceRecord;
  onRename: (name: string) => Promise<void>;
  onClose: () => void;
}) {
  const [name, setName] = useState(source.name);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await onRename(name);
      onClose();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <Dialog title={`Rename “${source.name}”`} open onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
        <TextField label="Source name" value={name} onChange={(e) => setName(e.target.value)} autoFocus error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!name.trim()}>
            Rename
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
