import { useId } from "react";
import { useLive } from "../db/live";
import { getMemo } from "../db/memos";
import { useProject } from "../project/ProjectContext";
import { MemoEditor } from "./MemoEditor";
import { memoPlaces, usePinnedMemoId } from "./memoNavigation";

/** One memo beside the text, to read and write while coding (for the side panel). */
export function MemoBesideText({ memoId, onClose }: { memoId: string; onClose?: () => void }) {
  const project = useProject();
  const id = useId();
  const memo = useLive(async () => (await getMemo(project, memoId)) ?? null, [project, memoId]);
  if (memo === undefined) return null;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex max-h-[40%] min-h-[6rem] flex-col gap-2 overflow-y-auto border-t border-slate-300 p-3 dark:border-slate-700"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="truncate text-sm font-semibold">
          {memo ? `Memo: ${memo.title.trim() || "Untitled memo"}` : "Memo"}
        </h2>
        {onClose && (
          <button type="button" onClick={onClose} className="rounded px-2 py-0.5 text-xs hover:bg-slate-200 dark:hover:bg-slate-800">
            Close memo
          </button>
        )}
      </div>
      {memo ? (
        <MemoEditor
          compact
          target={{ kind: memo.targetKind, id: memo.targetId }}
          label={`Memo beside the text: ${memo.title.trim() || "Untitled memo"}`}
        />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">This memo was deleted.</p>
      )}
    </section>
  );
}

/** The memo pinned with "Open beside text" in the Memos view, if any. Place it in the side panel. */
export function PinnedMemo() {
  const project = useProject();
  const projectId = project.entry.id;
  const memoId = usePinnedMemoId(projectId);
  if (!memoId) return null;
  return <MemoBesideText key={memoId} memoId={memoId} onClose={() => memoPlaces.setPinned(projectId, null)} />;
}
