import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "../db/helpers";
import { listSources, getSourceContent } from "../../../../renderer/db/sources";
import { getProject } from "../../../../renderer/db/projects";
import { runImport, type ImportProgress } from "../../../../renderer/sources/import/runImport";
import { progressSummary } from "../../../../renderer/sources/import/ImportResults";
import type { Converter, ConversionResult } from "../../../../renderer/sources/import/conversionPool";
import type { PickedFile } from "../../../../renderer/host/host";
import type { ConvertedSource } from "../../../../shared/import/types";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

function file(name: string, content: string, size = content.length): PickedFile {
  return { name, path: `batch/${name}`, size, bytes: async () => new TextEncoder().encode(content) };
}

function converted(fileName: string, text: string): ConvertedSource {
  return {
    fileName,
    format: "txt",
    text,
    blocks: [{ kind: "paragraph", start: 0, end: text.length }],
    marks: [],
    turns: [],
    timestamps: [],
    wordCount: text.split(/\s+/).length,
    charCount: text.length,
    contentHash: `hash-of-${text}`,
    warnings: [],
  };
}

/** A converter that fails on names containing "corrupt" and can be held to test cancelling. */
function fakeConverter(gate?: Promise<void>): Converter & { calls: string[] } {
  const calls: string[] = [];
  return {
    size: 2,
    calls,
    async convert(fileName, bytes): Promise<ConversionResult> {
      calls.push(fileName);
      if (gate) await gate;
      if (fileName.includes("corrupt")) {
        return { ok: false, error: { name: "ImportError", fileName, reason: "corrupt", message: `“${fileName}” is damaged.` } };
      }
      return { ok: true, source: converted(fileName, new TextDecoder().decode(bytes)) };
    },
    dispose() {},
  };
}

describe("runImport", () => {
  it("reports every file: imported, duplicate (same text) and failed with its reason", async () => {
    const p = await newProject();
    const files = [
      file("P01.txt", "first interview"),
      file("P02.txt", "second interview"),
      file("P01 copy.txt", "first interview"),
      file("corrupt.docx", "xx"),
      file("huge.docx", "x", 60 * 1024 * 1024),
    ];
    const progress: number[] = [];
    const outcomes = await runImport({
      project: p,
      files,
      kind: "interview",
      converter: fakeConverter(),
      onProgress: (pr) => progress.push(pr.done),
    });
    expect(outcomes.map((o) => [o.fileName, o.status])).toEqual([
      ["P01.txt", "imported"],
      ["P02.txt", "imported"],
      ["P01 copy.txt", "duplicate"],
      ["corrupt.docx", "failed"],
      ["huge.docx", "failed"],
    ]);
    expect(outcomes[2]?.message).toContain("P01");
    expect(outcomes[3]?.message).toContain("corrupt.docx");
    expect(outcomes[4]?.message).toMatch(/too large/);
    expect(progress.at(-1)).toBe(5);
    const sources = await listSources(p);
    expect(sources.map((s) => s.name).sort()).toEqual(["P01", "P02"]);
    expect(sources.every((s) => s.kind === "interview")).toBe(true);
    const content = await getSourceContent(p, sources[0]!.id);
    expect(content?.text).toMatch(/interview/);
    expect((await getProject(p.entry.id))?.sourceCount).toBe(2);
    // Each imported source is journaled.
    expect(await p.db.journal.where("table").equals("sources").count()).toBe(2);
  });

  it("writes in the order the files were picked: the later of two same-text files is the duplicate, whichever converts first", async () => {
    const p = await newProject();
    // The first file converts slowest, so its copy (and the files after) finish converting before it.
    const delays: Record<string, number> = { "P01.txt": 60, "P02.txt": 5, "P01 (copy).txt": 0, "P03.txt": 0 };
    const converter = fakeConverter();
    const slow: Converter = {
      size: 4,
      async convert(fileName, bytes) {
        await new Promise((r) => setTimeout(r, delays[fileName] ?? 0));
        return converter.convert(fileName, bytes);
      },
      dispose() {},
    };
    const files = [
      file("P01.txt", "first interview"),
      file("P02.txt", "second"),
      file("P01 (copy).txt", "first interview"),
      file("P03.txt", "third"),
    ];
    const done: string[] = [];
    const outcomes = await runImport({
      project: p,
      files,
      kind: "interview",
      converter: slow,
      onProgress: (pr) => done.push(String(pr.done)),
    });
    expect(outcomes.map((o) => [o.fileName, o.status])).toEqual([
      ["P01.txt", "imported"],
      ["P02.txt", "imported"],
      ["P01 (copy).txt", "duplicate"],
      ["P03.txt", "imported"],
    ]);
    expect(outcomes[2]?.message).toContain("“P01”");
    const sources = await listSources(p);
    expect(sources.map((s) => s.name).sort()).toEqual(["P01", "P02", "P03"]);
    // Written in pick order: the journal's source entries come in that order.
    const journaled = await p.db.journal.where("table").equals("sources").sortBy("seq");
    const byId = new Map(sources.map((s) => [s.id, s.name]));
    expect(journaled.map((entry) => byId.get(entry.recordId))).toEqual(["P01", "P02", "P03"]);
  });

  it("keeps the original, not “X (copy)”, when both are picked (copy picked first) and says which was kept", async () => {
    const p = await newProject();
    const files = [
      file("GDE_SiteA_P01 (copy).txt", "first interview"),
      file("P02.txt", "second"),
      file("GDE_SiteA_P01.txt", "first interview"),
    ];
    const outcomes = await runImport({ project: p, files, kind: "interview", converter: fakeConverter() });
    expect(outcomes.map((o) => [o.fileName, o.status])).toEqual([
      ["GDE_SiteA_P01 (copy).txt", "duplicate"],
      ["P02.txt", "imported"],
      ["GDE_SiteA_P01.txt", "imported"],
    ]);
    expect(outcomes[0]?.message).toBe("Same text as “GDE_SiteA_P01”, which was kept.");
    expect((await listSources(p)).map((s) => s.name).sort()).toEqual(["GDE_SiteA_P01", "P02"]);
  });

  it("a batch import is one undo step: one Undo removes every file of the batch", async () => {
    const p = await newProject();
    const files = [file("SiteA_P01.txt", "first"), file("SiteA_P02.txt", "second"), file("SiteA_P03.txt", "third")];
    await runImport({ project: p, files, kind: "interview", converter: fakeConverter(), caseNamesFor: (f) => [f.name.slice(0, 5)] });
    expect(await listSources(p)).toHaveLength(3);
    expect(p.history.state().undoLabel).toBe("Imported 3 files");
    expect(await p.history.undo(p)).toBe("Imported 3 files");
    expect(await listSources(p)).toHaveLength(0);
    expect(await p.db.cases.filter((c) => !c.deleted).count()).toBe(0);
    expect(p.history.state().undoLabel).toBeNull();
    // Redo brings the whole batch back.
    await p.history.redo(p);
    expect((await listSources(p)).map((s) => s.name).sort()).toEqual(["SiteA_P01", "SiteA_P02", "SiteA_P03"]);
  });

  it("a slow file holds back only the writes after it: the other files still convert meanwhile", async () => {
    const p = await newProject();
    let releaseFirst!: () => void;
    const first = new Promise<void>((r) => (releaseFirst = r));
    const converted: string[] = [];
    const converter = fakeConverter();
    const held: Converter = {
      size: 1,
      async convert(fileName, bytes) {
        if (fileName === "F0.txt") await first;
        converted.push(fileName);
        return converter.convert(fileName, bytes);
      },
      dispose() {},
    };
    const files = Array.from({ length: 8 }, (_, i) => file(`F${i}.txt`, `text ${i}`));
    const running = runImport({ project: p, files, kind: "document", converter: held });
    await expect.poll(() => converted.length, { timeout: 2000 }).toBe(7);
    expect(await listSources(p)).toEqual([]); // nothing written ahead of F0
    releaseFirst();
    const outcomes = await running;
    expect(outcomes.every((o) => o.status === "imported")).toBe(true);
    expect((await listSources(p)).length).toBe(8);
  });

  it("counts conversions as they finish while a long first file holds the batch, and names that file", async () => {
    const p = await newProject();
    let releaseLong!: () => void;
    const long = new Promise<void>((r) => (releaseLong = r));
    const converter = fakeConverter();
    const held: Converter = {
      size: 2,
      async convert(fileName, bytes) {
        if (fileName === "GDE_long.docx") await long;
        return converter.convert(fileName, bytes);
      },
      dispose() {},
    };
    const files = [
      file("GDE_long.docx", "long interview"),
      ...Array.from({ length: 4 }, (_, i) => file(`GDE_P0${i + 1}.docx`, `short ${i}`)),
    ];
    const seen: ImportProgress[] = [];
    const running = runImport({ project: p, files, kind: "interview", converter: held, onProgress: (pr) => seen.push(pr) });
    await expect.poll(() => seen.at(-1)?.converted, { timeout: 2000 }).toBe(4);
    const whileHeld = seen.at(-1);
    expect(whileHeld).toMatchObject({ total: 5, converted: 4, done: 0, imported: 0, holding: "GDE_long.docx", current: ["GDE_long.docx"] });
    expect(whileHeld && progressSummary(whileHeld)).toBe("Converted 4 of 5 · saved 0 · waiting for GDE_long.docx");
    // The count rose one file at a time while nothing could be saved.
    const risingWhileHeld = seen.filter((pr) => pr.done === 0).map((pr) => pr.converted);
    expect([...new Set(risingWhileHeld)]).toEqual([0, 1, 2, 3, 4]);
    releaseLong();
    const outcomes = await running;
    expect(outcomes.map((o) => o.status)).toEqual(["imported", "imported", "imported", "imported", "imported"]);
    expect(seen.at(-1)).toMatchObject({ converted: 5, done: 5, imported: 5, holding: null });
    expect(progressSummary(seen.at(-1)!)).toBe("Converted 5 of 5 · saved 5");
    // Still written in pick order: the long file first.
    const journaled = await p.db.journal.where("table").equals("sources").sortBy("seq");
    const names = new Map((await listSources(p)).map((s) => [s.id, s.name]));
    expect(journaled.map((e) => names.get(e.recordId))).toEqual(["GDE_long", "GDE_P01", "GDE_P02", "GDE_P03", "GDE_P04"]);
  });

  it("stops on cancel: files already saved stay, the rest are reported as not imported", async () => {
    const p = await newProject();
    const controller = new AbortController();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const files = Array.from({ length: 6 }, (_, i) => file(`F${i}.txt`, `text ${i}`));
    const converter = fakeConverter(gate);
    const running = runImport({ project: p, files, kind: "document", converter, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    release();
    const outcomes = await running;
    expect(outcomes).toHaveLength(6);
    expect(outcomes.every((o) => o.status === "cancelled")).toBe(true);
    expect(converter.calls.length).toBeLessThan(6);
    expect(await listSources(p)).toEqual([]);
    expect(await p.db.sourceContent.count()).toBe(0);
  });

  it("finds or creates the cases named for each file, in the file's transaction", async () => {
    const p = await newProject();
    const outcomes = await runImport({
      project: p,
      files: [file("GDE_SiteA_P07.txt", "hello"), file("GDE_SiteA_P07 second.txt", "again"), file("dup.txt", "hello")],
      kind: "interview",
      converter: fakeConverter(),
      caseNamesFor: (f) => (f.name.startsWith("GDE") ? ["SiteA_P07"] : ["Never made"]),
    });
    expect(outcomes.map((o) => o.status)).toEqual(["imported", "imported", "duplicate"]);
    const cases = (await p.db.cases.toArray()).filter((c) => !c.deleted);
    expect(cases.map((c) => c.name)).toEqual(["SiteA_P07"]); // one case, and none for the duplicate
    const sources = await listSources(p);
    expect(sources.every((s) => s.caseIds.length === 1 && s.caseIds[0] === cases[0]!.id)).toBe(true);
  });
});
