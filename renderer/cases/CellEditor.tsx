import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

export type EditorMove = "down" | "right" | "left" | "none";

/**
 * The editor that replaces a sheet cell while it is edited: a text box, or a select for a category.
 * `onCommit` checks the draft at once and returns an error message (shown inline, nothing saved) or
 * null when it was accepted; the save itself runs in the background so typing ahead is never lost.
 */
export function CellEditor({
  label,
  initial,
  options,
  placeholder,
  inputMode,
  onCommit,
  onCancel,
  onBlurInvalid,
}: {
  label: string;
  initial: string;
  /** Given for a category: the select's options (an empty choice clears the value). */
  options?: readonly string[];
  placeholder?: string;
  inputMode?: "text" | "decimal";
  onCommit: (draft: string, move: EditorMove) => string | null;
  onCancel: () => void;
  /** Leaving the cell with a value that does not fit: the edit is dropped and the message reported. */
  onBlurInvalid: (message: string) => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  // Set once Enter, Tab or Escape has decided the edit, so the blur that follows is not a second commit.
  const settled = useRef(false);
  const errorId = useId();

  useEffect(() => {
    selectRef.current?.focus();
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    // Typing started the edit: put the caret after the typed character.
    input.setSelectionRange(input.value.length, input.value.length);
  }, []);

  const commit = (move: EditorMove) => {
    const message = onCommit(draft, move);
    if (message === null) settled.current = true;
    else setError(message);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      commit("down");
    } else if (event.key === "Tab") {
      event.preventDefault();
      event.stopPropagation();
      commit(event.shiftKey ? "left" : "right");
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      settled.current = true;
      onCancel();
    } else {
      // Arrow keys and letters belong to the editor while it is open, not to the sheet.
      event.stopPropagation();
    }
  };

  const onBlur = () => {
    if (settled.current) return;
    settled.current = true;
    const message = onCommit(draft, "none");
    if (message !== null) onBlurInvalid(message);
  };

  const shared = {
    "aria-label": label,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
    onKeyDown,
    onBlur,
    className:
      "h-full w-full rounded-none border-2 border-blue-700 bg-white px-2 text-sm text-slate-900 outline-none dark:border-sky-400 dark:bg-slate-800 dark:text-slate-100 aria-[invalid=true]:border-red-700",
  };

  return (
    <div className="relative h-full w-full">
      {options ? (
        <select ref={selectRef} value={draft} onChange={(e) => setDraft(e.target.value)} {...shared}>
          <option value="">(no value)</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          ref={inputRef}
          value={draft}
          placeholder={placeholder}
          inputMode={inputMode}
          spellCheck={false}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          {...shared}
        />
      )}
      {error && (
        <p
          id={errorId}
          role="alert"
          className="absolute left-0 top-full z-30 mt-0.5 w-72 rounded border border-red-700 bg-red-50 px-2 py-1 text-xs text-red-900 shadow dark:border-red-400 dark:bg-red-950 dark:text-red-100"
        >
          {error} Press Escape to cancel.
        </p>
      )}
    </div>
  );
}
