/**
 * The CLI commands that reuse other cores: `report` (shared/reports) and `import-qdpx` / `export-qdpx`
 * / `export-qdc` (shared/refi), run through main() exactly as the built file runs them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../cli/margin";
import type { CliIo } from "../../../cli/io";
import { generateIdentity, readBundle, writeBundle } from "../../../shared/bundle";
import { INFO, sampleProject } from "../shared/bundle/fixtures";

const root = path.resolve(__dirname, "../../..");
const schemaDir = path.resolve(root, "../shared/corpus/refi-schema");
const xmllint = existsSync("/usr/bin/xmllint");
let dir = "";
let identity = "";

function capture(): CliIo & { outText: () => string; errText: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (l) => out.push(l), err: (l) => err.push(l), outText: () => out.join("\n"), errText: () => err.join("\n") };
}
const file = (name: string) => path.join(dir, name);
const run = async (...args: string[]) => {
  const io = capture();
  const code = await main(args, io);
  return { code, out: io.outText(), err: io.errText() };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "margin-cli-refi-"));
  const id = await generateIdentity();
  identity = id.identity;
  writeFileSync(file("key.txt"), `# public key: ${id.recipient}\n${id.identity}\n`);
  writeFileSync(file("p.margin"), await writeBundle(sampleProject(), INFO, { recipients: [id.recipient] }));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("margin report", () => {
  it("writes a code report as CSV with the segment texts of the chosen code and its sub-codes", async () => {
    const r = await run(
      "report",
      file("p.margin"),
      "--identity",
      file("key.txt"),
      "--kind",
      "code",
      "--code",
      "Coordination",
      "--format",
      "csv",
      "--out",
      file("code.csv"),
    );
    expect(r.code, r.err).toBe(0);
    const csv = readFileSync(file("code.csv"), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    // Coordination's own coding ("Second", src-2) and its sub-code Handover's ("handover", src-1); the tombstone is left out.
    expect(csv).toContain('"Second"');
    expect(csv).toContain('" handove"'); // the fixture's coding is 15-23 of "…about handover…"
    expect(csv).toContain('"Coordination/Handover"');
    expect(csv.trim().split("\r\n")).toHaveLength(3);
  });

  it("writes the codebook as HTML and DOCX; an unknown code is refused with nothing written", async () => {
    expect(
      (await run("report", file("p.margin"), "-i", file("key.txt"), "--kind", "codebook", "--format", "html", "--out", file("cb.html")))
        .code,
    ).toBe(0);
    const html = readFileSync(file("cb.html"), "utf8");
    expect(html).toContain("Handover");
    expect(html).toContain("Digital health evaluation");
    expect(
      (await run("report", file("p.margin"), "-i", file("key.txt"), "--kind", "codebook", "--format", "docx", "--out", file("cb.docx")))
        .code,
    ).toBe(0);
    const docx = unzipSync(readFileSync(file("cb.docx")));
    expect(new TextDecoder().decode(docx["word/document.xml"])).toContain("Coordination");
    const bad = await run(
      "report",
      file("p.margin"),
      "-i",
      file("key.txt"),
      "--kind",
      "code",
      "--code",
      "Nowhere",
      "--format",
      "csv",
      "--out",
      file("bad.csv"),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Nowhere/);
    expect(existsSync(file("bad.csv"))).toBe(false);
  });

  it("a wrong key gives a one-line reason and a non-zero exit", async () => {
    const other = await generateIdentity();
    writeFileSync(file("other.txt"), `${other.identity}\n`);
    const r = await run(
      "report",
      file("p.margin"),
      "-i",
      file("other.txt"),
      "--kind",
      "codebook",
      "--format",
      "html",
      "--out",
      file("x.html"),
    );
    expect(r.code).not.toBe(0);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/wrong-key/);
  });
});

describe("margin export-qdpx / import-qdpx / export-qdc", () => {
  it("a project goes to .qdpx and back into a bundle with the same sources, codes and coded text", async () => {
    const ex = await run(
      "export-qdpx",
      file("p.margin"),
      "--identity",
      file("key.txt"),
      "--out",
      file("p.qdpx"),
      "--convention",
      "codepoints",
    );
    expect(ex.code, ex.err).toBe(0);
    const zip = unzipSync(readFileSync(file("p.qdpx")));
    expect(Object.keys(zip).some((n) => /^sources\/.+\.txt$/.test(n))).toBe(true);
    const qde = zip["project.qde"];
    expect(qde).toBeDefined();
    if (xmllint && existsSync(schemaDir) && qde) {
      writeFileSync(file("project.qde"), qde);
      const v = spawnSync("xmllint", ["--noout", "--schema", path.join(schemaDir, "Project-mrt2019.xsd"), file("project.qde")], {
        encoding: "utf8",
      });
      expect(v.status, v.stderr).toBe(0);
    } else console.warn("[cli-refi-report] xmllint or ../shared/corpus/refi-schema absent: schema check skipped");

    const im = await run("import-qdpx", file("p.qdpx"), "--out", file("back.margin"), "--identity", file("key.txt"));
    expect(im.code, im.err).toBe(0);
    const back = await readBundle(readFileSync(file("back.margin")), { identities: [identity] });
    const src = sampleProject();
    expect(back.tables.sources.map((s) => s.name).sort()).toEqual(src.sources.map((s) => s.name).sort());
    expect(back.tables.codes.map((c) => c.name).sort()).toEqual(["Coordination", "Handover"]);
    const texts = back.tables.codings.map((c) => {
      const content = back.tables.sourceContent.find((s) => s.id === c.sourceId);
      return content?.text.slice(c.start, c.end);
    });
    const originalTexts = src.codings
      .filter((c) => !c.deleted)
      .map((c) => src.sourceContent.find((s) => s.id === c.sourceId)?.text.slice(c.start, c.end));
    expect(originalTexts).toHaveLength(2);
    expect(texts.sort()).toEqual(originalTexts.sort());
  });

  it("export-qdc writes the codebook; a missing --out is refused", async () => {
    const r = await run("export-qdc", file("p.margin"), "--identity", file("key.txt"), "--out", file("cb.qdc"));
    expect(r.code, r.err).toBe(0);
    const qdc = readFileSync(file("cb.qdc"), "utf8");
    expect(qdc).toContain("urn:QDA-XML:codebook:1.0");
    expect(qdc).toContain('name="Handover"');
    if (xmllint && existsSync(schemaDir)) {
      const v = spawnSync("xmllint", ["--noout", "--schema", path.join(schemaDir, "Codebook-mrt2019.xsd"), file("cb.qdc")], {
        encoding: "utf8",
      });
      expect(v.status, v.stderr).toBe(0);
    }
    const missing = await run("export-qdc", file("p.margin"), "--identity", file("key.txt"));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/--out|output/);
  });

  it("import-qdpx refuses a file that is not a REFI-QDA project, writing nothing", async () => {
    writeFileSync(file("not.qdpx"), "hello");
    const r = await run("import-qdpx", file("not.qdpx"), "--out", file("not.margin"), "--identity", file("key.txt"));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/not\.qdpx/);
    expect(existsSync(file("not.margin"))).toBe(false);
  });
});
