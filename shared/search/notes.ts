/**
 * Searching what researchers wrote besides the sources, when the scope asks for it (issue 16 item 1,
 * "optionally memos and coding annotations too"): memo titles and bodies, and coding annotations
 * (`CodingRecord.note`). Same query, folding and units as sources (./match.ts): each line is a unit, as
 * a memo's paragraphs are lines of Markdown. Hits are offsets into the note's text as built here:
 * a memo is its title, a line break, then its body, so a hit in the title has start < title.length + 1.
 */
import type { CodingRecord, MemoRecord } from "../model/records";
import { paragraphsFromLines } from "../text/transcript";
import { searchSources, type SearchControl } from "./match";
import type { SearchQuery } from "./query";

export type NoteKind = "memo" | "annotation";

export interface NoteTarget {
  kind: NoteKind;
  /** Memo id, or the coding id of an annotation. */
  id: string;
  text: string;
}

export interface NoteHit {
  kind: NoteKind;
  id: string;
  start: number;
  end: number;
}

/** The live memos and the live codings' annotations to search (tombstones and empty notes left out). */
export function noteTargets(
  input: { memos: readonly MemoRecord[]; codings: readonly CodingRecord[] },
  include: { memos?: boolean; annotations?: boolean },
): NoteTarget[] {
  const notes: NoteTarget[] = [];
  if (include.memos) {
    for (const m of input.memos)
      if (!m.deleted && (m.title + m.body).trim() !== "") notes.push({ kind: "memo", id: m.id, text: `${m.title}\n${m.body}` });
  }
  if (include.annotations) {
    for (const c of input.codings) if (!c.deleted && c.note.trim() !== "") notes.push({ kind: "annotation", id: c.id, text: c.note });
  }
  return notes;
}

export function searchNotes(
  query: SearchQuery,
  notes: readonly NoteTarget[],
  control: SearchControl = {},
): { hits: NoteHit[]; stopped: boolean; message?: string } {
  const kinds = new Map(notes.map((n) => [n.id, n.kind]));
  const outcome = searchSources(
    query,
    notes.map((n) => ({ sourceId: n.id, text: n.text, blocks: paragraphsFromLines(n.text), turns: [] })),
    control,
  );
  return {
    hits: outcome.hits.map((h) => ({ kind: kinds.get(h.sourceId) ?? "memo", id: h.sourceId, start: h.start, end: h.end })),
    stopped: outcome.stopped,
    ...(outcome.message ? { message: outcome.message } : {}),
  };
}
