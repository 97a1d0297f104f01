import type { CodingRecord } from "../model/records";
import { adjacent, overlaps, type Range } from "./ranges";

/** What coding a range does to this coder's codings of the code in the source (see planCodeRange). */
export type CodeRangePlan =
  | { kind: "create"; start: number; end: number }
  | { kind: "extend"; keepId: string; start: number; end: number; note: string; removeIds: string[] };

/** The fields of a coding planCodeRange reads (a whole CodingRecord fits). */
export type CodingForPlan = Pick<CodingRecord, "id" | "deleted" | "codeId" | "coderId" | "start" | "end" | "note">;

/**
 * Codes a range. Like NVivo, coding text that touches or overlaps this coder's existing coding of the
 * same code extends that coding instead of stacking a second one on top of it. Pure, so the viewer can
 * show the result before the write commits (renderer/coding/optimisticCodings.ts) exactly as it will be.
 * `codings`: the source's codings (any code, coder or state; the others are ignored).
 */
export function planCodeRange(codings: readonly CodingForPlan[], codeId: string, coderId: string, range: Range): CodeRangePlan {
  const mine = codings
    .filter((c) => !c.deleted && c.codeId === codeId && c.coderId === coderId && (overlaps(c, range) || adjacent(c, range)))
    .sort((a, b) => a.start - b.start);
  const [keep, ...rest] = mine;
  if (!keep) return { kind: "create", start: range.start, end: range.end };
  return {
    kind: "extend",
    keepId: keep.id,
    start: Math.min(range.start, ...mine.map((c) => c.start)),
    end: Math.max(range.end, ...mine.map((c) => c.end)),
    note: mine
      .map((c) => c.note)
      .filter(Boolean)
      .join("\n\n"),
    removeIds: rest.map((c) => c.id),
  };
}
