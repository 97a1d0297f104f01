/**
 * What "Code turns…" asks for, worked out from the worker's turn ranges: ranges per source for coding
 * to one code, or one case request per speaker (or one for a chosen case). Pure, so it is unit-tested.
 */
import type { Range } from "../../shared/coding/ranges";
import type { CaseId, SourceId } from "../../shared/ids";
import type { SpeakerRow, SpeakerTurnRanges } from "../../shared/search/speakers";
import type { CasePassageRequest } from "../db/casePassages";

/** Every turn of the rows' labels, by source. */
export function rangesForRows(rows: readonly SpeakerRow[], turns: readonly SpeakerTurnRanges[]): Map<SourceId, Range[]> {
  const labels = new Set(rows.flatMap((r) => r.labels));
  const out = new Map<SourceId, Range[]>();
  for (const source of turns) {
    const ranges = Object.entries(source.byLabel).flatMap(([label, list]) => (labels.has(label) ? list : []));
    if (ranges.length > 0)
      out.set(
        source.sourceId,
        ranges.sort((a, b) => a.start - b.start),
      );
  }
  return out;
}

/** One request per speaker, to a case named after it (made if the project has none of that name), or all to one case. */
export function caseRequests(
  rows: readonly SpeakerRow[],
  turns: readonly SpeakerTurnRanges[],
  target: { kind: "perSpeaker" } | { kind: "existing"; caseId: CaseId },
): CasePassageRequest[] {
  if (target.kind === "existing") return [{ target: { caseId: target.caseId }, ranges: rangesForRows(rows, turns) }];
  return rows.map((row) => ({ target: { newCaseName: row.name }, ranges: rangesForRows([row], turns) }));
}

/** “P07, P08 and 3 more”: the speakers in an audit label. */
export function speakerList(rows: readonly SpeakerRow[], max = 3): string {
  const names = rows.map((r) => r.name);
  const shown = names.slice(0, max).join(", ");
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** The audit-trail line: “Autocoded speaker turns of P07, P08 → “Participants/P07”, 42 turns”. */
export function codeTurnsLabel(rows: readonly SpeakerRow[], to: string, turns: number): string {
  return `Autocoded speaker turns of ${speakerList(rows)} → ${to}, ${turns === 1 ? "1 turn" : `${turns.toLocaleString("en-GB")} turns`}`;
}
