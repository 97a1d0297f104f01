import type { MemoTargetKind } from "../../shared/model/records";
import { useLive } from "../db/live";
import { memoFor } from "../db/memos";
import { useProject } from "../project/ProjectContext";
import { MemoForm } from "./MemoForm";

/**
 * Edits the memo attached to a target (project, source, code, coding or case): one memo per target,
 * created on the first save. Used by the Memos view, the codebook's code dialog and anywhere else a
 * memo belongs beside its subject.
 */
export function MemoEditor({
  target,
  label,
  compact = false,
}: {
  target: { kind: MemoTargetKind; id: string };
  label: string;
  compact?: boolean;
}) {
  return <MemoEditorFor target={target} label={label} compact={compact} />;
}

/** MemoEditor with the Memos view's extras. */
export function MemoEditorFor({
  target,
  label,
  autoFocusTitle = false,
  compact = false,
}: {
  target: { kind: MemoTargetKind; id: string };
  label: string;
  autoFocusTitle?: boolean;
  /** Fewer lines of text, for the side panel where the code tree must stay in view. */
  compact?: boolean;
}) {
  const project = useProject();
  const memo = useLive(async () => (await memoFor(project, target.kind, target.id)) ?? null, [project, target.kind, target.id]);
  if (memo === undefined) {
    return (
      <section aria-label={label} aria-busy="true">
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading memo…</p>
      </section>
    );
  }
  return (
    <MemoForm
      key={`${target.kind}:${target.id}`}
      target={target}
      label={label}
      stored={memo}
      autoFocusTitle={autoFocusTitle}
      compact={compact}
    />
  );
}
