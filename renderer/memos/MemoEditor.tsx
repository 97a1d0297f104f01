import type { MemoTargetKind } from "../../shared/model/records";

/** Edits the memo attached to a target (project, source, code, coding or case). */
export function MemoEditor({ target, label }: { target: { kind: MemoTargetKind; id: string }; label: string }) {
  return <section aria-label={label} data-target={`${target.kind}:${target.id}`} />;
}
