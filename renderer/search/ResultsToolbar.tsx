import { useId } from "react";
import type { KwicSort } from "../../shared/search/kwic";
import { Button } from "../ui/Button";

const SORTS: { value: KwicSort; label: string }[] = [
  { value: "source", label: "Source" },
  { value: "position", label: "Position in the source" },
  { value: "hit", label: "Hit (concordance)" },
];

/** Above the hits: tick all, how many are ticked, sort, CSV export and "Code hits…". */
export function ResultsToolbar({
  sort,
  total,
  ticked,
  busy = false,
  onSort,
  onTickAll,
  onExport,
  onCode,
}: {
  sort: KwicSort;
  total: number;
  ticked: number;
  /** Only the first screen is in: exporting and coding wait for every hit. */
  busy?: boolean;
  onSort: (sort: KwicSort) => void;
  onTickAll: (on: boolean) => void;
  onExport: () => void;
  onCode: () => void;
}) {
  const id = useId();
  const n = new Intl.NumberFormat("en-GB");
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-300 px-3 py-2 text-sm dark:border-slate-700">
      <label className="flex items-center gap-1.5">
        <input
          type="checkbox"
          checked={ticked === total}
          ref={(el) => {
            if (el) el.indeterminate = ticked > 0 && ticked < total;
          }}
          onChange={(e) => onTickAll(e.target.checked)}
        />
        Tick all hits
      </label>
      <span aria-live="polite">
        {n.format(ticked)} of {n.format(total)} ticked
      </span>
      <span className="flex items-center gap-1.5">
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select
          id={`${id}-sort`}
          value={sort}
          onChange={(e) => onSort(e.target.value as KwicSort)}
          className="rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </span>
      <span className="ml-auto flex gap-2">
        <Button onClick={onExport} disabled={busy}>
          Export hits as CSV…
        </Button>
        <Button variant="primary" disabled={ticked === 0 || busy} onClick={onCode}>
          Code hits…
        </Button>
      </span>
    </div>
  );
}
