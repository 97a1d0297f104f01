import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { convertText } from "../../../../shared/import";
import {
  SAMPLE_CASES,
  SAMPLE_CODEBOOK,
  SAMPLE_CODINGS,
  SAMPLE_PROJECT_NAME,
  SAMPLE_SOURCES,
  findAll,
  resolveAnchor,
  type SampleAnchor,
} from "../../../../resources/sample";
import {
  createSampleProject,
  findSampleProject,
  openOrCreateSampleProject,
  SAMPLE_PROJECT_NAME as DB_SAMPLE_NAME,
} from "../../../../renderer/db/sample";
import { listProjects, openProject } from "../../../../renderer/db/projects";
import { listSources, getSourceContent } from "../../../../renderer/db/sources";
import { listAttributes, listCases } from "../../../../renderer/db/cases";
import { listCodes } from "../../../../renderer/db/codes";
import { listMemos } from "../../../../renderer/db/memos";
import { listCoders } from "../../../../renderer/db/retrieval";
import { parseDescription } from "../../../../shared/codebook/description";
import { codePath } from "../../../../shared/coding/codeTree";
import { assembleSegments, codeGroups } from "../../../../shared/retrieval/segments";
import type { CoderProfile } from "../../../../renderer/db/registry";

const profile: CoderProfile = { id: "0190a000-0000-7000-8000-00000000aaaa", name: "Amira Patel", initials: "AP", colour: "#0072B2" };
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

async function convertedTexts(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const s of SAMPLE_SOURCES) out.set(s.key, (await convertText(new TextEncoder().encode(s.text), s.fileName)).text);
  return out;
}

function expectedWords(anchor: SampleAnchor): { whole?: string; from?: string; to?: string } {
  return "text" in anchor ? { whole: squash(anchor.text) } : { from: squash(anchor.from), to: squash(anchor.to) };
}

describe("sample data", () => {
  it("reads as interviews: 600 to 1,200 words each, with Interviewer and participant turns", async () => {
    for (const s of SAMPLE_SOURCES) {
      const converted = await convertText(new TextEncoder().encode(s.text), s.fileName);
      expect(converted.wordCount).toBeGreaterThanOrEqual(600);
      expect(converted.wordCount).toBeLessThanOrEqual(1200);
      const speakers = new Set(converted.turns.map((t) => t.speaker));
      expect(speakers).toEqual(new Set(["Interviewer", s.key.toUpperCase()]));
      expect(converted.timestamps.length).toBeGreaterThan(10);
    }
  });

  it("anchors every coding to words that occur in the converted text, unambiguously", async () => {
    const texts = await convertedTexts();
    for (const coding of SAMPLE_CODINGS) {
      const text = texts.get(coding.source) ?? "";
      const range = resolveAnchor(text, coding.anchor);
      expect(range, `${coding.source} ${JSON.stringify(coding.anchor)}`).not.toBeNull();
      if (!range) continue;
      const coded = squash(text.slice(range.start, range.end));
      const words = expectedWords(coding.anchor);
      if (words.whole) expect(coded).toBe(words.whole);
      else {
        expect(coded.startsWith(words.from ?? "")).toBe(true);
        expect(coded.endsWith(words.to ?? "")).toBe(true);
      }
      // Without an occurrence number the first match is taken: there must be only one.
      if (coding.anchor.occurrence === undefined)
        expect(findAll(text, "text" in coding.anchor ? coding.anchor.text : coding.anchor.from)).toHaveLength(1);
    }
  });

  it("names codes that are in the codebook", () => {
    const paths = new Set(SAMPLE_CODEBOOK.map((c) => c.path.join("/")));
    for (const coding of SAMPLE_CODINGS) expect(paths.has(coding.code), coding.code).toBe(true);
    expect(DB_SAMPLE_NAME).toBe(SAMPLE_PROJECT_NAME);
  });
});

describe("createSampleProject", () => {
  beforeEach(freshIndexedDb);

  it("creates the project with its sources, cases, codebook, two coders' codings and memos, in one journaled batch", async () => {
    const entry = await createSampleProject(profile);
    expect(entry.name).toBe("Sample: Shared Care Record evaluation");
    const project = await openProject(entry.id, profile);

    const sources = await listSources(project);
    expect(sources.map((s) => s.name).sort()).toEqual(SAMPLE_SOURCES.map((s) => s.name).sort());
    expect((await listProjects())[0]?.sourceCount).toBe(3);

    const cases = await listCases(project);
    const attributes = await listAttributes(project);
    expect(cases.map((c) => c.name)).toEqual(["P01", "P02", "P03"]);
    expect(attributes.map((a) => a.name)).toEqual(["Role", "Staff group", "Site type"]);
    const role = attributes[0]?.id ?? "";
    expect(cases.map((c) => c.values[role])).toEqual(SAMPLE_CASES.map((c) => c.values.Role));
    for (const s of sources) expect(s.caseIds).toHaveLength(1);

    const codes = await listCodes(project);
    expect(codes.map((c) => codePath(codes, c.id)).sort()).toEqual(SAMPLE_CODEBOOK.map((c) => c.path.join("/")).sort());
    const usability = codes.find((c) => c.name === "Usability");
    expect(parseDescription(usability?.description ?? "").whenNotToUse).toContain("People/Workload");

    const coders = await listCoders(project);
    expect(coders.map((c) => `${c.name} (${c.initials})`)).toEqual(["Amira Patel (AP)", "Sam Okafor (SO)"]);
    const second = coders.find((c) => c.initials === "SO");

    const codings = await project.db.codings.toArray();
    expect(codings).toHaveLength(SAMPLE_CODINGS.length);
    const mine = codings.filter((c) => c.coderId === profile.id).length;
    const theirs = codings.filter((c) => c.coderId === second?.id).length;
    expect(mine + theirs).toBe(codings.length);
    expect(mine).toBe(SAMPLE_CODINGS.filter((c) => c.coder === "you").length);
    expect(theirs).toBe(SAMPLE_CODINGS.filter((c) => c.coder === "second").length);
    expect(theirs).toBeGreaterThan(10);

    // Each coding covers exactly the words its anchor names, in the stored (converted) text.
    const sourceByKey = new Map(SAMPLE_SOURCES.map((s) => [s.key, sources.find((x) => x.name === s.name)?.id ?? ""]));
    for (const sample of SAMPLE_CODINGS) {
      const sourceId = sourceByKey.get(sample.source) ?? "";
      const text = (await getSourceContent(project, sourceId))?.text ?? "";
      const codeId = codes.find((c) => codePath(codes, c.id) === sample.code)?.id;
      const words = expectedWords(sample.anchor);
      const match = codings.find((c) => {
        if (c.sourceId !== sourceId || c.codeId !== codeId) return false;
        const coded = squash(text.slice(c.start, c.end));
        return words.whole ? coded === words.whole : coded.startsWith(words.from ?? "") && coded.endsWith(words.to ?? "");
      });
      expect(match, JSON.stringify(sample.anchor)).toBeDefined();
    }

    const memos = await listMemos(project);
    expect(memos.map((m) => m.targetKind).sort()).toEqual(["code", "project"]);
    expect(memos.find((m) => m.targetKind === "project")?.targetId).toBe(entry.id);
    expect(memos.find((m) => m.targetKind === "code")?.authorId).toBe(second?.id);

    const journal = await project.db.journal.toArray();
    const batch = journal.filter((j) => j.label === "Created the sample project");
    expect(new Set(batch.map((j) => j.batchId)).size).toBe(1);
    expect(batch.filter((j) => j.table === "codings")).toHaveLength(SAMPLE_CODINGS.length);
  });

  it("retrieves the Usability–Workload overlap the sample memo describes", async () => {
    const entry = await createSampleProject(profile);
    const project = await openProject(entry.id, profile);
    const codes = await listCodes(project);
    const id = (name: string) => codes.find((c) => c.name === name)?.id ?? "";
    const codings = await project.db.codings.toArray();
    const segments = assembleSegments(
      codings,
      codeGroups(codes, { codeIds: [id("Usability"), id("Workload")], includeSubcodes: true }),
      "all",
    );
    const texts = await Promise.all(segments.map(async (s) => (await getSourceContent(project, s.sourceId))?.text.slice(s.start, s.end)));
    expect(texts.sort()).toEqual([
      "Logging in with the smartcard on the ward PCs can take two or three minutes at the start of a shift, and the mobile devices time out if you put them down to help a patient.",
      "The log-in time is the most wasteful thing",
    ]);
  });

  it("reopens the existing sample instead of making a second one, even when asked twice at once", async () => {
    const [a, b] = await Promise.all([openOrCreateSampleProject(profile), openOrCreateSampleProject(profile)]);
    const c = await openOrCreateSampleProject(profile);
    expect(a.id).toBe(b.id);
    expect(c.id).toBe(a.id);
    expect((await listProjects()).filter((p) => p.name === SAMPLE_PROJECT_NAME)).toHaveLength(1);
    expect((await findSampleProject())?.id).toBe(a.id);
  });
});
