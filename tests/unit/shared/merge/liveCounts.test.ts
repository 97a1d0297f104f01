import { describe, expect, it } from "vitest";
import { liveCounts } from "../../../../shared/merge";
import type { CodeRecord, RecordMeta } from "../../../../shared/model/records";
import { emptyProjectTables } from "../../../../shared/model/tables";

const meta = (id: string, deleted = false): RecordMeta => ({
  id,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "x",
  updatedBy: "me",
  deleted,
});
const code = (id: string, deleted = false): CodeRecord => ({
  ...meta(id, deleted),
  parentId: null,
  name: id,
  description: "",
  colour: "#0072B2",
  order: 0,
  isCategory: false,
});

describe("liveCounts (the preview of a backup or a whole bundle)", () => {
  it("counts the live records of every stamped table, not tombstones or transcripts", () => {
    const tables = emptyProjectTables();
    tables.codes.push(code("a"), code("b"), code("gone", true));
    tables.sourceContent.push({ id: "s1", text: "t", blocks: [], marks: [], turns: [], timestamps: [], warnings: [] });
    expect(liveCounts(tables)).toEqual({
      sources: 0,
      codes: 2,
      codings: 0,
      memos: 0,
      cases: 0,
      attributes: 0,
      coders: 0,
      savedSearches: 0,
      speakers: 0,
      casePassages: 0,
    });
  });
});
