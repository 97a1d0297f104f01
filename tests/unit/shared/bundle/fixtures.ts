/** Small, deterministic projects for bundle, merge and CLI tests. */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { formatStamp } from "../../../../shared/clock/hlc";
import type {
  CasePassageRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  MemoRecord,
  SavedSearchRecord,
  SourceContentRecord,
  SourceRecord,
  SpeakerRecord,
} from "../../../../shared/model/records";
import { emptyProjectTables, type ProjectTables } from "../../../../shared/model/tables";
import type { BundleInfo } from "../../../../shared/bundle";

export const T0 = 1_790_000_000_000;

export function stamp(ms: number, node = "nodeA", counter = 0): string {
  return formatStamp({ wallTime: T0 + ms, counter, node });
}

export function meta(id: string, at: string, by = "coder-a") {
  return { id, createdAt: "2026-11-26T10:00:00.000Z", updatedAt: at, updatedBy: by, deleted: false };
}

/** Hex SHA-256 of the text's UTF-8, as import computes a source's contentHash (bundles are checked against it). */
export function textHash(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

export function source(
  id: string,
  text: string,
  at = stamp(1),
  by = "coder-a",
  hash = textHash(text),
): { source: SourceRecord; content: SourceContentRecord } {
  return {
    source: {
      ...meta(id, at, by),
      name: `Interview ${id}`,
      kind: "interview",
      fileName: `${id}.docx`,
      format: "docx",
      importedAt: "2026-11-26T10:00:00.000Z",
      charCount: text.length,
      wordCount: text.split(/\s+/).filter(Boolean).length,
      contentHash: hash,
      caseIds: [],
      memo: "",
    },
    content: {
      id,
      text,
      blocks: [{ kind: "paragraph", start: 0, end: text.length }] as SourceContentRecord["blocks"],
      marks: [],
      turns: [],
      timestamps: [],
      warnings: [],
    },
  };
}

export function code(id: string, name: string, at = stamp(1), by = "coder-a", parentId: string | null = null): CodeRecord {
  return { ...meta(id, at, by), parentId, name, description: "", colour: "#0072B2", order: 0, isCategory: false };
}

export function coding(
  id: string,
  sourceId: string,
  codeId: string,
  start: number,
  end: number,
  at = stamp(1),
  by = "coder-a",
): CodingRecord {
  return { ...meta(id, at, by), sourceId, codeId, start, end, coderId: by, note: "" };
}

export function memo(
  id: string,
  targetKind: MemoRecord["targetKind"],
  targetId: string,
  body: string,
  at = stamp(1),
  by = "coder-a",
): MemoRecord {
  return { ...meta(id, at, by), targetKind, targetId, title: "Memo", body, authorId: by };
}

export function coder(id: string, name: string, at = stamp(0)): CoderRecord {
  return { ...meta(id, at, id), name, initials: name.slice(0, 2).toUpperCase(), colour: "#D55E00", publicKey: null };
}

/** A small but complete project: two sources, a code tree, codings, memos, a case, two coders. */
export function sampleProject(): ProjectTables {
  const t = emptyProjectTables();
  const a = source("src-1", "We talked about handover between the ward and the community team. It was hard. Ünïcödé ✓ and emoji 🎉.");
  const b = source("src-2", "Second interview.\nA new line, and “quotes”.");
  t.sources.push(a.source, b.source);
  t.sourceContent.push(a.content, b.content);
  t.codes.push(code("code-1", "Coordination"), code("code-2", "Handover", stamp(2), "coder-a", "code-1"));
  t.codings.push(coding("cod-1", "src-1", "code-2", 15, 23), coding("cod-2", "src-2", "code-1", 0, 6, stamp(3), "coder-b"));
  t.memos.push(memo("memo-1", "source", "src-1", "A **rich** interview."));
  t.cases.push({ ...meta("case-1", stamp(1)), name: "Site A", description: "", values: { "attr-1": "Acute" } });
  t.attributes.push({ ...meta("attr-1", stamp(1)), name: "Setting", type: "category", options: ["Acute", "Community"], order: 0 });
  t.coders.push(coder("coder-a", "Ada"), coder("coder-b", "Ben"));
  t.codings.push({ ...coding("cod-3", "src-1", "code-1", 0, 2, stamp(4)), deleted: true });
  return t;
}

export function savedSearch(id: string, name: string, at = stamp(5), by = "coder-a"): SavedSearchRecord {
  return {
    ...meta(id, at, by),
    name,
    query: '"go-live" OR implement*',
    regex: false,
    matchCase: false,
    wholeWords: true,
    scope: {
      sourceKinds: ["interview"],
      speakers: "participants",
      cases: { caseIds: ["case-1"] },
      coding: { codeIds: ["code-1"], inside: true },
    },
    notes: { memos: true, annotations: false },
  };
}

export function speaker(
  id: string,
  label: string,
  name = label,
  role: SpeakerRecord["role"] = null,
  at = stamp(5),
  by = "coder-a",
): SpeakerRecord {
  return { ...meta(id, at, by), label, name, role };
}

export function casePassage(
  id: string,
  caseId: string,
  sourceId: string,
  start: number,
  end: number,
  at = stamp(5),
  by = "coder-a",
): CasePassageRecord {
  return { ...meta(id, at, by), caseId, sourceId, start, end, coderId: by };
}

/** sampleProject with a record in each table format version 2 added (saved searches, speakers, case passages). */
export function sampleProjectV2(): ProjectTables {
  const t = sampleProject();
  t.savedSearches.push(savedSearch("search-1", "Go-live"));
  t.speakers.push(
    speaker("speaker-1", "P07 (ward manager)", "P07", "participant"),
    speaker("speaker-2", "Interviewer", "Interviewer", "interviewer"),
  );
  t.casePassages.push(casePassage("passage-1", "case-1", "src-1", 0, 30), {
    ...casePassage("passage-2", "case-1", "src-2", 0, 6),
    deleted: true,
  });
  return t;
}

export const INFO: BundleInfo = {
  projectId: "proj-1",
  projectName: "Digital health evaluation",
  exporter: { coderId: "coder-a", name: "Ada" },
  kind: "whole",
  since: null,
  createdAt: "2026-11-26T12:00:00.000Z",
};
