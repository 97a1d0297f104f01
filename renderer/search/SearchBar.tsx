import type { SearchOptions } from "../../shared/search/query";
import { Button } from "../ui/Button";
import { SEARCH_INPUT_ID } from "./useSearchShortcut";

const TOGGLES: { key: keyof SearchOptions; label: string }[] = [
  { key: "matchCase", label: "Match case" },
  { key: "wholeWords", label: "Whole words" },
  { key: "regex", label: "Regular expression" },
];

/** The query box (Enter runs), the three toggles, Search / Cancel, and the query language in brief. */
export function SearchBar({
  text,
  options,
  running,
  onText,
  onOptions,
  onRun,
  onCancel,
}: {
  text: string;
  options: Required<SearchOptions>;
  running: boolean;
  onText: (text: string) => void;
  onOptions: (options: Required<SearchOptions>) => void;
  onRun: () => void;
  onCancel: () => void;
}) {
  return (
    <form
      role="search"
      aria-label="Search the project"
      onSubmit={(e) => {
        e.preventDefault();
        onRun();
      }}
      className="flex flex-col gap-2"
    >
      <label htmlFor={SEARCH_INPUT_ID} className="text-sm font-medium">
        Search all sources
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          value={text}
          onChange={(e) => onText(e.target.value)}
          placeholder={options.regex ? "A regular expression, e.g. nurs(e|ing)" : "e.g. “go-live” OR implement* -agency"}
          spellCheck={false}
          className="min-w-0 flex-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
        <Button type="submit" variant="primary">
          Search
        </Button>
        {running && (
          <Button onClick={onCancel} aria-keyshortcuts="Escape">
            Cancel
          </Button>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        {TOGGLES.map((t) => (
          <label key={t.key} className="flex items-center gap-1.5">
            <input type="checkbox" checked={options[t.key]} onChange={(e) => onOptions({ ...options, [t.key]: e.target.checked })} />
            {t.label}
          </label>
        ))}
        <details className="text-sm">
          <summary className="cursor-pointer text-blue-800 underline dark:text-sky-300">How to write a search</summary>
          <div className="mt-1 max-w-xl rounded border border-slate-300 bg-white p-2 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200">
            <table className="text-xs">
              <caption className="sr-only">The query language</caption>
              <tbody>
                {QUERY_HELP.map(([typed, finds]) => (
                  <tr key={typed}>
                    <th scope="row" className="whitespace-nowrap py-0.5 pr-3 text-left font-mono font-normal">
                      {typed}
                    </th>
                    <td className="py-0.5">{finds}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-1 text-xs">
              Case and accents are ignored unless you tick Match case. Words must be in the same speaker turn or paragraph. A regular
              expression is JavaScript’s, matched as written; a search that runs too long is stopped.
            </p>
          </div>
        </details>
      </div>
    </form>
  );
}

const QUERY_HELP: [string, string][] = [
  ["nurse ward", "passages with both words"],
  ['"health care"', "the exact phrase"],
  ["nurse OR midwife", "either word (OR in capitals)"],
  ["-agency", "leave out passages with the word"],
  ["implement*", "words starting with “implement”"],
];
