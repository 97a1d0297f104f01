import { useId, useState } from "react";
import type { ComparedSource } from "../db/comparison";

/** All sources, or a chosen few (NVivo's query "scope"). */
export function SourceChooser({
  sources,
  chosen,
  countUncoded,
  onChange,
  onCountUncodedChange,
}: {
  sources: readonly ComparedSource[];
  chosen: readonly string[] | null;
  countUncoded: boolean;
  onChange: (sourceIds: string[] | null) => void;
  onCountUncodedChange: (on: boolean) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState("");
  const needle = search.trim().toLocaleLowerCase();
  const shown = needle ? sources.filter((s) => s.name.toLocaleLowerCase().includes(needle)) : sources;
  const chosenSet = new Set(chosen ?? []);
  return (
    <fieldset className="flex min-h-0 flex-col gap-1">
      <legend className="mb-1 text-sm font-semibold">Sources</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name={`${id}-scope`} checked={chosen === null} onChange={() => onChange(null)} />
        All sources ({sources.length})
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name={`${id}-scope`} checked={chosen !== null} onChange={() => onChange([])} />
        Chosen sources{chosen ? ` (${chosen.length} chosen)` : ""}
      </label>
      {chosen !== null && (
        <>
          <input
            type="search"
            aria-label="Find a source"
            placeholder="Find a source…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
          />
          <ul aria-label="Sources to compare" className="max-h-48 overflow-auto rounded border border-slate-300 p-1 dark:border-slate-700">
            {shown.map((s) => (
              <li key={s.id}>
                <label className="flex items-center gap-2 px-1 py-0.5 text-sm">
                  <input
                    type="checkbox"
                    checked={chosenSet.has(s.id)}
                    onChange={(e) =>
                      onChange(e.target.checked ? [...chosen.filter((c) => c !== s.id), s.id] : chosen.filter((c) => c !== s.id))
                    }
                  />
                  <span className="truncate">{s.name}</span>
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      <label className="mt-1 flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={countUncoded} onChange={(e) => onCountUncodedChange(e.target.checked)} />
        <span>
          Count sources neither side coded as agreement in averages (NVivo’s way)
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            Such a source is complete agreement (kappa 1), which flatters rarely used codes. Off, averages cover only sources someone coded.
            The pooled overall figure never counts them.
          </span>
        </span>
      </label>
    </fieldset>
  );
}
