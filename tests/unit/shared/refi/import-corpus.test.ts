/**
 * Every real REFI-QDA export in ../shared/corpus/qdpx (never copied into the repo). Expected counts
 * come from the .qde read with regular expressions here, not from the importer's parser; segment
 * texts were read from the files by hand (docs/refi-qda.md "Positions").
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { importQdpx } from "../../../../shared/refi/import";
import type { RefiImportResult } from "../../../../shared/refi/types";

const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));
const QDPX_DIR = path.resolve(repoRoot, "../shared/corpus/qdpx");
const present = fs.existsSync(QDPX_DIR);
if (!present) console.warn(`NOTICE: ${QDPX_DIR} is absent; the REFI-QDA corpus tests are skipped.`);
const files = present
  ? fs
      .readdirSync(QDPX_DIR)
      .filter((f) => f.endsWith(".qdpx"))
      .sort()
  : [];

function qdeOf(file: string): string {
  const entries = unzipSync(new Uint8Array(fs.readFileSync(path.join(QDPX_DIR, file))));
  const name = Object.keys(entries).find((n) => /^[^/]+\.qde$/i.test(n));
  if (!name) throw new Error(`no .qde in ${file}`);
  return new TextDecoder().decode(entries[name]);
}

const count = (xml: string, re: RegExp): number => (xml.match(re) ?? []).length;
const load = async (file: string): Promise<RefiImportResult> =>
  importQdpx(new Uint8Array(fs.readFileSync(path.join(QDPX_DIR, file))), file, { now: () => new Date("2026-11-26T12:00:00Z") });

function segment(result: RefiImportResult, codingGuid: string): string {
  const id = result.idMap[codingGuid.toLowerCase()];
  const coding = result.tables.codings.find((c) => c.id === id);
  if (!coding) throw new Error(`coding ${codingGuid} not imported`);
  const content = result.tables.sourceContent.find((s) => s.id === coding.sourceId);
  return content?.text.slice(coding.start, coding.end) ?? "";
}

/** Coding guids of the selection at these positions in the named source, read from the XML. */
function codingsAt(xml: string, start: number, end: number): string[] {
  const re = new RegExp(
    `<PlainTextSelection\\b[^>]*?startPosition="${start}"[^>]*?endPosition="${end}"[^>]*>([\\s\\S]*?)</PlainTextSelection>|<PlainTextSelection\\b[^>]*?endPosition="${end}"[^>]*?startPosition="${start}"[^>]*>([\\s\\S]*?)</PlainTextSelection>`,
    "g",
  );
  const guids: string[] = [];
  for (const m of xml.matchAll(re)) for (const g of (m[1] ?? m[2] ?? "").matchAll(/<Coding\b[^>]*?guid="([^"]+)"/g)) guids.push(g[1] ?? "");
  return guids;
}

describe.skipIf(!present)("REFI-QDA corpus: counts match the XML", () => {
  it("finds the corpus files", () => expect(files.length).toBeGreaterThanOrEqual(7));
  for (const file of files) {
    it(file, async () => {
      const xml = qdeOf(file);
      const result = await load(file);
      const { imported, skipped } = result.report;
      const textSources = count(xml, /<TextSource\b/g);
      const mediaSources = count(xml, /<(PDF|Picture|Audio|Video)Source\b/g);
      const skippedSources = skipped.filter((s) => s.kind === "source").length;
      expect(imported.sources + skippedSources).toBe(textSources);
      expect(skipped.filter((s) => /^(PDF|picture|audio|video) source$/.test(s.kind)).length).toBe(mediaSources);
      expect(imported.codes).toBe(count(xml, /<Code\b[\s>/]/g));
      expect(imported.cases).toBe(count(xml, /<Case\b[\s>/]/g));
      expect(imported.attributes).toBe(count(xml, /<Variable\b[\s>/]/g));
      expect(imported.coders).toBeGreaterThanOrEqual(count(xml, /<User\b/g));
      const sets = count(xml, /<Set\b[\s>/]/g);
      expect(imported.sets).toBe(sets);
      expect(imported.memos).toBe(count(xml, /<Note\b[\s>/]/g) + (sets > 0 ? 1 : 0));
      // Codings: every <Coding> is imported unless its source is not text or is missing.
      if (skippedSources === 0 && mediaSources === 0) expect(imported.codings).toBe(count(xml, /<Coding\b/g));
      for (const c of result.tables.codings) {
        const text = result.tables.sourceContent.find((s) => s.id === c.sourceId)?.text ?? "";
        expect(c.start).toBeLessThan(c.end);
        expect(c.end).toBeLessThanOrEqual(text.length);
      }
      for (const s of result.tables.sourceContent) expect(s.text).not.toContain("\r");
    });
  }
});

describe.skipIf(!present)("REFI-QDA corpus: NVivo segments land where NVivo put them", () => {
  it("NVivo for Windows 12.6 (UTF-16 units, CRLF counted as 2)", async () => {
    const file = "nvivo-win12.6_oltas0517.qdpx";
    const xml = qdeOf(file);
    const result = await load(file);
    expect(result.report.positionConvention).toMatch(/UTF-16/);
    const first = codingsAt(xml, 3137, 3284);
    expect(first.length).toBeGreaterThan(0);
    for (const g of first) {
      const text = segment(result, g);
      expect(text.startsWith("Senkit nem lehet kötelezni oltásra")).toBe(true);
      expect(text.endsWith("nem szaporodhat és nem élhet.")).toBe(true);
    }
    // Far into the file, after 59-75 emoji (surrogate pairs) and thousands of CRLFs.
    const samples: [number, number, string][] = [
      [60512, 60519, "Tényleg"],
      [68266, 68310, "Inkább 3 nap történt 92 ezer oltàs alatt...."],
      [74021, 74039, "Ursula mondjon le!"],
    ];
    for (const [s, e, expected] of samples) {
      const guids = codingsAt(xml, s, e);
      expect(guids.length).toBeGreaterThan(0);
      for (const g of guids) expect(segment(result, g)).toBe(expected);
    }
  });

  it("NVivo for Mac 12.7 (UTF-16 units over LF text)", async () => {
    const file = "nvivo-mac12.7_OltasSzkepticizmus_17June.qdpx";
    const xml = qdeOf(file);
    const result = await load(file);
    const samples: [number, number, string][] = [
      [54165, 54215, "Kaptak fejenként 5 millát, a kisember mennyit kap?"],
      [55852, 55895, "Ölesd meg magad hogy ne dögölj éhen.Jópofa."],
    ];
    for (const [s, e, expected] of samples) {
      const guids = codingsAt(xml, s, e);
      expect(guids.length).toBeGreaterThan(0);
      for (const g of guids) expect(segment(result, g)).toBe(expected);
    }
  });

  it("the same study exported from Windows and Mac gives the same coded texts", async () => {
    const win = await load("nvivo-win12.6_oltas0517.qdpx");
    const mac = await load("nvivo-mac12.7_OltasSzkepticizmus_17June.qdpx");
    const texts = (r: RefiImportResult, source: string) => {
      const src = r.tables.sources.find((s) => s.name === source);
      const content = r.tables.sourceContent.find((c) => c.id === src?.id);
      return new Set(r.tables.codings.filter((c) => c.sourceId === src?.id).map((c) => content?.text.slice(c.start, c.end)));
    };
    const w = texts(win, "videos_10_selected");
    const m = texts(mac, "videos_10_selected");
    const common = [...m].filter((t) => w.has(t)).length;
    // 186 distinct segments on the Mac; all are found among Windows' (which has one more).
    expect(m.size).toBeGreaterThan(150);
    expect(common).toBe(m.size);
  });
});

describe.skipIf(!present)("REFI-QDA corpus: other tools", () => {
  it("ATLAS.ti 8.4 without sources imports its codebook and reports every missing source", async () => {
    const file = "atlasti8.4_standard-project_no-sources.qdpx";
    const xml = qdeOf(file);
    const result = await load(file);
    expect(result.report.imported.codes).toBe(14);
    expect(result.report.imported.sources).toBe(0);
    const missing = result.report.skipped.filter((s) => s.kind === "source");
    expect(missing).toHaveLength(count(xml, /<TextSource\b/g));
    for (const m of missing) expect(m.reason).toMatch(/missing/);
    const kinds = new Set(result.report.skipped.map((s) => s.kind));
    for (const k of ["PDF source", "picture source", "audio source", "video source", "Link", "Graph"]) expect(kinds).toContain(k);
    expect(result.tables.codes.find((c) => c.name === "happiness")?.colour).toBe("#F00082");
    const sets = result.tables.memos.find((m) => m.title.startsWith("Sets from"));
    expect(sets?.body).toContain("## Breakfast food");
    expect(sets?.body).toContain("- Code: happiness");
  });

  it("qc 1.3.2 (bare file names, no XML declaration) imports its sources and codings", async () => {
    const result = await load("qc1.3.2_demo.qdpx");
    expect(result.report.imported.sources).toBe(2);
    expect(result.report.imported.codings).toBe(205);
    const board = result.tables.sources.find((s) => s.fileName.startsWith("board_2017"));
    expect(board).toBeDefined();
    // qc names selections "line:N" (0-based) and codes whole lines: [320, 400) is line 6.
    const content = result.tables.sourceContent.find((c) => c.id === board?.id);
    const lines = (content?.text ?? "").split("\n");
    const line6 = lines.slice(0, 6).join("\n").length + 1;
    expect(
      result.tables.codings.some(
        (c) => c.sourceId === board?.id && c.start === line6 && content?.text.slice(c.start, c.end) === `${lines[6] ?? ""}\n`,
      ),
    ).toBe(true);
  });

  it("NVivo for Mac 15 with 1-byte text files (and empty Word twins) imports the sources and says they are empty", async () => {
    const result = await load("nvivo-mac15.0_qc-sample.qdpx");
    expect(result.report.imported.sources).toBe(2);
    expect(result.report.imported.codes).toBe(262);
    for (const c of result.tables.sourceContent) expect(c.text.trim()).toBe("");
    const said = result.report.problems.join("\n");
    expect(said).toMatch(/plain-text file is empty and its Word document gave no text either/);
    expect(result.tables.sources.map((s) => s.name)).toEqual(["Source 1", "Source 2"]);
    expect(said).not.toMatch(/sources\/[0-9a-f-]{36}\.docx/);
  });
});
