/**
 * Shared by the REFI-QDA export and round-trip tests: a small hand-made project, record makers,
 * unzipping, and schema validation with xmllint against ../shared/corpus/refi-schema.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import type {
  AttributeRecord,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  MemoRecord,
  RecordMeta,
  SourceContentRecord,
  SourceRecord,
} from "../../../../shared/model/records";
import type { ProjectTables } from "../../../../shared/model/tables";

const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));
export const SCHEMA_DIR = path.resolve(repoRoot, "../shared/corpus/refi-schema");
const XMLLINT = "/usr/bin/xmllint";
export const schemaAvailable = fs.existsSync(path.join(SCHEMA_DIR, "Project-mrt2019.xsd")) && fs.existsSync(XMLLINT);
if (!schemaAvailable)
  console.warn(`NOTICE: ${SCHEMA_DIR} or ${XMLLINT} is absent; exported files are checked structurally but not against the REFI-QDA XSD.`);

/** xmllint's verdict on an XML text against one of the two REFI schemas. */
export function validateWithXsd(xml: string | Uint8Array, schema: "Project" | "Codebook"): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-refi-"));
  try {
    const file = path.join(dir, schema === "Project" ? "project.qde" : "codebook.qdc");
    fs.writeFileSync(file, xml);
    const run = spawnSync(XMLLINT, ["--noout", "--schema", path.join(SCHEMA_DIR, `${schema}-mrt2019.xsd`), file], { encoding: "utf8" });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export const utf8 = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

let n = 0;
/** A UUIDv7-shaped id that is unique per call and readable in failures. */
export function testId(): string {
  n++;
  return `0190a000-0000-7000-8000-${n.toString(16).padStart(12, "0")}`;
}

export function meta(coderId: string, id = testId()): RecordMeta {
  return {
    id,
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: `1763632800000-00000-${coderId.replace(/-/g, "").slice(-16)}`,
    updatedBy: coderId,
    deleted: false,
  };
}

export function source(
  coderId: string,
  name: string,
  text: string,
  caseIds: string[] = [],
): { record: SourceRecord; content: SourceContentRecord } {
  const record: SourceRecord = {
    ...meta(coderId),
    name,
    kind: "interview",
    fileName: `${name}.txt`,
    format: "txt",
    importedAt: "2026-11-20T10:00:00.000Z",
    charCount: text.length,
    wordCount: text.split(/\s+/).filter(Boolean).length,
    contentHash: "",
    caseIds,
    memo: "",
  };
  return { record, content: { id: record.id, text, blocks: [], marks: [], turns: [], timestamps: [], warnings: [] } };
}

export function code(coderId: string, name: string, parentId: string | null, order: number, extra: Partial<CodeRecord> = {}): CodeRecord {
  return { ...meta(coderId), parentId, name, description: "", colour: "#0072B2", order, isCategory: false, ...extra };
}

export function coding(coderId: string, sourceId: string, codeId: string, start: number, end: number, note = ""): CodingRecord {
  return { ...meta(coderId), sourceId, codeId, start, end, coderId, note };
}

export function memo(authorId: string, targetKind: MemoRecord["targetKind"], targetId: string, title: string, body: string): MemoRecord {
  return { ...meta(authorId), targetKind, targetId, title, body, authorId };
}

export function coder(name: string): CoderRecord {
  const id = testId();
  return { ...meta(id, id), name, initials: name.slice(0, 2).toUpperCase(), colour: "#123456", publicKey: null };
}

/** Two coders, a three-level codebook, two sources (one with emoji and Welsh), codings, memos, cases, attributes. */
export function sampleTables() {
  const ana = coder("Ana Researcher");
  const ben = coder("Ben Coder");
  const role = { ...meta(ana.id), name: "Role", type: "category", options: ["Nurse", "GP"], order: 0 } satisfies AttributeRecord;
  const age = { ...meta(ana.id), name: "Age", type: "number", options: [], order: 1 } satisfies AttributeRecord;
  const seen = { ...meta(ana.id), name: "Interviewed", type: "date", options: [], order: 2 } satisfies AttributeRecord;
  const site = { ...meta(ana.id), name: "Site & ward", type: "text", options: [], order: 3 } satisfies AttributeRecord;
  const p01: CaseRecord = {
    ...meta(ana.id),
    name: "P01",
    description: "Ward nurse",
    values: { [role.id]: "Nurse", [age.id]: 41, [seen.id]: "2024-03-07", [site.id]: "North <A&E>" },
  };
  const p02: CaseRecord = { ...meta(ana.id), name: "P02", description: "", values: { [role.id]: "GP", [age.id]: 52.5, [seen.id]: null } };
  const s1 = source(
    ana.id,
    "Interview P01",
    "Interviewer: How is the record?\nP01: It saves time 😀 but logins fail.\n\nInterviewer: Thanks.",
    [p01.id],
  );
  const s2 = source(ben.id, "Cyfweliad P02 (Welsh)", "Mae'r system yn araf. 系统很慢。\nDiolch 👍🏽!", [p02.id]);
  const tech = code(ana.id, "Technology", null, 0, {
    isCategory: true,
    description: "Anything about the system.\n\nWhen to use: the software\n\nExample: “logins fail”",
  });
  const usability = code(ana.id, "Usability", tech.id, 0, { colour: "#d55e00" });
  const logins = code(ben.id, "Logins & passwords", usability.id, 0);
  const time = code(ana.id, "Time saved", null, 1);
  const t1 = s1.content.text;
  const c1 = coding(ana.id, s1.record.id, time.id, t1.indexOf("It saves"), t1.indexOf(" but"));
  const c2 = coding(ben.id, s1.record.id, logins.id, t1.indexOf("logins"), t1.indexOf("fail.") + 4, "login failures at night");
  const c3 = coding(ana.id, s1.record.id, usability.id, t1.indexOf("😀"), t1.indexOf("fail.") + 4);
  const t2 = s2.content.text;
  const c4 = coding(ben.id, s2.record.id, usability.id, t2.indexOf("系统"), t2.indexOf("👍🏽") + "👍🏽".length);
  const memos = [
    memo(ana.id, "project", "project-1", "Analysis plan", "Code **deductively** first.\n\n- then inductive"),
    memo(ana.id, "source", s1.record.id, "About P01", "Quiet ward."),
    memo(ben.id, "code", logins.id, "Logins memo", "Check with IT <helpdesk>."),
    memo(ben.id, "coding", c2.id, "Night shifts", "Only at night?"),
    memo(ana.id, "case", p01.id, "P01 background", "Senior nurse, 20 years."),
  ];
  const tables: ProjectTables = {
    savedSearches: [],
    speakers: [],
    casePassages: [],
    sources: [s1.record, s2.record],
    sourceContent: [s1.content, s2.content],
    codes: [tech, usability, logins, time],
    codings: [c1, c2, c3, c4],
    memos,
    cases: [p01, p02],
    attributes: [role, age, seen, site],
    coders: [ana, ben],
  };
  return {
    tables,
    ids: {
      ana: ana.id,
      ben: ben.id,
      s1: s1.record.id,
      s2: s2.record.id,
      tech: tech.id,
      usability: usability.id,
      logins: logins.id,
      time: time.id,
      c1: c1.id,
      c2: c2.id,
      c3: c3.id,
      c4: c4.id,
      p01: p01.id,
      p02: p02.id,
      role: role.id,
      age: age.id,
    },
  };
}
