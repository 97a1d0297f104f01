import { routeHref, type ProjectView, type TextAnchor } from "../app/router";
import { countSources } from "../db/sources";
import { setProjectSourceCount } from "../db/projects";
import { useEffect } from "react";
import { listCases } from "../db/cases";
import { useLive, useLivePausable } from "../db/live";
import { CasesView } from "../cases/CasesView";
import { CodebookPanel } from "../codebook/CodebookPanel";
import { MemosView } from "../memos/MemosView";
import { RetrievalView } from "../retrieval/RetrievalView";
import { ComparisonView } from "../comparison/ComparisonView";
import { AuditView } from "../audit/AuditView";
import { ReportsView } from "../reports/ReportsView";
import { SourcesView } from "../sources/SourcesView";
import { SourcePage, SourceSidePanel } from "../sources/viewer/SourcePage";
import { useProject, useSession } from "./ProjectContext";
import { useCodingSession } from "./codingSession";
import { WorkspaceLayout } from "./WorkspaceLayout";
import { useUndoShortcuts } from "./useUndoShortcuts";
import { PinnedMemo } from "../memos/MemoBesideText";
import { restoreMemoDrafts } from "../memos/draftStore";
import { usePinnedMemoId } from "../memos/memoNavigation";
import { ExportRefiButton } from "../refi/ExportRefiDialog";
import { ExchangeActions } from "../exchange/ExchangeActions";
import { CorpusProvider } from "../search/CorpusContext";
import { SearchView } from "../search/SearchView";
import { useSearchShortcut } from "../search/useSearchShortcut";
import { SpeakersView } from "../speakers/SpeakersView";
import { WordFrequencyView } from "../words/WordFrequencyView";

/** What the open project shows: navigator | list or document | codes & memos. */
export function ProjectScreen({ view, sourceId, at }: { view: ProjectView; sourceId: string | null; at: TextAnchor | null }) {
  const project = useProject();
  useUndoShortcuts();
  useSearchShortcut(project.entry.id);
  const importing = useCodingSession(useSession(), (s) => s.importing);
  const sourceCount = useLivePausable(() => countSources(project), [project], importing);
  // The home screen lists each project's source count: keep it in step with every change (undo included).
  useEffect(() => {
    if (sourceCount !== undefined && sourceCount !== project.entry.sourceCount) void setProjectSourceCount(project.entry.id, sourceCount);
  }, [sourceCount, project]);
  // Memo typing the last window did not get to save (closed within the save delay) is saved now.
  useEffect(() => {
    void restoreMemoDrafts(project).catch((e: unknown) => console.error("Could not restore memo drafts", e));
  }, [project]);
  const caseCount = useLive(async () => (await listCases(project)).length, [project]);
  const projectId = project.entry.id;
  // A memo pinned beside the text takes room from the source's own memo and details, never the code tree.
  const pinnedMemo = usePinnedMemoId(projectId) !== null;
  const item = (target: ProjectView, label: string, count: number | undefined) => {
    const current = view === target || (target === "sources" && view === "source");
    return (
      <li>
        <a
          href={routeHref({ name: "project", projectId, view: target, sourceId: null })}
          aria-current={current ? "page" : undefined}
          className={`flex items-center justify-between rounded px-2 py-1.5 text-sm ${
            current
              ? "bg-blue-100 font-semibold text-blue-900 dark:bg-sky-900/50 dark:text-sky-100"
              : "hover:bg-slate-100 dark:hover:bg-slate-800"
          }`}
        >
          <span>{label}</span>
          <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">{count ?? ""}</span>
        </a>
      </li>
    );
  };

  return (
    <CorpusProvider>
      <WorkspaceLayout
        view={view}
        navigator={
          <>
            <ul className="flex flex-col gap-0.5 p-2">
              {item("sources", "Sources", sourceCount)}
              {item("cases", "Cases & attributes", caseCount)}
              {item("search", "Search", undefined)}
              {item("retrieval", "Coded segments", undefined)}
              {item("comparison", "Coding comparison", undefined)}
              {item("speakers", "Speakers", undefined)}
              {item("words", "Word frequency", undefined)}
              {item("memos", "Memos", undefined)}
              {item("reports", "Reports", undefined)}
              {item("audit", "Audit trail", undefined)}
            </ul>
            <ExchangeActions />
            <ExportRefiButton />
          </>
        }
        document={<ProjectDocument view={view} sourceId={sourceId} at={at} />}
        side={
          <div className="flex min-h-0 flex-1 flex-col">
            {/* The code tree keeps half the panel: a memo beside the text never hides it. */}
            <div className="min-h-[50%] flex-1 overflow-hidden">
              <CodebookPanel />
            </div>
            <PinnedMemo />
            {view === "source" && sourceId && (
              <div
                className={`${pinnedMemo ? "max-h-[20%]" : "max-h-[45%]"} min-h-[3rem] overflow-auto border-t border-slate-300 dark:border-slate-700`}
              >
                <SourceSidePanel key={sourceId} sourceId={sourceId} />
              </div>
            )}
          </div>
        }
      />
    </CorpusProvider>
  );
}

function ProjectDocument({ view, sourceId, at }: { view: ProjectView; sourceId: string | null; at: TextAnchor | null }) {
  switch (view) {
    case "source":
      return sourceId ? <SourcePage key={sourceId} sourceId={sourceId} at={at} /> : <SourcesView />;
    case "cases":
      return <CasesView />;
    case "memos":
      return <MemosView />;
    case "retrieval":
      return <RetrievalView />;
    case "comparison":
      return <ComparisonView />;
    case "audit":
      return <AuditView />;
    case "reports":
      return <ReportsView />;
    case "search":
      return <SearchView />;
    case "speakers":
      return <SpeakersView />;
    case "words":
      return <WordFrequencyView />;
    case "sources":
      return <SourcesView />;
  }
}
