import { flattenTree } from "../../shared/coding/codeTree";
import type { CodeRecord, SourceRecord } from "../../shared/model/records";

/** A checkbox list with "All" and "None", used for the sources and the codes to export. */
function CheckList({
  title,
  rows,
  chosen,
  onChange,
}: {
  title: string;
  rows: { id: string; label: string; depth?: number; hint?: string }[];
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}) {
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset className="min-w-0 flex-1 rounded border border-slate-300 p-2 dark:border-slate-700">
      <legend className="px-1 text-sm font-semibold">
        {title} ({chosen.size} of {rows.length} chosen)
      </legend>
      <div className="mb-1 flex gap-2">
        <button
          type="button"
          className="text-xs text-blue-800 underline dark:text-sky-300"
          onClick={() => onChange(new Set(rows.map((r) => r.id)))}
          aria-label={`Choose all ${title.toLowerCase()}`}
        >
          All
        </button>
        <button
          type="button"
          className="text-xs text-blue-800 underline dark:text-sky-300"
          onClick={() => onChange(new Set())}
          aria-label={`Choose no ${title.toLowerCase()}`}
        >
          None
        </button>
      </div>
      <ul className="max-h-56 overflow-auto text-sm">
        {rows.map((r) => (
          <li key={r.id} style={{ paddingLeft: `${(r.depth ?? 0) * 1}rem` }}>
            <label className="flex items-center gap-2 py-0.5">
              <input type="checkbox" checked={chosen.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
              <span className="truncate">{r.label}</span>
              {r.hint && <span className="text-xs text-slate-600 dark:text-slate-400">{r.hint}</span>}
            </label>
          </li>
        ))}
        {rows.length === 0 && <li className="text-slate-600 dark:text-slate-400">None in this project.</li>}
      </ul>
    </fieldset>
  );
}

/** The sources and codes a researcher picks for a partial export. */
export function ExportChoiceLists({
  sources,
  codes,
  chosenSources,
  chosenCodes,
  onSources,
  onCodes,
}: {
  sources: readonly SourceRecord[];
  codes: readonly CodeRecord[];
  chosenSources: ReadonlySet<string>;
  chosenCodes: ReadonlySet<string>;
  onSources: (next: Set<string>) => void;
  onCodes: (next: Set<string>) => void;
}) {
  const sourceRows = [...sources].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ id: s.id, label: s.name }));
  const codeRows = flattenTree(codes).map((n) => ({
    id: n.code.id,
    label: n.code.name,
    depth: n.depth,
    hint: n.code.isCategory ? "(category)" : undefined,
  }));
  return (
    <div className="mt-2 flex flex-col gap-3 sm:flex-row">
      <CheckList title="Sources" rows={sourceRows} chosen={chosenSources} onChange={onSources} />
      <CheckList title="Codes" rows={codeRows} chosen={chosenCodes} onChange={onCodes} />
    </div>
  );
}
