import { useState } from "react";
import { describeError } from "../../shared/describeError";
import type { CaseRecord } from "../../shared/model/records";
import { plural } from "../../shared/text/plural";
import { sourceHref } from "../app/router";
import { listCasePassages, removeCasePassage } from "../db/casePassages";
import { useLive } from "../db/live";
import { getSourceContent, listSources } from "../db/sources";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { ErrorText } from "../ui/ErrorText";

const EXCERPT = 160;

/**
 * The passages coded to one case (passage-level cases, e.g. a focus-group participant's turns): where
 * each is, how it starts, a link to it in its source, and Remove (undoable).
 */
export function CasePassagesDialog({ target, onClose }: { target: CaseRecord; onClose: () => void }) {
  const project = useProject();
  const [error, setError] = useState<string | null>(null);
  const passages = useLive(async () => {
    const [list, sources] = await Promise.all([listCasePassages(project, target.id), listSources(project)]);
    const names = new Map(sources.map((s) => [s.id as string, s.name]));
    const texts = new Map<string, string>();
    // One source's text at a time; a case's passages usually lie in a few sources.
    for (const id of new Set(list.map((p) => p.sourceId))) texts.set(id, (await getSourceContent(project, id))?.text ?? "");
    return list.map((p) => {
      const text = (texts.get(p.sourceId) ?? "").slice(p.start, p.end).replace(/\s+/g, " ").trim();
      return {
        ...p,
        source: names.get(p.sourceId) ?? "a source",
        excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text,
      };
    });
  }, [project, target.id]);

  return (
    <Dialog title={`Passages of ${target.name}`} open onClose={onClose} wide>
      {passages === undefined && <p className="text-sm">Loading…</p>}
      {passages?.length === 0 && (
        <p className="text-sm">No passages are coded to {target.name}. Code speaker turns to it from Speakers (“Code turns…”).</p>
      )}
      {passages && passages.length > 0 && (
        <>
          <p className="mb-2 text-sm">{plural(passages.length, "passage")}</p>
          <ul aria-label={`Passages of ${target.name}`} className="mb-3 flex max-h-96 flex-col gap-2 overflow-auto text-sm">
            {passages.map((p) => (
              <li key={p.id} className="flex items-start gap-2 border-b border-slate-200 pb-2 dark:border-slate-800">
                <div className="min-w-0 flex-1">
                  <a
                    href={sourceHref(project.entry.id, p.sourceId, { start: p.start, end: p.end })}
                    onClick={onClose}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline dark:text-sky-300"
                  >
                    {p.source}
                  </a>
                  <p className="text-slate-700 dark:text-slate-300">{p.excerpt}</p>
                </div>
                <Button
                  variant="ghost"
                  aria-label={`Remove passage from ${p.source} (${p.excerpt.slice(0, 40)})`}
                  onClick={() => removeCasePassage(project, p.id).catch((e: unknown) => setError(describeError(e)))}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && <ErrorText>{error}</ErrorText>}
      <div className="flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}
