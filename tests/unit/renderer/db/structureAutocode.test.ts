/**
 * Autocode by headings (renderer/db/structureAutocode.ts): one batch, one undo step, nested codes,
 * idempotent, and the same result as making the codes and coding each section one at a time.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { createCode, listCodes } from "../../../../renderer/db/codes";
import { codeRange } from "../../../../renderer/db/codings";
import type { OpenProject } from "../../../../renderer/db/projects";
import { addConvertedSource, deleteSources } from "../../../../renderer/db/sources";
import { applyStructureAutocode, previewStructureAutocode, readHeadingSections } from "../../../../renderer/db/structureAutocode";
import { revertBatch } from "../../../../renderer/db/undo";
import { nameKey } from "../../../../shared/coding/codeTree";
import type { CodeId, SourceId } from "../../../../shared/ids";
import { convertDocx } from "../../../../shared/import";
import type { Block, ConvertedSource } from "../../../../shared/import/types";
import { isLive } from "../../../../shared/model/live";
import type { CodeRecord } from "../../../../shared/model/records";
import { headingSections } from "../../../../shared/search/spread";
import { GUIDE, makeGuideDocx } from "../../../fixtures/docx/generate";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

async function importGuide(p: OpenProject, topics: (typeof GUIDE)["first"], name: string): Promise<SourceId> {
  const converted = await convertDocx(await makeGuideDocx(topics), `${name}.docx`);
  const added = await addConvertedSource(p, converted, { kind: "interview" });
  if (added.status !== "imported") throw new Error("not imported");
  return added.source.id as SourceId;
}

async function setUp() {
  const p = await newProject();
  const ids = [await importGuide(p, GUIDE.first, "P01"), await importGuide(p, GUIDE.second, "P02")];
  return { p, ids };
}

/** Live codes as paths, and live codings as "path @ source: text". */
async function state(p: OpenProject) {
  const codes = (await p.db.codes.toArray()).filter(isLive);
  const byId = new Map(codes.map((c) => [c.id, c]));
  const path = (id: string): string => {
    const c = byId.get(id);
    return c ? (c.parentId ? `${path(c.parentId)}/${c.name}` : c.name) : "?";
  };
  const codings = (await p.db.codings.toArray()).filter(isLive);
  return {
    codes: codes.map((c) => path(c.id)).sort(),
    codings: codings.map((c) => `${path(c.codeId)} @ ${c.sourceId}: ${c.start}-${c.end} ${c.note}`).sort(),
  };
}

describe("autocode by headings", () => {
  it("creates the heading codes nested by level and codes every section in one undoable batch", async () => {
    const { p, ids } = await setUp();
    const progress: number[] = [];
    const read = await readHeadingSections(p, ids, { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([1, 2]);
    const preview = await previewStructureAutocode(p, read, { maxLevel: 2, parentId: null });
    expect(preview.rows.map((r) => `${"  ".repeat(r.depth)}${r.name} ${r.sections}/${r.sources}`)).toEqual([
      "Implementation 2/2",
      "  Training 2/2",
      "  Go-live 1/1",
      "Benefits 1/1",
      "Workarounds 1/1",
    ]);
    expect(preview.perSource).toEqual([
      { sourceId: ids[0], sections: 4 },
      { sourceId: ids[1], sections: 3 },
    ]);
    expect(preview.label).toBe("Autocoded by headings (levels 1-2): 5 codes, 7 sections");

    const before = await p.db.journal.count();
    const result = await applyStructureAutocode(p, preview);
    expect(result).toMatchObject({ codesCreated: 5, codingsCreated: 7 });
    const entries = (await p.db.journal.toArray()).slice(before);
    expect(new Set(entries.map((e) => e.batchId)).size).toBe(1);
    expect(new Set(entries.map((e) => e.label))).toEqual(new Set([preview.label]));

    const after = await state(p);
    expect(after.codes).toEqual(["Benefits", "Implementation", "Implementation/Go-live", "Implementation/Training", "Workarounds"]);
    const content = await p.db.sourceContent.get(ids[1] as string);
    const training = (await listCodes(p)).find((c) => c.name === "Training") as CodeRecord;
    const coded = (await p.db.codings.where("codeId").equals(training.id).toArray()).filter((c) => c.sourceId === ids[1]);
    expect(coded.map((c) => content?.text.slice(c.start, c.end))).toEqual(["Training\nNobody had time for the e-learning."]);

    // One undo step takes all of it back; redo brings it back whole.
    const undoBatch = await revertBatch(p, entries[0]?.batchId ?? "");
    expect(await state(p)).toEqual({ codes: [], codings: [] });
    await revertBatch(p, undoBatch, "redo");
    expect(await state(p)).toEqual(after);
  });

  it("running it again codes nothing twice; existing codes are matched by name under the chosen parent", async () => {
    const { p, ids } = await setUp();
    const parent = await createCode(p, { name: "Topics" });
    await createCode(p, { name: "BENEFITS ", parentId: parent.id });
    const read = await readHeadingSections(p, ids);
    const first = await previewStructureAutocode(p, read, { maxLevel: 1, parentId: parent.id as CodeId });
    expect(first.rows.map((r) => [r.name, r.existingId !== null])).toEqual([
      ["Implementation", false],
      ["Benefits", true],
      ["Workarounds", false],
    ]);
    expect(first.label).toBe("Autocoded by headings (level 1): 3 codes, 4 sections");
    await applyStructureAutocode(p, first);
    const once = await state(p);
    expect(once.codes).toEqual(["Topics", "Topics/BENEFITS", "Topics/Implementation", "Topics/Workarounds"]);

    const again = await previewStructureAutocode(p, await readHeadingSections(p, ids), { maxLevel: 1, parentId: parent.id as CodeId });
    expect(again.totals).toEqual({ codes: 3, newCodes: 0, sections: 4, alreadyCoded: 4 });
    expect(await applyStructureAutocode(p, again)).toMatchObject({ codesCreated: 0, codingsCreated: 0, codingsUpdated: 0 });
    expect(await state(p)).toEqual(once);
  });

  it("stops reading when cancelled, and refuses a parent code deleted since the preview", async () => {
    const { p, ids } = await setUp();
    const stop = new AbortController();
    await expect(readHeadingSections(p, ids, { signal: stop.signal, onProgress: () => stop.abort() })).rejects.toThrow();
    const parent = await createCode(p, { name: "Topics" });
    const preview = await previewStructureAutocode(p, await readHeadingSections(p, ids), { maxLevel: 2, parentId: parent.id as CodeId });
    await p.db.codes.update(parent.id, { deleted: true });
    const journal = await p.db.journal.count();
    await expect(applyStructureAutocode(p, preview)).rejects.toThrow("The parent code no longer exists.");
    expect(await p.db.journal.count()).toBe(journal);
  });
});

describe("autocode by headings, sources deleted since the preview", () => {
  it("leaves out a source deleted after its headings were read", async () => {
    const { p, ids } = await setUp();
    const preview = await previewStructureAutocode(p, await readHeadingSections(p, ids), { maxLevel: 2, parentId: null });
    await deleteSources(p, [ids[1] as string]);
    expect(await applyStructureAutocode(p, preview)).toMatchObject({ codesCreated: 5, codingsCreated: 4 });
    const live = (await p.db.codings.toArray()).filter(isLive);
    expect(new Set(live.map((c) => c.sourceId))).toEqual(new Set([ids[0]]));
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the batch equals making each code and coding each section one at a time.

const NAMES = ["Access", "access", "Barriers", "Trust"];

function source(lines: readonly { heading: number; name: string }[], n: number): ConvertedSource {
  const blocks: Block[] = [];
  let text = "";
  lines.forEach((line, i) => {
    if (i > 0) text += "\n";
    const words = line.heading > 0 ? line.name : `said ${i}`;
    blocks.push({
      kind: line.heading > 0 ? "heading" : "paragraph",
      start: text.length,
      end: text.length + words.length,
      ...(line.heading > 0 ? { level: line.heading } : {}),
    });
    text += words;
  });
  return {
    fileName: `s${n}.txt`,
    format: "txt",
    text,
    blocks,
    marks: [],
    turns: [],
    timestamps: [],
    wordCount: 0,
    charCount: text.length,
    contentHash: `hash-${n}-${text}`,
    warnings: [],
  };
}

/** By hand: for each section, find or make its code under its parent (codebook names), then code it. */
async function oneAtATime(p: OpenProject, sources: readonly { id: string; text: string; blocks: Block[] }[], maxLevel: number) {
  for (const s of sources) {
    const open: { level: number; id: string }[] = [];
    for (const section of headingSections(s.text, s.blocks)) {
      if (section.level > maxLevel || section.title === "") continue;
      while (open.length > 0 && (open.at(-1)?.level ?? 0) >= section.level) open.pop();
      const parentId = open.at(-1)?.id ?? null;
      const codes = await listCodes(p);
      const id =
        codes.find((c) => c.parentId === parentId && nameKey(c.name) === nameKey(section.title))?.id ??
        (await createCode(p, { name: section.title, parentId })).id;
      await codeRange(p, s.id, id as CodeId, { start: section.start, end: section.end });
      open.push({ level: section.level, id });
    }
  }
}

describe("autocode by headings, property", () => {
  it("leaves the codes and codings that coding each section one at a time leaves", async () => {
    const line = fc.record({ heading: fc.integer({ min: 0, max: 3 }), name: fc.constantFrom(...NAMES) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(line, { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.record({ at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }), { nil: undefined }),
        async (docs, maxLevel, earlier) => {
          freshIndexedDb();
          const results = [];
          for (const batch of [true, false]) {
            const p = await newProject();
            const added: { id: string; text: string; blocks: Block[] }[] = [];
            for (const [n, lines] of docs.entries()) {
              const converted = source(lines, n);
              const r = await addConvertedSource(p, converted, { kind: "document" });
              if (r.status === "imported") added.push({ id: r.source.id, text: converted.text, blocks: converted.blocks });
            }
            // A coding made earlier by hand, to be grown or left alone.
            const first = added[0];
            if (earlier && first && first.text.length > 0) {
              const code = await createCode(p, { name: "Access" });
              const start = earlier.at % first.text.length;
              await codeRange(p, first.id, code.id, { start, end: Math.min(first.text.length, start + earlier.length) });
            }
            if (batch) {
              const read = await readHeadingSections(
                p,
                added.map((s) => s.id as SourceId),
              );
              await applyStructureAutocode(p, await previewStructureAutocode(p, read, { maxLevel, parentId: null }));
            } else await oneAtATime(p, added, maxLevel);
            const s = await state(p);
            // Source ids differ between the two projects: name them by position.
            const order = added.map((a) => a.id);
            results.push({ codes: s.codes, codings: s.codings.map((c) => order.reduce((t, id, i) => t.replace(id, `#${i}`), c)).sort() });
          }
          expect(results[0]).toEqual(results[1]);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
