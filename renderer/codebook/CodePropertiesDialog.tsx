import { describeError } from "../../shared/describeError";
import { useId, useState } from "react";
import { formatDescription, parseDescription, type DescriptionParts } from "../../shared/codebook/description";
import type { CodeRecord } from "../../shared/model/records";
import { saveCodeProperties } from "../db/codes";
import { MemoEditor } from "../memos/MemoEditor";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { TextArea } from "../ui/TextArea";
import { TextField } from "../ui/TextField";
import { ColourPicker } from "./ColourPicker";

const PARTS: { key: keyof DescriptionParts; label: string; hint: string }[] = [
  { key: "definition", label: "Definition", hint: "What the code means." },
  { key: "whenToUse", label: "When to use", hint: "What text belongs here." },
  { key: "whenNotToUse", label: "When not to use", hint: "Near misses, and where they go instead." },
  { key: "example", label: "Example", hint: "A typical quotation." },
];

/** Name, colour, category and the codebook description (definition, when to use…) of one code, and its memo. */
export function CodePropertiesDialog({ code, path, onClose }: { code: CodeRecord; path: string; onClose: () => void }) {
  const project = useProject();
  const formId = useId();
  const [name, setName] = useState(code.name);
  const [colour, setColour] = useState(code.colour);
  const [isCategory, setIsCategory] = useState(code.isCategory);
  const [parts, setParts] = useState<DescriptionParts>(() => parseDescription(code.description));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await saveCodeProperties(project, code.id, { name, colour, isCategory, description: formatDescription(parts) });
      onClose();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Code properties" open onClose={onClose} wide>
      <p className="-mt-2 mb-3 text-sm text-slate-600 dark:text-slate-400">{path}</p>
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        className="flex flex-col gap-3"
      >
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={error} required autoFocus />
        <ColourPicker name={`${formId}-colour`} value={colour} onChange={setColour} />
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={isCategory} onChange={(e) => setIsCategory(e.target.checked)} className="mt-0.5" />
          <span>
            <span className="font-medium">Is a category</span>
            <span className="block text-xs text-slate-600 dark:text-slate-400">
              A grouping code for organising others, shown in bold with a folder.
            </span>
          </span>
        </label>
        <div className="grid gap-3 sm:grid-cols-2">
          {PARTS.map((part) => (
            <TextArea
              key={part.key}
              label={part.label}
              hint={part.hint}
              value={parts[part.key]}
              onChange={(e) => setParts((p) => ({ ...p, [part.key]: e.target.value }))}
            />
          ))}
        </div>
      </form>
      <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-700">
        <h3 className="text-sm font-semibold">Code memo</h3>
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">The memo is saved as you type, apart from Save and Cancel below.</p>
        <MemoEditor target={{ kind: "code", id: code.id }} label="Code memo" />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" type="submit" form={formId} disabled={busy}>
          Save
        </Button>
      </div>
    </Dialog>
  );
}
