import { useId, useMemo, useState } from "react";
import { flattenTree, indexCodes, pathNames } from "../../shared/coding/codeTree";
import type { CodeRecord } from "../../shared/model/records";
import { searchCodeRows } from "../../shared/retrieval/codeSearch";
import { Button } from "../ui/Button";

interface Row {
  code: CodeRecord;
  depth: number;
  name: string;
  label: string;
  /** Shown only because a code below it matches the search. */
  context: boolean;
}

/**
 * The codes to retrieve: the codebook as a checklist tree, with a search that keeps the parents of
 * matching codes visible so a researcher always sees where a code sits.
 */
export function CodePicker({ codes, chosen, onChange }: { codes: CodeRecord[]; chosen: readonly string[]; onChange: (ids: string[]) => void }) {
  const id = useId();
  const [search, setSearch] = useState("");
  const all = useMemo<Row[]>(() => {
    const index = indexCodes(codes);
    return flattenTree(index).map(({ code, depth }) => ({ code, depth, name: code.name, label: pathNames(index, code.id).join(" / "), context: false }));
  }, [codes]);
  const rows = useMemo(() => searchCodeRows(all, search).map(({ row, context }) => ({ ...row, context })), [all, search]);
  const chosenSet = new Set(chosen);

  const toggle = (codeId: string, on: boolean) => onChange(on ? [...chosen.filter((c) => c !== codeId), codeId] : chosen.filter((c) => c !== codeId));

  return (
    <fieldset className="flex min-h-0 flex-col gap-2">
      <legend className="mb-1 text-sm font-semibold">Codes to retrieve</legend>
      <input
        type="search"
        aria-label="Find a code"
        placeholder="Find a code…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      />
      <div className="flex items-center justify-between text-xs text-slate-700 dark:text-slate-300">
        <span id={`${id}-count`} aria-live="polite">
          {chosen.length === 0 ? "No codes chosen" : `${chosen.length} ${chosen.length === 1 ? "code" : "codes"} chosen`}
        </span>
        {chosen.length > 0 && (
          <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => onChange([])}>
            Clear codes
          </Button>
        )}
      </div>
      {codes.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">This project has no codes yet. Create codes in the codebook on the right.</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No code matches “{search.trim()}”.</p>
      ) : (
        <ul aria-label="Code checklist" aria-describedby={`${id}-count`} className="min-h-0 flex-1 overflow-auto rounded border border-slate-300 p-1 dark:border-slate-700">
          {rows.map((row) => (
            <li key={row.code.id} style={{ paddingLeft: `${row.depth * 1}rem` }}>
              <label className={`flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${row.context ? "text-slate-500 dark:text-slate-400" : ""}`}>
                <input
                  type="checkbox"
                  aria-label={row.label}
                  checked={chosenSet.has(row.code.id)}
                  onChange={(e) => toggle(row.code.id, e.target.checked)}
                  className="focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
                />
                <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-sm border border-black/20" style={{ backgroundColor: row.code.colour }} />
                <span className="truncate" title={row.label}>
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
