import { useId, useState } from "react";
import { caseNameFromFileName } from "../../../shared/cases/pattern";

/** Optional: link each imported file to a case named from part of its file name, e.g. GDE_{case}. */
export function CaseFromFileName({
  pattern,
  problem,
  onChange,
}: {
  pattern: string | null;
  problem: string | null;
  onChange: (pattern: string | null) => void;
}) {
  const id = useId();
  const [example, setExample] = useState("GDE_SiteA_P07.docx");
  const enabled = pattern !== null;
  const derived = enabled && !problem ? caseNameFromFileName(pattern, example) : null;
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-slate-300 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">Cases</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={enabled} onChange={(e) => onChange(e.target.checked ? "GDE_{case}" : null)} />
        Link each file to a case taken from its file name
      </label>
      {enabled && (
        <div className="grid grid-cols-[max-content_1fr] items-center gap-x-3 gap-y-2 text-sm">
          <label htmlFor={`${id}-pattern`}>File name pattern</label>
          <input
            id={`${id}-pattern`}
            value={pattern}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={`${id}-help`}
            aria-invalid={problem ? true : undefined}
            className="rounded border border-slate-400 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-800"
          />
          <label htmlFor={`${id}-example`}>Try a file name</label>
          <input
            id={`${id}-example`}
            value={example}
            onChange={(e) => setExample(e.target.value)}
            className="rounded border border-slate-400 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-800"
          />
          <p id={`${id}-help`} className="col-span-2 text-xs text-slate-700 dark:text-slate-300" role={problem ? "alert" : "status"}>
            {problem ??
              (derived
                ? `${example} → case “${derived}”. {case} marks the case name; * matches anything. Files that do not match get no case.`
                : `${example} does not match the pattern, so it would get no case.`)}
          </p>
        </div>
      )}
    </fieldset>
  );
}
