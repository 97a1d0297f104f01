/** Search scope (shared/search/scope.ts): which sources and which parts of them are searched. */
import { describe, expect, it } from "vitest";
import type { CaseRecord, CodingRecord, SourceContentRecord, SourceRecord } from "../../../../shared/model/records";
import { parseQuery } from "../../../../shared/search/query";
import { searchSources } from "../../../../shared/search/match";
import { isInterviewerLabel, searchTargets, type ScopeInput, type SearchScope } from "../../../../shared/search/scope";

const meta = { createdAt: "2024-01-01T00:00:00Z", updatedAt: "0", updatedBy: "me", deleted: false };
const source = (id: string, kind: SourceRecord["kind"], caseIds: string[] = [], deleted = false): SourceRecord => ({
  ...meta,
  id,
  name: id,
  kind,
  fileName: `${id}.txt`,
  format: "txt",
  importedAt: "",
  charCount: 0,
  wordCount: 0,
  contentHash: "",
  caseIds,
  memo: "",
  deleted,
});
// "Interviewer: nurse?\nP07: the nurse came\nFacilitator: nurse again\nnurse in notes"
const TEXT = "Interviewer: nurse?\nP07: the nurse came\nFacilitator: nurse again\nnurse in notes";
const content = (id: string): SourceContentRecord => ({
  id,
  text: TEXT,
  blocks: [
    { kind: "paragraph", start: 0, end: 19 },
    { kind: "paragraph", start: 20, end: 39 },
    { kind: "paragraph", start: 40, end: 64 },
    { kind: "paragraph", start: 65, end: 79 },
  ],
  turns: [
    { start: 0, end: 19, speaker: "Interviewer", labelEnd: 12 },
    { start: 20, end: 39, speaker: "P07", labelEnd: 24 },
    { start: 40, end: 64, speaker: "Facilitator", labelEnd: 52 },
  ],
  marks: [],
  timestamps: [],
  warnings: [],
});
const nurseCase: CaseRecord = { ...meta, id: "case-1", name: "P07", description: "", values: { role: "Nurse" } };
const coding = (id: string, codeId: string, start: number, end: number, deleted = false): CodingRecord => ({
  ...meta,
  id,
  sourceId: "i1",
  codeId,
  coderId: "me",
  start,
  end,
  note: "",
  deleted,
});

const input: ScopeInput = {
  sources: [source("i1", "interview", ["case-1"]), source("d1", "document"), source("gone", "interview", [], true)],
  sourceContent: [content("i1"), content("d1"), content("gone")],
  cases: [nurseCase],
  codings: [coding("k1", "trust", 20, 39), coding("k2", "trust", 0, 79, true)],
};

function hitsIn(scope: SearchScope): string[] {
  const q = parseQuery("nurse");
  if (!q.ok) throw new Error(q.message);
  return searchSources(q.query, searchTargets(input, scope)).hits.map((h) => `${h.sourceId}@${h.start}`);
}

describe("search scope", () => {
  it("all live sources by default; by kind, id or case attribute", () => {
    expect(hitsIn({})).toEqual(["i1@13", "i1@29", "i1@53", "i1@65", "d1@13", "d1@29", "d1@53", "d1@65"]);
    expect(hitsIn({ sourceKinds: ["document"] })).toEqual(["d1@13", "d1@29", "d1@53", "d1@65"]);
    expect(hitsIn({ sourceIds: ["i1"] })).toHaveLength(4);
    expect(hitsIn({ cases: { attribute: { attributeId: "role", value: "nurse" } } })).toHaveLength(4);
    expect(hitsIn({ cases: { attribute: { attributeId: "role", value: "Doctor" } } })).toEqual([]);
  });

  it("participants' turns only, or everything but the interviewer's and facilitator's turns", () => {
    expect(hitsIn({ sourceIds: ["i1"], speakers: "participants" })).toEqual(["i1@29"]);
    expect(hitsIn({ sourceIds: ["i1"], speakers: "withoutInterviewers" })).toEqual(["i1@29", "i1@65"]);
    expect(hitsIn({ sourceIds: ["i1"], speakers: "participants", interviewerLabels: ["p07"] })).toEqual(["i1@13", "i1@53"]);
  });

  it("inside or outside the coding of chosen codes (tombstones ignored)", () => {
    expect(hitsIn({ sourceIds: ["i1"], coding: { codeIds: ["trust"], inside: true } })).toEqual(["i1@29"]);
    expect(hitsIn({ sourceIds: ["i1"], coding: { codeIds: ["trust"], inside: false } })).toEqual(["i1@13", "i1@53", "i1@65"]);
    expect(hitsIn({ sourceIds: ["i1"], coding: { codeIds: ["trust"], inside: true, coderIds: ["someone else"] } })).toEqual([]);
    expect(hitsIn({ sourceIds: ["i1"], speakers: "withoutInterviewers", coding: { codeIds: ["trust"], inside: false } })).toEqual([
      "i1@65",
    ]);
  });

  it("recognises interviewer and facilitator labels", () => {
    for (const yes of ["Interviewer", "INT", "Facilitator 2", "Q", "I", "Moderator", "Researcher:", "IV"])
      expect(isInterviewerLabel(yes), yes).toBe(true);
    for (const no of ["P07", "Participant", "Respondent 3", "Sara", "A", "Interviewee"]) expect(isInterviewerLabel(no), no).toBe(false);
  });
});
