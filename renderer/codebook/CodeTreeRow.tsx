import { ErrorText } from "../ui/ErrorText";
import { memo, useEffect, useRef, useState, type DragEvent, type MouseEvent, type ReactNode } from "react";
import type { CodeCount } from "../../shared/coding/counts";
import { plural } from "./DeleteCodeDialog";
import { foldForFilter, type TreeRow } from "./treeRows";

export type DropMark = "before" | "after" | "inside" | "code";

export interface RowHandlers {
  onClick: (id: string) => void;
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
  onContextMenu: (id: string, at: { x: number; y: number }) => void;
  onDragStart: (id: string, event: DragEvent) => void;
  onDragOver: (row: TreeRow, event: DragEvent) => void;
  onDragLeave: (id: string, event: DragEvent) => void;
  onDrop: (row: TreeRow, event: DragEvent) => void;
  onDragEnd: () => void;
  /** Resolves to an error message, or null when the new name was saved. */
  onRenameCommit: (id: string, name: string) => Promise<string | null>;
  onRenameCancel: (id: string) => void;
}

const MARKS: Record<DropMark, string> = {
  before: "border-t-2 border-t-blue-700 dark:border-t-sky-300",
  after: "border-b-2 border-b-blue-700 dark:border-b-sky-300",
  inside: "outline-2 -outline-offset-2 outline-dashed outline-blue-700 dark:outline-sky-300",
  code: "outline-2 -outline-offset-2 outline-blue-700 bg-blue-50 dark:outline-sky-300 dark:bg-sky-950",
};

/** The name with the filter's match underlined (not just coloured). */
function highlighted(name: string, filter: string): ReactNode {
  const q = foldForFilter(filter.trim());
  if (!q) return name;
  // Folding keeps length for most names; when it does not (ligatures…), show the name plain.
  const folded = foldForFilter(name);
  const at = folded.length === name.length ? folded.indexOf(q) : -1;
  if (at < 0) return name;
  return (
    <>
      {name.slice(0, at)}
      <mark className="bg-yellow-200 underline dark:bg-yellow-700 dark:text-white">{name.slice(at, at + q.length)}</mark>
      {name.slice(at + q.length)}
    </>
  );
}

export function countText(count: CodeCount | undefined, withSubCodes: boolean): string {
  const codings = withSubCodes ? (count?.codingsWithDescendants ?? 0) : (count?.codings ?? 0);
  const sources = withSubCodes ? (count?.sourcesWithDescendants ?? 0) : (count?.sources ?? 0);
  return `${plural(codings, "coding")} in ${plural(sources, "source")}${withSubCodes ? ", including sub-codes" : ""}`;
}

function RenameField({ id, name, handlers }: { id: string; name: string; handlers: RowHandlers }) {
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const commit = async (fromBlur: boolean) => {
    if (done.current) return;
    if (value.trim() === name) {
      done.current = true;
      handlers.onRenameCancel(id);
      return;
    }
    const problem = await handlers.onRenameCommit(id, value);
    if (problem === null) done.current = true;
    else if (fromBlur) {
      done.current = true;
      handlers.onRenameCancel(id);
    } else setError(problem);
  };
  return (
    <span className="flex min-w-0 flex-1 flex-col">
      <input
        ref={input}
        autoFocus
        aria-label={`New name for “${name}”`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `rename-error-${id}` : undefined}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation(); // the tree's keys must not act while typing
          if (e.key === "Enter") {
            e.preventDefault();
            void commit(false);
          } else if (e.key === "Escape") {
            e.preventDefault();
            done.current = true;
            handlers.onRenameCancel(id);
          }
        }}
        onBlur={() => void commit(true)}
        className="min-w-0 rounded border border-slate-500 bg-white px-1 text-sm dark:bg-slate-800"
      />
      {error && (
        <ErrorText as="span" id={`rename-error-${id}`} className="text-xs whitespace-normal">
          {error}
        </ErrorText>
      )}
    </span>
  );
}

export const CodeTreeRow = memo(function CodeTreeRow({
  row,
  index,
  start,
  selected,
  tabbable,
  editing,
  filter,
  count,
  withSubCodes,
  mark,
  handlers,
  measure,
}: {
  row: TreeRow;
  index: number;
  start: number;
  selected: boolean;
  tabbable: boolean;
  editing: boolean;
  filter: string;
  count: CodeCount | undefined;
  withSubCodes: boolean;
  mark: DropMark | null;
  handlers: RowHandlers;
  measure: (element: HTMLElement | null) => void;
}) {
  const { code } = row;
  const descriptionId = `code-counts-${code.id}`;
  const shownCodings = withSubCodes ? (count?.codingsWithDescendants ?? 0) : (count?.codings ?? 0);
  const shownSources = withSubCodes ? (count?.sourcesWithDescendants ?? 0) : (count?.sources ?? 0);
  const text = countText(count, withSubCodes);
  return (
    <div
      ref={measure}
      data-index={index}
      data-code-id={code.id}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={selected}
      aria-label={code.name}
      aria-describedby={descriptionId}
      tabIndex={tabbable ? 0 : -1}
      draggable={!editing}
      onClick={() => handlers.onClick(code.id)}
      onDoubleClick={() => handlers.onOpen(code.id)}
      onContextMenu={(e: MouseEvent) => {
        e.preventDefault();
        handlers.onContextMenu(code.id, { x: e.clientX, y: e.clientY });
      }}
      onDragStart={(e) => handlers.onDragStart(code.id, e)}
      onDragOver={(e) => handlers.onDragOver(row, e)}
      onDragLeave={(e) => handlers.onDragLeave(code.id, e)}
      onDrop={(e) => handlers.onDrop(row, e)}
      onDragEnd={handlers.onDragEnd}
      style={{ transform: `translateY(${start}px)`, paddingLeft: `${0.25 + row.depth * 1.1}rem` }}
      className={`absolute top-0 left-0 flex w-full cursor-default items-center gap-1.5 py-1 pr-2 text-sm outline-none select-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-inset ${
        selected ? "bg-blue-100 text-blue-950 dark:bg-sky-900/60 dark:text-sky-50" : "hover:bg-slate-100 dark:hover:bg-slate-800"
      } ${mark ? MARKS[mark] : ""}`}
    >
      <span
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          if (row.hasChildren) handlers.onToggle(code.id);
        }}
        className="inline-flex w-4 shrink-0 justify-center text-xs text-slate-600 dark:text-slate-300"
      >
        {row.hasChildren ? (row.expanded ? "▾" : "▸") : ""}
      </span>
      <span
        aria-hidden="true"
        className="h-3 w-3 shrink-0 rounded-sm border border-slate-600 dark:border-slate-300"
        style={{ backgroundColor: code.colour }}
      />
      {code.isCategory && (
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0 fill-current text-slate-700 dark:text-slate-200">
          <path d="M1 3.5A1.5 1.5 0 0 1 2.5 2h3.6l1.5 1.5h5.9A1.5 1.5 0 0 1 15 5v7.5a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 1 12.5z" />
        </svg>
      )}
      {editing ? (
        <RenameField id={code.id} name={code.name} handlers={handlers} />
      ) : (
        <span
          className={`min-w-0 flex-1 truncate ${code.isCategory ? "font-bold" : ""} ${row.match ? "" : "text-slate-600 italic dark:text-slate-400"}`}
          title={code.name}
        >
          {highlighted(code.name, filter)}
        </span>
      )}
      <span
        aria-hidden="true"
        title={text}
        className={`shrink-0 text-xs tabular-nums text-slate-600 dark:text-slate-300 ${withSubCodes ? "italic" : ""}`}
      >
        {shownCodings.toLocaleString()} · {shownSources.toLocaleString()}
      </span>
      <span id={descriptionId} className="sr-only">
        {code.isCategory ? "Category. " : ""}
        {text}
      </span>
    </div>
  );
});
