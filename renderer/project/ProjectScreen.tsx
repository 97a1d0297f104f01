import { routeHref, type ProjectView } from "../app/router";
import { listSources } from "../db/sources";
import { listCases } from "../db/cases";
import { useLive } from "../db/live";
import { CasesView } from "../cases/CasesView";
import { SourcesView } from "../sources/SourcesView";
import { SourcePage, SourceSidePanel } from "../sources/viewer/SourcePage";
import { useProject } from "./ProjectContext";
import { WorkspaceLayout } from "./WorkspaceLayout";

/** What the open project shows: navigator | list or document | codes & memos. */
export function ProjectScreen({ view, sourceId }: { view: ProjectView; sourceId: string | null }) {
  const project = useProject();
  const sourceCount = useLive(async () => (await listSources(project)).length, [project]);
  const caseCount = useLive(async () => (await listCases(project)).length, [project]);
  const projectId = project.entry.id;
  const item = (target: ProjectView, label: string, count: number | undefined) => {
    const current = view === target || (target === "sources" && view === "source");
    return (
      <li>
        <a
          href={routeHref({ name: "project", projectId, view: target, sourceId: null })}
          aria-current={current ? "page" : undefined}
          className={`flex items-center justify-between rounded px-2 py-1.5 text-sm ${
            current ? "bg-blue-100 font-semibold text-blue-900 dark:bg-sky-900/50 dark:text-sky-100" : "hover:bg-slate-100 dark:hover:bg-slate-800"
          }`}
        >
          <span>{label}</span>
          <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">{count ?? ""}</span>
        </a>
      </li>
    );
  };

  return (
    <WorkspaceLayout
      navigator={
        <ul className="flex flex-col gap-0.5 p-2">
          {item("sources", "Sources", sourceCount)}
          {item("cases", "Cases & attributes", caseCount)}
        </ul>
      }
      document={view === "source" && sourceId ? <SourcePage key={sourceId} sourceId={sourceId} /> : view === "cases" ? <CasesView /> : <SourcesView />}
      side={
        view === "source" && sourceId ? (
          <SourceSidePanel key={sourceId} sourceId={sourceId} />
        ) : (
          <div className="p-3">
            <h2 className="text-sm font-semibold">Codes</h2>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Your codebook appears here.</p>
          </div>
        )
      }
    />
  );
}
