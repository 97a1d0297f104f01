import { useId, useMemo, useState } from "react";
import { flattenTree, indexCodes, pathNames } from "../../shared/coding/codeTree";
import type { CodeRecord } from "../../shared/model/records";
import { searchCodeRows } from "../../shared/retrieval/codeSearch";
import { Button } from "../ui/Button";

/**
 * The codes to compare: the codebook as a searchable checklist tree (parents of matches stay
 * visible), with the sub-codes option. Same behaviour as the coded-segments picker, own wording.
 */
export function CodeChecklist({
  codes,
  chosen,
  includeSubcodes,
  onChange,
}: {
  codes: readonly CodeRecord[];
  chosen: readonly string[];
  includeSubcodes: boolean;
  onChange: (patch: { codeIds?: string[]; includeSubcodes?: boolean }) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState("");
  const all = useMemo(() => {
    const index = indexCodes(codes);
    return flattenTree(index).map(({ code, depth }) => ({ code, depth, name: code.name, label: pathNames(index, code.id).join(" / ") }));
  }, [codes]);
  const rows = useMemo(() => searchCodeRows(all, search), [all, search]);
  const chosenSet = new Set(chosen);
  const toggle = (codeId: string, on: boolean) => onChange({ codeIds: on ? [...chosen.filter((c) => c !== codeId), codeId] : chosen.filter((c) => c !== codeId) });

  return (
    <fieldset className="flex min-h-0 flex-col gap-2">
      <legend className="mb-1 text-sm font-semibold">Codes to compare</legend>
      <input
        type="search"
        aria-label="Find a code to compare"
        placeholder="Find a code…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      />
      <div className="flex flex-wrap items-center justify-between gap-1 text-xs text-slate-700 dark:text-slate-300">
        <span id={`${id}-count`} aria-live="polite">
          {chosen.length === 0 ? "No codes chosen" : `${chosen.length} ${chosen.length === 1 ? "code" : "codes"} chosen`}
        </span>
        <span className="flex gap-1">
          <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => onChange({ codeIds: codes.map((c) => c.id) })}>
            Choose all codes
          </Button>
          {chosen.length > 0 && (
            <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => onChange({ codeIds: [] })}>
              Clear codes
            </Button>
          )}
        </span>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={includeSubcodes} onChange={(e) => onChange({ includeSubcodes: e.target.checked })} />
        Include sub-codes (a code’s coding includes its sub-codes’)
      </label>
      {codes.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">This project has no codes yet.</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No code matches “{search.trim()}”.</p>
      ) : (
        <ul aria-label="Codes to compare" aria-describedby={`${id}-count`} className="max-h-64 min-h-0 overflow-auto rounded border border-slate-300 p-1 dark:border-slate-700">
          {rows.map(({ row, context }) => (
            <li key={row.code.id} style={{ paddingLeft: `${row.depth}rem` }}>
              <label className={`flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${context ? "text-slate-500 dark:text-slate-400" : ""}`}>
                <input type="checkbox" aria-label={row.label} checked={chosenSet.has(row.code.id)} onChange={(e) => toggle(row.code.id, e.target.checked)} />
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
