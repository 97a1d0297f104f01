import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useId, useState, type FormEvent } from "react";
import type { AttributeRecord, AttributeType } from "../../shared/model/records";
import { ATTRIBUTE_TYPE_LABELS } from "../../shared/cases/values";
import { createAttribute, deleteAttribute, moveAttribute, updateAttribute } from "../db/cases";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { TextArea } from "../ui/TextArea";
import { TextField } from "../ui/TextField";

const TYPES = Object.keys(ATTRIBUTE_TYPE_LABELS) as AttributeType[];

/**
 * "New attribute" (no `attribute`) or the settings of an existing one: name, type, the list of options
 * for "one of a list", its column position, and delete (after a confirmation step).
 */
export function AttributeDialog({
  attribute,
  position,
  count,
  onClose,
  onDone,
}: {
  attribute: AttributeRecord | null;
  /** The attribute's column position (0-based) and how many attributes there are, for moving it. */
  position: number;
  count: number;
  onClose: () => void;
  onDone: (status: string) => void;
}) {
  const project = useProject();
  const [name, setName] = useState(attribute?.name ?? "");
  const [type, setType] = useState<AttributeType>(attribute?.type ?? "text");
  const [options, setOptions] = useState((attribute?.options ?? []).join("\n"));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const typeId = useId();

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await work());
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  const optionList = () => options.split(/\r?\n/);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (type === "category" && optionList().every((o) => o.trim() === "") && !attribute) {
      setError("Add at least one option, one per line.");
      return;
    }
    void run(async () => {
      if (attribute) {
        await updateAttribute(project, attribute.id, { name, type, options: optionList() });
        return `Saved attribute ${name.trim()}.`;
      }
      await createAttribute(project, { name, type, options: optionList() });
      return `Added attribute ${name.trim()}.`;
    });
  };

  const title = attribute ? `Attribute “${attribute.name}”` : "New attribute";
  if (attribute && confirmingDelete) {
    return (
      <Dialog title={`Delete attribute “${attribute.name}”?`} open onClose={onClose}>
        <p className="text-sm">The column disappears from every case, with the values in it.</p>
        {error && <ErrorText className="mt-2 text-sm">{error}</ErrorText>}
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setConfirmingDelete(false)}>Keep it</Button>
          <Button
            variant="danger"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await deleteAttribute(project, attribute.id);
                return `Deleted attribute ${attribute.name}.`;
              })
            }
          >
            Delete attribute
          </Button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={title} open onClose={onClose}>
      <form onSubmit={onSubmit} className="flex flex-col gap-3">
        <TextField label="Attribute name" value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
        <div className="flex flex-col gap-1">
          <label htmlFor={typeId} className="text-sm font-medium">
            Type
          </label>
          <select
            id={typeId}
            value={type}
            onChange={(e) => setType(e.target.value as AttributeType)}
            className="rounded border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
          >
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {ATTRIBUTE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        {type === "category" && (
          <TextArea
            label="Options"
            hint="One option per line, e.g. Nurse, GP, Manager."
            value={options}
            onChange={(e) => setOptions(e.target.value)}
            rows={5}
          />
        )}
        {attribute && count > 1 && (
          <div className="flex items-center gap-2 text-sm">
            <span>
              Column position {position + 1} of {count}
            </span>
            <Button
              disabled={busy || position === 0}
              onClick={() => void moveAttribute(project, attribute.id, position - 1).catch((e: unknown) => setError(describeError(e)))}
            >
              Move left
            </Button>
            <Button
              disabled={busy || position >= count - 1}
              onClick={() => void moveAttribute(project, attribute.id, position + 1).catch((e: unknown) => setError(describeError(e)))}
            >
              Move right
            </Button>
          </div>
        )}
        {error && <ErrorText className="text-sm">{error}</ErrorText>}
        <div className="mt-2 flex items-center gap-2">
          {attribute && (
            <Button variant="danger" onClick={() => setConfirmingDelete(true)}>
              Delete attribute…
            </Button>
          )}
          <span className="flex-1" />
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {attribute ? "Save" : "Add attribute"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
