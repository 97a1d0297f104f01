import { useId, useMemo } from "react";
import { foldMemoQuery, memoSearchText } from "../../shared/memos/search";
import { sourceHref } from "../app/router";
import { useLive } from "../db/live";
import { listCodingAnnotations } from "../db/memos";
import { useProject } from "../project/ProjectContext";

/** Shown this many at most; the search narrows the rest. */
const LIMIT = 200;

/**
 * Codings' annotations, listed with the memos linked to codings (a researcher looks for both in the
 * same place). Each opens its source at the coded text, where the coding panel edits it.
 */
export function CodingAnnotations({ query }: { query: string }) {
  const project = useProject();
  const id = useId();
  const rows = useLive(() => listCodingAnnotations(project), [project]);
  const shown = useMemo(() => {
    const folded = foldMemoQuery(query);
    return (rows ?? []).filter((r) => !folded || memoSearchText(r.name, r.note).includes(folded));
  }, [rows, query]);
  if (!rows) return null;
  return (
    <section
      aria-labelledby={`${id}-h`}
      className="flex max-h-[55%] min-h-0 shrink-0 flex-col border-t border-slate-300 dark:border-slate-700"
    >
      <h3 id={`${id}-h`} className="px-3 pt-2 text-sm font-semibold">
        Coding annotations{" "}
        <span className="font-normal text-slate-600 dark:text-slate-400">
          ({shown.length === rows.length ? rows.length : `${shown.length} of ${rows.length}`})
        </span>
      </h3>
      {shown.length === 0 ? (
        <p className="px-3 pb-2 text-sm text-slate-700 dark:text-slate-300">
          {rows.length ? "No annotations match." : "No coding has an annotation yet. Add one in the coding panel beside the text."}
        </p>
      ) : (
        <ul aria-label="Coding annotations" className="min-h-0 overflow-y-auto">
          {shown.slice(0, LIMIT).map((r) => (
            <li key={r.codingId} className="flex flex-col gap-0.5 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
              <a
                href={sourceHref(project.entry.id, r.sourceId, r.range)}
                className="truncate text-sm font-semibold text-blue-800 underline underline-offset-2 dark:text-sky-300"
                title={r.name}
              >
                {r.name}
              </a>
              <span className="line-clamp-2 text-sm italic text-slate-800 dark:text-slate-200">“{r.note}”</span>
              {r.author && <span className="text-xs text-slate-600 dark:text-slate-400">By {r.author}</span>}
            </li>
          ))}
          {shown.length > LIMIT && (
            <li className="px-3 py-2 text-xs text-slate-600 dark:text-slate-400">{shown.length - LIMIT} more: search to narrow.</li>
          )}
        </ul>
      )}
    </section>
  );
}
