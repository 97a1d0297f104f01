import { useMemo } from "react";
import { plural } from "../../../shared/text/plural";
import { sourceHref } from "../../app/router";
import { listCasePassagesForSource } from "../../db/casePassages";
import { listCases } from "../../db/cases";
import { useLive } from "../../db/live";
import { useProject } from "../../project/ProjectContext";

/**
 * The passages of this source coded to cases (passage-level cases, e.g. a focus group's participants),
 * by case; each passage links to its place in the text. Shown only when there are some.
 */
export function CasePassagesSection({ sourceId }: { sourceId: string }) {
  const project = useProject();
  const passages = useLive(() => listCasePassagesForSource(project, sourceId), [project, sourceId]);
  const cases = useLive(() => listCases(project), [project]);
  const byCase = useMemo(() => {
    const names = new Map((cases ?? []).map((c) => [c.id as string, c.name]));
    const groups = new Map<string, { name: string; passages: { id: string; start: number; end: number }[] }>();
    for (const p of passages ?? []) {
      const group = groups.get(p.caseId) ?? { name: names.get(p.caseId) ?? "A case", passages: [] };
      group.passages.push(p);
      groups.set(p.caseId, group);
    }
    return [...groups.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name, undefined, { numeric: true }));
  }, [passages, cases]);
  if (byCase.length === 0) return null;
  return (
    <section aria-labelledby="case-passages-title">
      <h2 id="case-passages-title" className="text-sm font-semibold">
        Case passages
      </h2>
      <ul aria-label="Case passages in this source" className="mt-1 flex flex-col gap-1 text-sm">
        {byCase.map(([caseId, group]) => (
          <li key={caseId}>
            <span className="font-medium">{group.name}</span>{" "}
            <span className="text-slate-600 dark:text-slate-400">({plural(group.passages.length, "passage")})</span>
            <span className="ml-1 inline-flex flex-wrap gap-1">
              {group.passages.map((p, i) => (
                <a
                  key={p.id}
                  href={sourceHref(project.entry.id, sourceId, { start: p.start, end: p.end })}
                  aria-label={`Passage ${i + 1} of ${group.name}`}
                  className="rounded px-1 text-blue-800 underline underline-offset-2 dark:text-sky-300"
                >
                  {i + 1}
                </a>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
