import type { ConvertedSource } from "../../shared/import/types";
import type {
  AttributeRecord,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  MemoRecord,
  SourceRecord,
} from "../../shared/model/records";
import { formatDescription } from "../../shared/codebook/description";
import { writeChanges } from "./changes";
import { createProject, deleteProject, listProjects, openProject, setProjectSourceCount, type ProjectEntry } from "./projects";
import type { CoderProfile } from "./registry";

/**
 * The sample project (resources/sample): made through the same records, journal and importer as a
 * researcher's own project, so everything in Margin works on it. The sample data and the converter
 * (which brings the DOCX reader with it) are loaded only when the sample is asked for.
 */
async function loadSample() {
  const [sample, { convertText }] = await Promise.all([import("../../resources/sample"), import("../../shared/import")]);
  return { sample, convertText };
}

export const SAMPLE_PROJECT_NAME = "Sample: Shared Care Record evaluation";

/** The live sample project on this machine, if the researcher has one. */
export async function findSampleProject(): Promise<ProjectEntry | undefined> {
  return (await listProjects()).find((p) => p.name === SAMPLE_PROJECT_NAME);
}

/** Creates the sample project for this coder, with everything in it, in one journaled batch. */
export async function createSampleProject(profile: CoderProfile, now = new Date()): Promise<ProjectEntry> {
  const { sample, convertText } = await loadSample();
  const encoder = new TextEncoder();
  const converted = new Map<string, ConvertedSource>();
  for (const s of sample.SAMPLE_SOURCES) converted.set(s.key, await convertText(encoder.encode(s.text), s.fileName));
  // Resolve every anchor before writing: a sample that does not fit its text must not half-exist.
  const ranges = sample.SAMPLE_CODINGS.map((coding) => {
    const text = converted.get(coding.source)?.text ?? "";
    const range = sample.resolveAnchor(text, coding.anchor);
    if (!range) throw new Error(`Sample coding not found in ${coding.source}: ${JSON.stringify(coding.anchor)}`);
    return range;
  });

  const entry = await createProject(SAMPLE_PROJECT_NAME, profile, now);
  try {
    const project = await openProject(entry.id, profile, { now });
    await writeChanges(project.db, project.ctx, "Created the sample project", async (w) => {
      const attributeIds = new Map<string, string>();
      for (const [order, a] of sample.SAMPLE_ATTRIBUTES.entries()) {
        const created = await w.create<AttributeRecord>("attributes", { name: a.name, type: "category", options: [...a.options], order });
        attributeIds.set(a.name, created.id);
      }
      const caseIds = new Map<string, string>();
      for (const c of sample.SAMPLE_CASES) {
        const values: CaseRecord["values"] = {};
        for (const [name, value] of Object.entries(c.values)) {
          const id = attributeIds.get(name);
          if (id) values[id] = value;
        }
        caseIds.set(c.name, (await w.create<CaseRecord>("cases", { name: c.name, description: c.description, values })).id);
      }
      const sourceIds = new Map<string, string>();
      for (const s of sample.SAMPLE_SOURCES) {
        const c = converted.get(s.key);
        if (!c) continue;
        const source = await w.create<SourceRecord>("sources", {
          name: s.name,
          kind: "interview",
          fileName: c.fileName,
          format: c.format,
          importedAt: now.toISOString(),
          charCount: c.charCount,
          wordCount: c.wordCount,
          contentHash: c.contentHash,
          caseIds: caseIds.has(s.caseName) ? [caseIds.get(s.caseName) ?? ""] : [],
          memo: s.memo,
        });
        await project.db.sourceContent.add({
          id: source.id,
          text: c.text,
          blocks: c.blocks,
          marks: c.marks,
          turns: c.turns,
          timestamps: c.timestamps,
          warnings: c.warnings,
        });
        sourceIds.set(s.key, source.id);
      }
      const codeIds = new Map<string, string>();
      for (const code of sample.SAMPLE_CODEBOOK) {
        const parentId = code.path.length > 1 ? (codeIds.get(code.path.slice(0, -1).join("/")) ?? null) : null;
        const order = sample.SAMPLE_CODEBOOK.filter(
          (other) => other.path.length === code.path.length && other.path.slice(0, -1).join("/") === code.path.slice(0, -1).join("/"),
        ).indexOf(code);
        const created = await w.create<CodeRecord>("codes", {
          parentId,
          name: code.path[code.path.length - 1] ?? "",
          description: formatDescription(code),
          colour: code.colour,
          order,
          isCategory: false,
        });
        codeIds.set(code.path.join("/"), created.id);
      }
      const second = await w.create<CoderRecord>("coders", { ...sample.SAMPLE_SECOND_CODER, publicKey: null });
      for (const [i, coding] of sample.SAMPLE_CODINGS.entries()) {
        const range = ranges[i];
        const sourceId = sourceIds.get(coding.source);
        const codeId = codeIds.get(coding.code);
        if (!range || !sourceId || !codeId) throw new Error(`Sample coding ${i} refers to something missing.`);
        await w.create<CodingRecord>("codings", {
          sourceId,
          codeId,
          start: range.start,
          end: range.end,
          coderId: coding.coder === "you" ? profile.id : second.id,
          note: coding.note ?? "",
        });
      }
      await w.create<MemoRecord>("memos", {
        targetKind: "project",
        targetId: entry.id,
        ...sample.SAMPLE_PROJECT_MEMO,
        authorId: profile.id,
      });
      const memoCode = codeIds.get(sample.SAMPLE_CODE_MEMO.code);
      if (memoCode) {
        await w.create<MemoRecord>("memos", {
          targetKind: "code",
          targetId: memoCode,
          title: sample.SAMPLE_CODE_MEMO.title,
          body: sample.SAMPLE_CODE_MEMO.body,
          authorId: second.id,
        });
      }
    });
    await setProjectSourceCount(entry.id, sample.SAMPLE_SOURCES.length);
  } catch (error) {
    // Hide the half-made project; the researcher can try again.
    await deleteProject(entry.id);
    throw error;
  }
  return entry;
}

let pending: Promise<ProjectEntry> | null = null;

/**
 * The sample project: reopened if it exists, otherwise created. A double click while it is being
 * made waits for the same one rather than making two.
 */
export function openOrCreateSampleProject(profile: CoderProfile): Promise<ProjectEntry> {
  pending ??= (async () => (await findSampleProject()) ?? (await createSampleProject(profile)))().finally(() => {
    pending = null;
  });
  return pending;
}
