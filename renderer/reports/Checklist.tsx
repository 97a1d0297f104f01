import { useId, useState } from "react";
import { Button } from "../ui/Button";

export interface ChecklistItem {
  id: string;
  label: string;
}

/** A titled, searchable list of checkboxes; nothing chosen means "all", and says so. */
export function Checklist({
  legend,
  items,
  chosen,
  onChange,
  noneMeans,
}: {
  legend: string;
  items: readonly ChecklistItem[];
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
  /** What an empty choice means, e.g. "All sources". */
  noneMeans: string;
}) {
  const id = useId();
  const [search, setSearch] = useState("");
  const needle = search.trim().toLocaleLowerCase();
  const shown = needle ? items.filter((i) => i.label.toLocaleLowerCase().includes(needle)) : items;
  const chosenSet = new Set(chosen);
  return (
    <fieldset className="flex min-h-0 min-w-0 flex-col gap-1">
      <legend className="mb-1 text-sm font-semibold">{legend}</legend>
      {items.length > 8 && (
        <input
          type="search"
          aria-label={`Find in ${legend.toLowerCase()}`}
          placeholder="Find…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-full min-w-0 rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
      )}
      <div className="flex items-center justify-between text-xs text-slate-700 dark:text-slate-300">
        <span id={`${id}-count`} aria-live="polite">
          {chosen.length === 0 ? noneMeans : `${chosen.length} chosen`}
        </span>
        {chosen.length > 0 && (
          <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => onChange([])}>
            Clear
          </Button>
        )}
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">None in this project yet.</p>
      ) : (
        <ul
          aria-label={legend}
          aria-describedby={`${id}-count`}
          className="max-h-40 overflow-y-auto overflow-x-hidden rounded border border-slate-300 p-1 dark:border-slate-700"
        >
          {shown.map((item) => (
            <li key={item.id}>
              <label className="flex min-w-0 cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                <input
                  type="checkbox"
                  className="shrink-0"
                  checked={chosenSet.has(item.id)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...chosen.filter((c) => c !== item.id), item.id] : chosen.filter((c) => c !== item.id))
                  }
                />
                <span className="truncate" title={item.label}>
                  {item.label}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
