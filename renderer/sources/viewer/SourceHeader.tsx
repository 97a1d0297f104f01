import { plural } from "../../../shared/text/plural";
import type { SourceRecord } from "../../../shared/model/records";
import { Button } from "../../ui/Button";

const number = new Intl.NumberFormat();

export function kindLabel(kind: SourceRecord["kind"]): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** Name, kind and size of the source, what the import left out, and the reading tools. */
export function SourceHeader({
  source,
  warnings,
  backHref,
  paragraphNumbers,
  onToggleParagraphNumbers,
  onFind,
}: {
  source: SourceRecord;
  warnings: readonly string[];
  backHref: string;
  paragraphNumbers: boolean;
  onToggleParagraphNumbers: () => void;
  onFind: () => void;
}) {
  return (
    <header className="border-b border-slate-300 bg-white px-4 pb-2 pt-2 dark:border-slate-700 dark:bg-slate-900">
      <a href={backHref} className="text-sm text-blue-800 underline-offset-2 hover:underline dark:text-sky-300">
        <span aria-hidden="true">← </span>Back to sources
      </a>
      <div className="mt-1 flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-lg font-semibold" title={source.name}>
            {source.name}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {kindLabel(source.kind)} · {number.format(source.wordCount)} words · {number.format(source.charCount)} characters
          </p>
        </div>
        <div className="flex items-center gap-1">
          <Button onClick={onFind} title="Find in source (Ctrl+F)">
            Find in source
          </Button>
          <Button
            aria-pressed={paragraphNumbers}
            onClick={onToggleParagraphNumbers}
            title="Show paragraph numbers in the margin"
            className="aria-pressed:border-blue-700 aria-pressed:bg-blue-50 aria-pressed:text-blue-900 dark:aria-pressed:border-sky-400 dark:aria-pressed:bg-sky-900/50 dark:aria-pressed:text-sky-100"
          >
            Paragraph numbers
          </Button>
        </div>
      </div>
      {warnings.length > 0 && (
        <details className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm dark:border-amber-700 dark:bg-amber-950/40">
          <summary className="cursor-pointer font-medium text-amber-900 dark:text-amber-200">
            {plural(warnings.length, "import warning")}
          </summary>
          <ul className="mt-1 list-disc pl-5 text-slate-800 dark:text-slate-200">
            {warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
    </header>
  );
}
