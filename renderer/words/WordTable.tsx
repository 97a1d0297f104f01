import type { WordFrequencyRow } from "../../shared/search/wordFrequency";

export type WordSortKey = "word" | "length" | "count" | "weightedPercent" | "sources";

export interface WordSort {
  key: WordSortKey;
  descending: boolean;
}

const number = new Intl.NumberFormat("en-GB");
const percent = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const COLUMNS: { key: WordSortKey; label: string; numeric: boolean }[] = [
  { key: "word", label: "Word", numeric: false },
  { key: "length", label: "Length", numeric: true },
  { key: "count", label: "Count", numeric: true },
  { key: "weightedPercent", label: "Weighted %", numeric: true },
  { key: "sources", label: "Sources", numeric: true },
];

/** The rows in the table's order: by the chosen column, ties by count then word (as counted). */
export function sortWordRows(rows: readonly WordFrequencyRow[], sort: WordSort): WordFrequencyRow[] {
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((row, rank) => ({ row, rank }))
    .sort((a, b) => {
      const x = a.row[sort.key];
      const y = b.row[sort.key];
      const by = typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : Number(x) - Number(y);
      return sign * by || a.rank - b.rank;
    })
    .map((r) => r.row);
}

/**
 * The frequency table: sortable by any column (a button in each header, aria-sort on the column),
 * each word a button that searches it, and a quick "leave out" that adds it to the stop words.
 */
export function WordTable({
  rows,
  sort,
  grouped,
  onSort,
  onSearch,
  onLeaveOut,
}: {
  rows: readonly WordFrequencyRow[];
  sort: WordSort;
  grouped: boolean;
  onSort: (sort: WordSort) => void;
  onSearch: (row: WordFrequencyRow) => void;
  onLeaveOut: (row: WordFrequencyRow) => void;
}) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">Most frequent words</caption>
      <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
        <tr>
          <th scope="col" className="w-10 px-2 py-1 text-right font-medium">
            <span className="sr-only">Rank</span>
            <span aria-hidden="true">#</span>
          </th>
          {COLUMNS.map((c) => {
            const current = sort.key === c.key;
            return (
              <th
                key={c.key}
                scope="col"
                aria-sort={current ? (sort.descending ? "descending" : "ascending") : "none"}
                className={`px-2 py-1 font-medium ${c.numeric ? "text-right" : "text-left"}`}
              >
                <button
                  type="button"
                  className="whitespace-nowrap rounded px-1 hover:bg-slate-200 dark:hover:bg-slate-700"
                  onClick={() => onSort({ key: c.key, descending: current ? !sort.descending : c.numeric })}
                >
                  {c.label}
                  <span aria-hidden="true" className="ml-0.5 inline-block w-3">
                    {current ? (sort.descending ? "↓" : "↑") : ""}
                  </span>
                </button>
              </th>
            );
          })}
          {grouped && (
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Forms
            </th>
          )}
          <th scope="col" className="px-2 py-1">
            <span className="sr-only">Leave out</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={row.word} className="border-t border-slate-200 dark:border-slate-700">
            <td className="px-2 py-0.5 text-right tabular-nums text-slate-600 dark:text-slate-400">{i + 1}</td>
            <th scope="row" className="px-2 py-0.5 text-left font-normal">
              <button
                type="button"
                aria-label={`Search for “${row.word}”`}
                className="rounded px-1 text-blue-800 underline-offset-2 hover:underline dark:text-sky-300"
                onClick={() => onSearch(row)}
              >
                {row.word}
              </button>
            </th>
            <td className="px-2 py-0.5 text-right tabular-nums">{row.length}</td>
            <td className="px-2 py-0.5 text-right tabular-nums">{number.format(row.count)}</td>
            <td className="px-2 py-0.5 text-right tabular-nums">{percent.format(row.weightedPercent)}</td>
            <td className="px-2 py-0.5 text-right tabular-nums">{number.format(row.sources)}</td>
            {grouped && (
              <td className="px-2 py-0.5 text-slate-700 dark:text-slate-300">
                {row.forms.map((f) => `${f.word} (${number.format(f.count)})`).join(", ")}
              </td>
            )}
            <td className="px-1 py-0.5 text-right">
              <button
                type="button"
                aria-label={`Leave out “${row.word}” (add it to the stop words)`}
                title="Leave out (add to the stop words)"
                className="rounded px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-700 dark:hover:text-slate-100"
                onClick={() => onLeaveOut(row)}
              >
                <span aria-hidden="true">⊘</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
