import { routeHref, type TextAnchor } from "../../app/router";
import { useLive } from "../../db/live";
import { getSource } from "../../db/sources";
import { useProject } from "../../project/ProjectContext";
import { SourceDocument } from "./SourceDocument";
import { useTranscript } from "./useTranscript";

export { SourceSidePanel } from "./SourceSidePanel";

export { FIND_CURRENT_HIGHLIGHT, FIND_HIGHLIGHT } from "./SourceDocument";

/**
 * One source, open for reading: loads its row and content, then hands them to the document view.
 * `at` (the route's ?at=start-end) is scrolled to and selected once the text is shown.
 */
export function SourcePage({ sourceId, at = null }: { sourceId: string; at?: TextAnchor | null }) {
  const project = useProject();
  const source = useLive(async () => (await getSource(project, sourceId)) ?? null, [project, sourceId]);
  const content = useTranscript(project, sourceId);
  const backHref = routeHref({ name: "project", projectId: project.entry.id, view: "sources", sourceId: null });

  if (content.status === "failed") {
    return (
      <p role="alert" className="p-6">
        This source could not be opened: {content.message}
      </p>
    );
  }
  if (source === undefined || content.status === "loading") {
    return (
      <p role="status" className="p-6 text-slate-600 dark:text-slate-400">
        Opening source…
      </p>
    );
  }
  if (source === null || content.status === "missing") {
    return (
      <section aria-labelledby="missing-source" className="p-6">
        <h2 id="missing-source" className="text-lg font-semibold">
          This source is not in the project
        </h2>
        <p className="mt-1 text-sm">It may have been deleted. You can undo a deletion from the sources list.</p>
        <a href={backHref} className="mt-3 inline-block text-blue-800 underline dark:text-sky-300">
          Back to sources
        </a>
      </section>
    );
  }
  return <SourceDocument source={source} transcript={content.transcript} backHref={backHref} at={at} />;
}
