/**
 * Leaving out the interviewer's and facilitator's turns from coded segments and reports (issue 16
 * item 3): "Speaker turns: all / leave out interviewer and facilitator turns / participants' turns
 * only", with the meaning search gives its speaker scope (shared/search/scope.ts rangesInScope):
 *
 *  - withoutInterviewers keeps everything but the interviewers' and facilitators' turns (headings,
 *    preamble and participants' turns stay); participants keeps only the turns of other speakers;
 *  - who is an interviewer: the labels the researcher marked (`interviewerLabels`, compared as names
 *    are) when given, else the labels isInterviewerLabel recognises (Interviewer, INT, Facilitator 2, Q…);
 *  - turn labels and timestamps ("[00:12:31] P07:") are structure, not what was said: they are left
 *    out too, as search leaves them out;
 *  - a coded segment is cut to the kept parts: each maximal kept run inside it, white space trimmed
 *    at both ends, is one piece; a segment with nothing kept (wholly in an interviewer's turn)
 *    disappears. With "all" nothing is cut.
 */
import { subtract, type Range } from "../coding/ranges";
import type { SourceContentRecord } from "../model/records";
import { rangesInScope, type SpeakerScope } from "../search/scope";

export type { SpeakerScope };

export const SPEAKER_SCOPES: readonly SpeakerScope[] = ["all", "withoutInterviewers", "participants"];

export const SPEAKER_SCOPE_LABELS: Readonly<Record<SpeakerScope, string>> = {
  all: "All speaker turns",
  withoutInterviewers: "Leave out interviewer and facilitator turns",
  participants: "Participants’ turns only",
};

/** A source's text and speaker turns: what cutting needs. */
export type SpeakerContent = Pick<SourceContentRecord, "id" | "text" | "turns">;

/** The parts of a source kept (sorted, disjoint), or undefined for the whole source (speakers "all"). */
export function keptBySpeakers(
  content: SpeakerContent,
  speakers: SpeakerScope,
  interviewerLabels?: readonly string[],
): Range[] | undefined {
  if (speakers === "all") return undefined;
  const within = rangesInScope(content, [], { speakers, ...(interviewerLabels ? { interviewerLabels } : {}) }) ?? [
    { start: 0, end: content.text.length },
  ];
  return subtract(
    within,
    content.turns.map((t) => ({ start: t.start, end: Math.min(t.end, Math.max(t.start, t.labelEnd)) })),
  );
}

const SPACE = /\s/;

/**
 * The pieces of `range` inside `kept` (sorted, disjoint), white space trimmed at their ends, empty
 * ones dropped. `kept` undefined: the range itself, uncut.
 */
export function cutToKept(text: string, range: Range, kept: readonly Range[] | undefined): Range[] {
  if (!kept) return [{ start: range.start, end: range.end }];
  const out: Range[] = [];
  for (const k of kept) {
    if (k.end <= range.start) continue;
    if (k.start >= range.end) break;
    let start = Math.max(k.start, range.start);
    let end = Math.min(k.end, range.end);
    while (start < end && SPACE.test(text[start] ?? "")) start++;
    while (end > start && SPACE.test(text[end - 1] ?? "")) end--;
    if (start < end) out.push({ start, end });
  }
  return out;
}

type Passage = { key: string; sourceId: string; start: number; end: number };

/**
 * Segments from their pieces: a piece keeps everything else of its segment; the second and later
 * pieces of a segment get the key `<key>#2`, `<key>#3`… so list keys stay unique; a segment without
 * pieces goes. `piecesOf(segment, index)` gives a segment's pieces.
 */
export function segmentsFromPieces<T extends Passage>(
  segments: readonly T[],
  piecesOf: (segment: T, index: number) => readonly Range[],
): T[] {
  const out: T[] = [];
  segments.forEach((s, index) =>
    piecesOf(s, index).forEach((piece, i) =>
      out.push({ ...s, start: piece.start, end: piece.end, key: i === 0 ? s.key : `${s.key}#${i + 1}` }),
    ),
  );
  return out;
}

/**
 * Cuts segments (anything with a key, source and offsets) to the kept parts of their sources
 * (segmentsFromPieces names the pieces). `contentOf` gives a source's text and kept parts; a source it
 * does not know (undefined) is left uncut.
 */
export function cutSegmentsToSpeakers<T extends Passage>(
  segments: readonly T[],
  contentOf: (sourceId: string) => { text: string; kept: readonly Range[] | undefined } | undefined,
): T[] {
  return segmentsFromPieces(segments, (s) => {
    const content = contentOf(s.sourceId);
    return content ? cutToKept(content.text, s, content.kept) : [s];
  });
}
