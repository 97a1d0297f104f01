import { useId, useState } from "react";
import { describeError } from "../../shared/describeError";
import type { SpeakerRow } from "../../shared/search/speakers";
import { mergeSpeakerLabels } from "../db/speakers";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { ErrorText } from "../ui/ErrorText";

/** Gives the ticked speakers' labels one name (they become one speaker), as one undo step. */
export function MergeLabelsDialog({
  rows,
  initialName,
  onClose,
  onDone,
}: {
  rows: SpeakerRow[];
  initialName: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const project = useProject();
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  const labels = rows.flatMap((r) => r.labels);

  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      await mergeSpeakerLabels(project, labels, name);
      onDone(`Merged ${labels.length} labels as ${name.trim()}.`);
    } catch (e) {
      setError(`Nothing was merged: ${describeError(e)}`);
      setBusy(false);
    }
  };

  return (
    <Dialog title="Merge speaker labels" open onClose={onClose}>
      <p className="mb-2 text-sm">These labels will count as one speaker: {labels.map((l) => `“${l}”`).join(", ")}.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void merge();
        }}
        className="flex flex-col gap-3"
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          Speaker name
          <input
            value={name}
            list={listId}
            onChange={(e) => setName(e.target.value)}
            className="rounded border border-slate-400 bg-white px-2 py-1.5 text-sm font-normal dark:border-slate-600 dark:bg-slate-800"
          />
          <datalist id={listId}>
            {[...new Set([...rows.map((r) => r.name), ...labels])].map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        {error && <ErrorText>{error}</ErrorText>}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy || !name.trim()}>
            Merge
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
