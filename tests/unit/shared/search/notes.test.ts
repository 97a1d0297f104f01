/** Searching memos and coding annotations (shared/search/notes.ts). */
import { describe, expect, it } from "vitest";
import type { CodingRecord, MemoRecord } from "../../../../shared/model/records";
import { parseQuery } from "../../../../shared/search/query";
import { noteTargets, searchNotes } from "../../../../shared/search/notes";

const meta = { createdAt: "", updatedAt: "0", updatedBy: "me", deleted: false };
const memo = (id: string, title: string, body: string, deleted = false): MemoRecord => ({
  ...meta,
  id,
  targetKind: "project",
  targetId: "p",
  title,
  body,
  authorId: "me",
  deleted,
});
const coding = (id: string, note: string, deleted = false): CodingRecord => ({
  ...meta,
  id,
  sourceId: "s",
  codeId: "c",
  coderId: "me",
  start: 0,
  end: 1,
  note,
  deleted,
});

describe("searchNotes", () => {
  const input = {
    memos: [memo("m1", "Nurses", "The **nurse** said\nagency staff"), memo("m2", "Old", "nurse", true)],
    codings: [coding("k1", "Nurse leaving"), coding("k2", ""), coding("k3", "nurse", true)],
  };

  it("finds hits in live memo titles and bodies and in annotations, only when asked", () => {
    const q = parseQuery("nurse* -agency");
    if (!q.ok) throw new Error(q.message);
    const notes = noteTargets(input, { memos: true, annotations: true });
    expect(notes.map((n) => n.id)).toEqual(["m1", "k1"]);
    const { hits } = searchNotes(q.query, notes);
    const text = (id: string) => notes.find((n) => n.id === id)?.text ?? "";
    expect(hits.map((h) => `${h.kind}:${text(h.id).slice(h.start, h.end)}`)).toEqual(["memo:Nurses", "memo:nurse", "annotation:Nurse"]);
    expect(noteTargets(input, { annotations: true }).map((n) => n.kind)).toEqual(["annotation"]);
    expect(noteTargets(input, {})).toEqual([]);
  });
});
