/**
 * A small hand-made project for the report tests: three sources (one interview with speaker turns,
 * one with plain paragraphs in several scripts, one observation without a case), a two-level
 * codebook, two coders, two cases with attributes, memos, and tombstones that must never appear.
 */
import type { Block, Turn } from "../../../../shared/import/types";
import type { ProjectTables } from "../../../../shared/model/tables";
import type { CodeRecord, CodingRecord, RecordMeta, SourceContentRecord, SourceRecord } from "../../../../shared/model/records";
import { emptyProjectTables } from "../../../../shared/model/tables";

const meta = (id: string, deleted = false): RecordMeta => ({
  id,
  createdAt: "2026-03-04T10:00:00.000Z",
  updatedAt: "1772618400000-00000-node1",
  updatedBy: "coder-amira",
  deleted,
});

/** Blocks tiling the text (one "\n" between), and turns for lines that start with "Name:". */
function content(id: string, lines: string[]): SourceContentRecord {
  const blocks: Block[] = [];
  const turns: Turn[] = [];
  let at = 0;
  for (const line of lines) {
    blocks.push({
      kind: line.startsWith("# ") ? "heading" : "paragraph",
      start: at,
      end: at + line.length,
      ...(line.startsWith("# ") ? { level: 1 } : {}),
    });
    const speaker = /^(Interviewer|P01):/.exec(line);
    if (speaker) {
      const last = turns[turns.length - 1];
      if (last) last.end = at - 1;
      turns.push({ start: at, end: at + line.length, speaker: speaker[1] as string, labelEnd: at + (speaker[0]?.length ?? 0) });
    }
    at += line.length + 1;
  }
  return { id, text: lines.join("\n"), blocks, marks: [], turns, timestamps: [], warnings: [] };
}

const source = (id: string, name: string, kind: SourceRecord["kind"], caseIds: string[], deleted = false): SourceRecord => ({
  ...meta(id, deleted),
  name,
  kind,
  fileName: `${name}.docx`,
  format: "docx",
  importedAt: "2026-03-04T10:00:00.000Z",
  charCount: 0,
  wordCount: 0,
  contentHash: id,
  caseIds,
  memo: "",
});

const code = (id: string, name: string, parentId: string | null, order: number, description = "", deleted = false): CodeRecord => ({
  ...meta(id, deleted),
  parentId,
  name,
  description,
  colour: "#1f77b4",
  order,
  isCategory: false,
});

export const P01_LINES = [
  "# Ward 7 interview",
  "Interviewer: How was go-live?",
  "P01: Mixed. Logging in takes three minutes, every time.",
  "Interviewer: And the handover?",
  'P01: The "obs chart" is buried; we print it instead.',
];

export const P02_LINES = [
  "Notes from the pharmacy, in three scripts.",
  "قال الصيدلي: النظام بطيء جداً",
  "药剂师说：系统太慢了 😩",
  "A plain closing paragraph, with a comma.",
];

export const OBS_LINES = ["Observed the morning huddle.", "=SUM(A1) was written on the whiteboard."];

export function fixtureTables(): ProjectTables {
  const t = emptyProjectTables();
  t.coders.push(
    { ...meta("coder-amira"), name: "Amira Patel", initials: "AP", colour: "#d62728", publicKey: null },
    { ...meta("coder-sam"), name: "Sam Okafor", initials: "SO", colour: "#2ca02c", publicKey: null },
  );
  t.attributes.push(
    { ...meta("attr-site"), name: "Site", type: "category", options: ["North", "South"], order: 0 },
    { ...meta("attr-role"), name: "Role", type: "text", options: [], order: 1 },
  );
  t.cases.push(
    { ...meta("case-a"), name: "Case A", description: "", values: { "attr-site": "North", "attr-role": "Nurse" } },
    { ...meta("case-b"), name: "Case B", description: "", values: { "attr-site": "South", "attr-role": "Pharmacist" } },
    { ...meta("case-gone", true), name: "Deleted case", description: "", values: {} },
  );
  t.sources.push(
    source("src-p01", "P01 interview", "interview", ["case-a"]),
    source("src-p02", "P02 pharmacy", "interview", ["case-b"]),
    source("src-obs", "Huddle observation", "observation", []),
    source("src-gone", "Deleted source", "interview", ["case-a"], true),
  );
  t.sourceContent.push(
    content("src-p01", P01_LINES),
    content("src-p02", P02_LINES),
    content("src-obs", OBS_LINES),
    content("src-gone", ["Gone."]),
  );
  t.codes.push(
    code(
      "code-tech",
      "Technology",
      null,
      0,
      "How the system itself helps or hinders.\n\nWhen to use: about the software.\n\nWhen not to use: about staffing.\n\nExample: “the log-in is slow”",
    ),
    code("code-usab", "Usability", "code-tech", 0, "Ease of use.\n\nWhen to use: clicks, log-in, finding things."),
    code("code-interop", "Interoperability", "code-tech", 1),
    code("code-people", "People", null, 1),
    code("code-work", "Workload", "code-people", 0),
    code("code-gone", "Deleted code", null, 2, "", true),
  );
  const p01 = t.sourceContent[0]!.text;
  const p02 = t.sourceContent[1]!.text;
  const obs = t.sourceContent[2]!.text;
  const coding = (
    id: string,
    sourceId: string,
    codeId: string,
    text: string,
    find: string,
    coderId: string,
    note = "",
    deleted = false,
  ): CodingRecord => {
    const start = text.indexOf(find);
    if (start < 0) throw new Error(`fixture: "${find}" not found`);
    return { ...meta(id, deleted), sourceId, codeId, start, end: start + find.length, coderId, note };
  };
  t.codings.push(
    coding("cod-1", "src-p01", "code-usab", p01, "Logging in takes three minutes, every time.", "coder-amira", 'Echoes P02, "slow" again'),
    coding("cod-2", "src-p01", "code-tech", p01, 'The "obs chart" is buried; we print it instead.', "coder-sam", "Line one\nline two"),
    coding("cod-3", "src-p01", "code-work", p01, "we print it instead", "coder-amira"),
    coding("cod-4", "src-p02", "code-usab", p02, "قال الصيدلي: النظام بطيء جداً", "coder-sam"),
    coding("cod-5", "src-p02", "code-usab", p02, "药剂师说：系统太慢了 😩", "coder-amira"),
    coding("cod-6", "src-obs", "code-interop", obs, "=SUM(A1) was written", "coder-amira"),
    coding("cod-gone", "src-p01", "code-usab", p01, "How was go-live?", "coder-amira", "", true),
    coding("cod-gone-src", "src-gone", "code-usab", "Gone.", "Gone.", "coder-amira"),
    coding("cod-gone-code", "src-p01", "code-gone", p01, "Mixed.", "coder-amira"),
  );
  t.memos.push(
    {
      ...meta("memo-project"),
      targetKind: "project",
      targetId: "",
      title: "Analysis plan",
      body: "We code **deductively** first.\n\n- then inductively",
      authorId: "coder-amira",
    },
    {
      ...meta("memo-usab"),
      targetKind: "code",
      targetId: "code-usab",
      title: "Usability memo",
      body: "Log-in time dominates.",
      authorId: "coder-sam",
    },
    {
      ...meta("memo-coding"),
      targetKind: "coding",
      targetId: "cod-1",
      title: "About the log-in quote",
      body: "Check against audit logs.",
      authorId: "coder-amira",
    },
    { ...meta("memo-gone", true), targetKind: "project", targetId: "", title: "Deleted memo", body: "x", authorId: "coder-amira" },
  );
  return t;
}
