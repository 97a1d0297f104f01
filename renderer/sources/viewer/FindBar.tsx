import type { KeyboardEvent, RefObject } from "react";
import { Button } from "../../ui/Button";
import type { FindState } from "./useFind";

const count = new Intl.NumberFormat();

export function hitCountLabel(find: Pick<FindState, "query" | "hits" | "current">): string {
  if (!find.query) return "";
  if (find.hits.length === 0) return "No matches";
  return `${count.format(find.current + 1)} of ${count.format(find.hits.length)}`;
}

/** The find box: Enter / Shift+Enter step through hits, Escape closes (and selects the current hit). */
export function FindBar({
  find,
  inputRef,
  onQuery,
  onClose,
}: {
  find: FindState;
  inputRef: RefObject<HTMLInputElement | null>;
  onQuery: (query: string) => void;
  onClose: () => void;
}) {
  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      find.step(event.shiftKey ? -1 : 1);
    }
  };
  // Escape closes from anywhere in the bar, the step buttons included.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };
  const none = find.hits.length === 0;
  return (
    <div
      role="search"
      aria-label="Find in source"
      onKeyDown={onKeyDown}
      className="flex items-center gap-2 border-b border-slate-300 bg-slate-100 px-4 py-1.5 dark:border-slate-700 dark:bg-slate-800"
    >
      <input
        ref={inputRef}
        type="text"
        aria-label="Find in source"
        placeholder="Find in source"
        value={find.query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={onInputKeyDown}
        spellCheck={false}
        className="w-64 rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
      />
      <span role="status" aria-live="polite" className="min-w-24 text-sm tabular-nums text-slate-700 dark:text-slate-300">
        {hitCountLabel(find)}
      </span>
      <Button
        variant="ghost"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={none}
        onClick={() => find.step(-1)}
      >
        <span aria-hidden="true">↑</span>
      </Button>
      <Button variant="ghost" aria-label="Next match" title="Next match (Enter)" disabled={none} onClick={() => find.step(1)}>
        <span aria-hidden="true">↓</span>
      </Button>
      <Button variant="ghost" aria-label="Close find" title="Close (Escape)" onClick={onClose} className="ml-auto">
        <span aria-hidden="true">✕</span>
      </Button>
    </div>
  );
}
