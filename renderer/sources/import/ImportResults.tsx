import type { ImportOutcome, ImportProgress } from "./runImport";
import { plural } from "../../../shared/text/plural";

const STATUS_TEXT: Record<ImportOutcome["status"], string> = {
  imported: "Imported",
  duplicate: "Duplicate",
  failed: "Failed",
  cancelled: "Not imported",
};

const STATUS_STYLE: Record<ImportOutcome["status"], string> = {
  imported: "text-green-800 dark:text-green-300",
  duplicate: "text-amber-800 dark:text-amber-300",
  failed: "text-red-700 dark:text-red-400",
  cancelled: "text-slate-600 dark:text-slate-400",
};

export function summarise(outcomes: ImportOutcome[]): string {
  const count = (status: ImportOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  const parts = [`${count("imported")} imported`, plural(count("duplicate"), "duplicate"), `${count("failed")} failed`];
  if (count("cancelled") > 0) parts.push(`${count("cancelled")} not imported (cancelled)`);
  return parts.join(", ");
}

/**
 * "Converted 4 of 5 · saved 0 · waiting for GDE_long.docx": conversions are counted as they finish, so
 * a long file first in the batch (which holds back saving, done in pick order) does not look frozen.
 */
export function progressSummary(progress: ImportProgress): string {
  const parts = [`Converted ${progress.converted} of ${progress.total}`, `saved ${progress.imported}`];
  if (progress.holding) parts.push(`waiting for ${progress.holding}`);
  return parts.join(" · ");
}

export function ImportProgressView({
  progress,
  onCancel,
  cancelling,
}: {
  progress: ImportProgress;
  onCancel: () => void;
  cancelling: boolean;
}) {
  return (
    <div className="flex flex-col gap-3">
      <progress
        aria-label="Import progress"
        max={progress.total * 2}
        value={progress.converted + progress.done}
        className="h-2 w-full overflow-hidden rounded [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-blue-700"
      />
      <p role="status" aria-live="polite" className="text-sm">
        {progressSummary(progress)}
      </p>
      <p data-import-counts="" className="text-xs text-slate-600 dark:text-slate-400">
        {progress.done} of {progress.total} files done · {progress.imported} imported, {plural(progress.duplicates, "duplicate")},{" "}
        {progress.failed} failed
      </p>
      <p className="truncate text-xs text-slate-600 dark:text-slate-400">
        {progress.holding
          ? `Files are saved in the order you picked them: the others wait for ${progress.holding}.`
          : progress.current.length > 0
            ? `Converting ${progress.current.join(", ")}`
            : "Saving…"}
      </p>
      <div className="flex justify-end">
        <button
          type="button"
          onClick={onCancel}
          disabled={cancelling}
          className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:text-slate-400 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {cancelling ? "Cancelling…" : "Cancel import"}
        </button>
      </div>
    </div>
  );
}

export function ImportResultsView({ outcomes }: { outcomes: ImportOutcome[] }) {
  return (
    <div className="flex flex-col gap-2">
      <p role="status" className="text-sm font-medium">
        {summarise(outcomes)}
      </p>
      <div className="max-h-80 overflow-auto rounded border border-slate-200 dark:border-slate-700">
        <table className="w-full text-left text-sm" aria-label="Import results">
          <thead className="sticky top-0 bg-slate-100 text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">
                File
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Result
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Details
              </th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map((outcome, i) => (
              <tr key={`${outcome.path}-${i}`} className="border-t border-slate-200 align-top dark:border-slate-700">
                <td className="px-2 py-1 break-all">{outcome.path}</td>
                <td className={`px-2 py-1 font-medium whitespace-nowrap ${STATUS_STYLE[outcome.status]}`}>{STATUS_TEXT[outcome.status]}</td>
                <td className="px-2 py-1 text-xs">
                  {outcome.message}
                  {outcome.warnings.length > 0 && (
                    <span className="block text-slate-600 dark:text-slate-400">{outcome.warnings.join(" ")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
