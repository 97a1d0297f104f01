import { plural } from "../../shared/text/plural";
import { useId, useMemo, useState, type ReactNode } from "react";
import { flattenTree, indexCodes, pathNames } from "../../shared/coding/codeTree";
import type { CodeRecord } from "../../shared/model/records";
import { searchCodeRows } from "../../shared/retrieval/codeSearch";
import { Button } from "./Button";

interface Row {
  code: CodeRecord;
  depth: number;
  name: string;
  label: string;
  /** Shown only because a code below it matches the search. */
  context: boolean;
}

/** What the checklist is for, in the words of the view that uses it (retrieval, reports, comparison). */
export interface CodeChecklistWording {
  legend?: string;
  searchLabel?: string;
  listLabel?: string;
  /** When given, a button that chooses every code. */
  chooseAllLabel?: string;
  emptyHint?: string;
}

/**
 * The codes to retrieve (or report, or compare): the codebook as a checklist tree, with a search that
 * keeps the parents of matching codes visible so a researcher always sees where a code sits.
 * `children` go between the count and the list (e.g. an "Include sub-codes" option). For choosing ONE
 * code, see CodeCombobox.
 */
export interface CodeChecklistProps {
  codes: readonly CodeRecord[];
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
  wording?: CodeChecklistWording;
  listClassName?: string;
  children?: ReactNode;
}

export function CodeChecklist({ codes, chosen, onChange, wording = {}, listClassName = "min-h-0 flex-1", children }: CodeChecklistProps) {
  const id = useId();
  const [search, setSearch] = useState("");
  const all = useMemo<Row[]>(() => {
    const index = indexCodes(codes);
    return flattenTree(index).map(({ code, depth }) => ({
      code,
      depth,
      name: code.name,
      label: pathNames(index, code.id).join(" / "),
      context: false,
    }));
  }, [codes]);
  const rows = useMemo(() => searchCodeRows(all, search).map(({ row, context }) => ({ ...row, context })), [all, search]);
  const chosenSet = new Set(chosen);

  const toggle = (codeId: string, on: boolean) =>
    onChange(on ? [...chosen.filter((c) => c !== codeId), codeId] : chosen.filter((c) => c !== codeId));

  return (
    // min-w-0: a fieldset is at least as wide as its widest line by default, so a long code name
    // would push the checklist out over the results beside it.
    <fieldset className="flex min-h-0 min-w-0 flex-col gap-2">
      <legend className="mb-1 text-sm font-semibold">{wording.legend ?? "Codes to retrieve"}</legend>
      <input
        type="search"
        aria-label={wording.searchLabel ?? "Find a code"}
        placeholder="Find a code…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="w-full min-w-0 rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      />
      <div className="flex flex-wrap items-center justify-between gap-1 text-xs text-slate-700 dark:text-slate-300">
        <span id={`${id}-count`} aria-live="polite">
          {chosen.length === 0 ? "No codes chosen" : `${plural(chosen.length, "code")} chosen`}
        </span>
        <span className="flex flex-wrap gap-1">
          {wording.chooseAllLabel && (
            <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => onChange(codes.map((c) => c.id))}>
              {wording.chooseAllLabel}
            </Button>
          )}
          {chosen.length > 0 && (
            <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => onChange([])}>
              Clear codes
            </Button>
          )}
        </span>
      </div>
      {children}
      {codes.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {wording.emptyHint ?? "This project has no codes yet. Create codes in the codebook on the right."}
        </p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No code matches “{search.trim()}”.</p>
      ) : (
        <ul
          aria-label={wording.listLabel ?? "Code checklist"}
          aria-describedby={`${id}-count`}
          className={`${listClassName} overflow-auto rounded border border-slate-300 p-1 dark:border-slate-700`}
        >
          {rows.map((row) => (
            <li key={row.code.id} style={{ paddingLeft: `${row.depth * 1}rem` }}>
              <label
                className={`flex min-w-0 cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${row.context ? "text-slate-500 dark:text-slate-400" : ""}`}
              >
                <input
                  type="checkbox"
                  aria-label={row.label}
                  checked={chosenSet.has(row.code.id)}
                  onChange={(e) => toggle(row.code.id, e.target.checked)}
                  className="shrink-0 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
                />
                <span
                  aria-hidden="true"
                  className="inline-block h-3 w-3 shrink-0 rounded-sm border border-black/20"
                  style={{ backgroundColor: row.code.colour }}
                />
                <span className="min-w-0 truncate" title={row.label}>
                  {row.code.name}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
