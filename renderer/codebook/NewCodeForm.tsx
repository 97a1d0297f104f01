import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useEffect, useId, useRef, useState } from "react";
import type { CodeRecord } from "../../shared/model/records";
import { createCode } from "../db/codes";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";

/**
 * Creating codes, inline above the tree. It stays open after each code so a codebook can be typed
 * in one go (Enter adds, Escape closes); names must be unique among siblings and errors show here.
 */
export function NewCodeForm({
  parent,
  parentChoices,
  onCreated,
  onClose,
}: {
  /** Where new codes go: null for the top level. */
  parent: string | null;
  /** Codes offered as the place (the selected code and the one the form opened for). */
  parentChoices: { id: string; path: string }[];
  onCreated: (code: CodeRecord) => void;
  onClose: () => void;
}) {
  const project = useProject();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [place, setPlace] = useState<string>(parent ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPlace(parent ?? "");
    input.current?.focus();
  }, [parent]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const code = await createCode(project, { name, parentId: place === "" ? null : place });
      setName("");
      onCreated(code);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <form
      aria-label="New code"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onClose();
        }
      }}
      className="flex flex-col gap-1.5 border-b border-slate-200 px-3 py-2 dark:border-slate-700"
    >
      <label htmlFor={`${id}-name`} className="text-sm font-medium">
        New code name
      </label>
      <input
        id={`${id}-name`}
        ref={input}
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      />
      <label htmlFor={`${id}-place`} className="text-xs font-medium">
        Place
      </label>
      <select
        id={`${id}-place`}
        value={place}
        onChange={(e) => setPlace(e.target.value)}
        className="rounded border border-slate-400 bg-white px-1 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      >
        <option value="">At the top level</option>
        {parentChoices.map((c) => (
          <option key={c.id} value={c.id}>
            Inside {c.path}
          </option>
        ))}
      </select>
      {error ? (
        <ErrorText id={`${id}-error`} className="text-xs">
          {error}
        </ErrorText>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          Enter adds the code and keeps this open for the next; Escape closes.
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy || name.trim() === ""} className="px-2 py-1">
          Add code
        </Button>
        <Button onClick={onClose} className="px-2 py-1">
          Close
        </Button>
      </div>
    </form>
  );
}
