import { plural } from "../../shared/text/plural";
import { useEffect, useState } from "react";
import { segmentText } from "../../shared/retrieval/context";
import { sourceHref } from "../app/router";
import { loadSourceText } from "../db/retrieval";
import type { OpenProject } from "../db/projects";
import type { ComparisonCell } from "./computeComparison";
import { KappaValue, formatPercent } from "./format";

/** Long disagreement lists are cut here; the count says how many there are in all. */
const SHOW_AT_MOST = 200;

const number = new Intl.NumberFormat("en-GB");

/**
 * Where A and B differ for one code in one source: each passage coded by only one side, in that
 * side's column, with a link to the exact place in the source.
 */
export function DisagreementPanel({
  project,
  cell,
  codeLabel,
  sourceName,
  coderA,
  coderB,
  onClose,
}: {
  project: OpenProject;
  cell: ComparisonCell;
  codeLabel: string;
  sourceName: string;
  coderA: string;
  coderB: string;
  onClose: () => void;
}) {
  const [text, setText] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setText(undefined);
    loadSourceText(project, cell.sourceId).then(
      (loaded) => {
        if (live) setText(loaded?.text ?? null);
      },
      () => {
        if (live) setText(null);
      },
    );
    return () => {
      live = false;
    };
  }, [project, cell.sourceId]);

  const shown = cell.disagreements.slice(0, SHOW_AT_MOST);
  const passage = (start: number, end: number) =>
    text ? segmentText(text, start, end) : text === undefined ? "Loading text…" : "(The text of this source could not be read.)";

  return (
    <section
      aria-labelledby={`disagreements-${cell.key}`}
      className="flex min-h-0 flex-col border-t border-slate-300 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
        <h3 id={`disagreements-${cell.key}`} className="text-sm font-semibold">
          Disagreements: {codeLabel} in {sourceName}
        </h3>
        <span className="flex items-center gap-2 text-sm">
          Agreement {formatPercent(cell.agreement)}, kappa <KappaValue kappa={cell.kappa} />
          <button
            type="button"
            onClick={onClose}
            className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Close disagreements
          </button>
        </span>
      </div>
      <p className="px-3 text-xs text-slate-600 dark:text-slate-400">
        {plural(cell.disagreements.length, "passage")} where only one side coded “{codeLabel}”
        {cell.disagreements.length > SHOW_AT_MOST ? `; the first ${SHOW_AT_MOST} are shown` : ""}.
      </p>
      <div className="min-h-0 flex-1 overflow-auto px-3 pb-3">
        <table className="w-full table-fixed border-collapse text-sm">
          <thead>
            <tr>
              <th scope="col" className="w-[42%] border-b border-slate-300 px-2 py-1 text-left dark:border-slate-700">
                Coded by A ({coderA}) only
              </th>
              <th scope="col" className="w-[42%] border-b border-slate-300 px-2 py-1 text-left dark:border-slate-700">
                Coded by B ({coderB}) only
              </th>
              <th scope="col" className="border-b border-slate-300 px-2 py-1 text-left dark:border-slate-700">
                Where
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => {
              const body = (
                <blockquote className="whitespace-pre-wrap border-l-4 border-slate-400 pl-2">{passage(d.start, d.end)}</blockquote>
              );
              const empty = <span className="text-slate-500 dark:text-slate-400">not coded</span>;
              return (
                <tr key={`${d.start}-${d.end}`} className="align-top">
                  <td className="border-b border-slate-200 px-2 py-1 dark:border-slate-800">{d.codedBy === "A" ? body : empty}</td>
                  <td className="border-b border-slate-200 px-2 py-1 dark:border-slate-800">{d.codedBy === "B" ? body : empty}</td>
                  <td className="border-b border-slate-200 px-2 py-1 text-xs dark:border-slate-800">
                    <span className="block tabular-nums">
                      {number.format(d.start)}–{number.format(d.end)}
                    </span>
                    <a
                      href={sourceHref(project.entry.id, cell.sourceId, { start: d.start, end: d.end })}
                      aria-label={`Open in source: characters ${number.format(d.start)}–${number.format(d.end)} of ${sourceName}`}
                      className="text-blue-800 underline dark:text-sky-300"
                    >
                      Open in source
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
