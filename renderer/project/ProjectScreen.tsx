import { WorkspaceLayout } from "./WorkspaceLayout";

/** What the open project shows. Feature panels plug in here. */
export function ProjectScreen({ sourceId }: { sourceId: string | null }) {
  return (
    <WorkspaceLayout
      navigator={
        <div className="p-3">
          <h2 className="text-sm font-semibold">Sources</h2>
        </div>
      }
      document={
        sourceId ? null : (
          <section aria-label="Getting started" className="m-auto max-w-md p-8 text-center">
            <h2 className="text-lg font-semibold">This project is empty</h2>
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
              Start by importing your interview transcripts, observation notes or documents (Word .docx or plain .txt).
            </p>
          </section>
        )
      }
      side={
        <div className="p-3">
          <h2 className="text-sm font-semibold">Codes</h2>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Your codebook appears here.</p>
        </div>
      }
    />
  );
}
