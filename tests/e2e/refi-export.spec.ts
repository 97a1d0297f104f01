/**
 * Exporting to REFI-QDA through the UI, as a researcher would: open the sample project, export it
 * as .qdpx (whole, and chosen sources and codes) and the codebook as .qdc, check the downloaded
 * files against the REFI XSDs with xmllint and against the text Margin shows, then import the
 * .qdpx into a new project and find the same sources, codes and coded segment.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Download, type Page } from "@playwright/test";
import { unzipSync } from "fflate";
import { completeFirstRun, seriousA11yViolations } from "./helpers/app";
import { openSample, SAMPLE, SAMPLE_CODES, SAMPLE_SOURCES } from "./helpers/sample";

const SEGMENT =
  "The fluid balance form had the intake and output boxes on different tabs, so you had to click through three screens to record one cup of tea.";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const SCHEMAS = path.resolve(repoRoot, "../shared/corpus/refi-schema");
const XMLLINT = "/usr/bin/xmllint";
const canValidate = fs.existsSync(path.join(SCHEMAS, "Project-mrt2019.xsd")) && fs.existsSync(XMLLINT);
if (!canValidate)
  console.warn(`NOTICE: ${SCHEMAS} or ${XMLLINT} is absent: the downloaded files are checked structurally, not against the XSD.`);

const projectIdOf = (url: string) => /#\/project\/([^/?]+)/.exec(url)?.[1] ?? "";
const navigator = (page: Page) => page.getByRole("navigation", { name: "Project navigator" });

/** xmllint's verdict, or null when the schema or xmllint is not on this machine. */
function xsdVerdict(xml: Uint8Array, schema: "Project" | "Codebook"): string | null {
  if (!canValidate) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "refi-export-e2e-"));
  const file = path.join(dir, schema === "Project" ? "project.qde" : "codebook.qdc");
  fs.writeFileSync(file, xml);
  const run = spawnSync(XMLLINT, ["--noout", "--schema", path.join(SCHEMAS, `${schema}-mrt2019.xsd`), file], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  return `${run.stdout}${run.stderr}`.trim();
}

async function bytesOf(download: Download): Promise<Uint8Array> {
  const file = await download.path();
  return new Uint8Array(fs.readFileSync(file));
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? "";
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Every coded segment in a .qde: the text at its positions (UTF-16 units over the file as stored) and its code's name. */
function segmentsIn(files: Record<string, Uint8Array>): { source: string; code: string; text: string; snippet: string }[] {
  const qde = new TextDecoder().decode(files["project.qde"]);
  const codeNames = new Map([...qde.matchAll(/<Code\b[^>]*>/g)].map((m) => [attr(m[0], "guid"), unescape(attr(m[0], "name"))]));
  // Margin says in the origin when it counts UTF-16 units (NVivo's way); otherwise code points.
  const utf16 = /UTF-16 code units/.test(attr(/<Project\b[^>]*>/.exec(qde)?.[0] ?? "", "origin"));
  const slice = (text: string, start: number, end: number) =>
    utf16 ? text.slice(start, end) : Array.from(text).slice(start, end).join("");
  const out: { source: string; code: string; text: string; snippet: string }[] = [];
  for (const s of qde.matchAll(/<TextSource\b([^>]*)>([\s\S]*?)<\/TextSource>/g)) {
    const file = files[`sources/${attr(s[1] ?? "", "guid")}.txt`];
    const text = new TextDecoder().decode(file); // the BOM is dropped; positions count from after it
    for (const sel of (s[2] ?? "").matchAll(/<PlainTextSelection\b([^>]*)>([\s\S]*?)<\/PlainTextSelection>/g)) {
      const head = sel[1] ?? "";
      const codeGuid = /<CodeRef targetGUID="([^"]+)"/.exec(sel[2] ?? "")?.[1] ?? "";
      out.push({
        source: unescape(attr(s[1] ?? "", "name")),
        code: codeNames.get(codeGuid) ?? "?",
        text: slice(text, Number(attr(head, "startPosition")), Number(attr(head, "endPosition"))),
        snippet: unescape(attr(head, "name")),
      });
    }
  }
  return out;
}

async function firstRunAndSample(page: Page): Promise<void> {
  await completeFirstRun(page);
  await openSample(page);
}

async function exportQdpx(
  page: Page,
  choose?: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>,
): Promise<{ files: Record<string, Uint8Array>; bytes: Uint8Array; download: Download; status: string }> {
  await navigator(page).getByRole("button", { name: "Export project as REFI-QDA…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export project as REFI-QDA (.qdpx)" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("radio", { name: "The whole project" })).toBeChecked();
  await expect(dialog.getByRole("radio", { name: /^NVivo for Windows/ })).toBeChecked();
  if (choose) await choose(dialog);
  expect(await seriousA11yViolations(page)).toEqual([]);
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Export…" }).click();
  const download = await downloading;
  await expect(dialog.getByRole("status")).toContainText("Exported");
  const status = (await dialog.getByRole("status").textContent()) ?? "";
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  const bytes = await bytesOf(download);
  return { files: unzipSync(bytes), bytes, download, status };
}

test("export the sample project as .qdpx: valid, positions land on the same text, and it imports back", async ({ page }) => {
  await firstRunAndSample(page);
  const sampleId = projectIdOf(page.url());
  expect(sampleId).not.toBe("");
  const { files, bytes, download, status } = await exportQdpx(page);
  expect(download.suggestedFilename()).toBe("Sample Shared Care Record evaluation.qdpx");
  expect(status).toMatch(/^Exported 3 sources, 11 codes, \d+ codings, \d+ memos?, 3 cases, \d+ attributes? and \d+ coders?\./);

  // Layout: project.qde and a text file per source in lower-case sources/.
  expect(Object.keys(files).filter((n) => n.startsWith("sources/"))).toHaveLength(3);
  expect(Object.keys(files).every((n) => n === "project.qde" || /^sources\/[0-9a-f-]{36}\.txt$/.test(n))).toBe(true);
  const qde = new TextDecoder().decode(files["project.qde"]);
  const verdict = xsdVerdict(files["project.qde"] ?? new Uint8Array(), "Project");
  if (verdict !== null) expect(verdict).toMatch(/validates$/);
  expect(qde).toMatch(
    /^<\?xml version="1\.0" encoding="utf-8"\?>\n<Project xmlns="urn:QDA-XML:project:1\.0" name="Sample: Shared Care Record evaluation" origin="Margin [^"]+ \(positions in UTF-16 code units, as NVivo counts\)"/,
  );
  for (const name of SAMPLE_SOURCES)
    expect(qde).toMatch(new RegExp(`<TextSource guid="[0-9a-f-]{36}" name="${name}" plainTextPath="internal://[0-9a-f-]{36}\\.txt"`));
  for (const name of SAMPLE_CODES) expect(qde).toContain(`name="${name}"`);

  // Every segment's text at its positions is what Margin coded (the selection's name is Margin's own snippet of it).
  const segments = segmentsIn(files);
  expect(segments.length).toBeGreaterThan(10);
  for (const s of segments) expect(s.text.replace(/\s+/g, " ").trim().startsWith(s.snippet.replace(/…$/, ""))).toBe(true);
  expect(segments.filter((s) => s.text === SEGMENT && s.code === "Usability" && s.source === SAMPLE_SOURCES[0])).toHaveLength(1);

  // Import it into a new project: the same sources, codes and coded segment.
  await page.goto("/#/");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "refi-export-e2e-")), "sample-export.qdpx");
  fs.writeFileSync(file, bytes);
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import REFI-QDA project (.qdpx)…" }).click();
  await (await chooser).setFiles(file);
  const preview = page.getByRole("dialog", { name: "Import “sample-export.qdpx”" });
  await expect(preview).toBeVisible({ timeout: 30_000 });
  await expect(
    preview
      .getByRole("table", { name: "What will be imported" })
      .getByRole("row", { name: /^Sources\b/ })
      .getByRole("cell"),
  ).toHaveText("3");
  await preview.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: SAMPLE, level: 1 })).toBeVisible({ timeout: 30_000 });
  expect(projectIdOf(page.url())).not.toBe(sampleId);
  const sourcesTable = page.getByRole("table", { name: "Sources" });
  for (const name of SAMPLE_SOURCES) await expect(sourcesTable.getByRole("link", { name, exact: true })).toBeVisible();
  const codes = page.getByRole("complementary", { name: "Codes and memos" }).getByRole("tree", { name: "Codes" });
  for (const name of ["Technology", "People", "Organisation", "Wider context"])
    await expect(codes.getByRole("treeitem", { name, exact: true })).toBeVisible();
  await navigator(page)
    .getByRole("link", { name: /Coded segments/ })
    .click();
  const region = page.getByRole("region", { name: "Coded segments" });
  await region.getByRole("list", { name: "Code checklist" }).getByRole("checkbox", { name: "Technology / Usability", exact: true }).check();
  const row = region.getByRole("list", { name: "Segments" }).getByRole("listitem").filter({ hasText: SEGMENT }).first();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Open in source" }).click();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(SEGMENT);
});

test("export chosen sources and codes, for the QDA-XML standard", async ({ page }) => {
  await firstRunAndSample(page);
  const { files, status } = await exportQdpx(page, async (dialog) => {
    await dialog.getByRole("radio", { name: /^Chosen sources and codes/ }).check();
    await dialog.getByRole("button", { name: "Choose no sources" }).click();
    await dialog.getByRole("checkbox", { name: SAMPLE_SOURCES[0] }).check();
    await dialog.getByRole("button", { name: "Choose no codes" }).click();
    await dialog.getByRole("checkbox", { name: "Usability" }).check();
    await expect(dialog.getByRole("group", { name: /Sources \(1 of 3 chosen\)/ })).toBeVisible();
    await dialog.getByRole("radio", { name: /^ATLAS\.ti, MAXQDA, QualCoder/ }).check();
  });
  expect(status).toMatch(/^Exported 1 source, 2 codes, \d+ codings?,/);
  expect(status).toContain("1 parent code was included");
  const qde = new TextDecoder().decode(files["project.qde"]);
  const verdict = xsdVerdict(files["project.qde"] ?? new Uint8Array(), "Project");
  if (verdict !== null) expect(verdict).toMatch(/validates$/);
  expect(qde).toMatch(/origin="Margin [^"(]+"/);
  const segments = segmentsIn(files);
  expect(segments.length).toBeGreaterThan(0);
  expect(new Set(segments.map((s) => `${s.source}|${s.code}`))).toEqual(new Set([`${SAMPLE_SOURCES[0]}|Usability`]));
  expect(segments.some((s) => s.text === SEGMENT)).toBe(true);
  expect(Object.keys(files).filter((n) => n.startsWith("sources/"))).toHaveLength(1);
});

test("export the codebook as a REFI-QDA .qdc from the Codebook menu", async ({ page }) => {
  await firstRunAndSample(page);
  const panel = page.getByRole("complementary", { name: "Codes and memos" });
  await panel.getByRole("button", { name: "Codebook" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("menu", { name: "Codebook" }).getByRole("menuitem", { name: "Export codebook (.qdc)…" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Sample Shared Care Record evaluation codebook.qdc");
  await expect(panel.getByText("Exported 11 codes as a REFI-QDA codebook (.qdc).")).toBeVisible();
  const bytes = await bytesOf(download);
  const xml = new TextDecoder().decode(bytes);
  const verdict = xsdVerdict(bytes, "Codebook");
  if (verdict !== null) expect(verdict).toMatch(/validates$/);
  expect(xml).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1\.0" origin="Margin /);
  expect([...xml.matchAll(/<Code\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1])).toEqual(expect.arrayContaining(SAMPLE_CODES));
  expect([...xml.matchAll(/<Code\b/g)]).toHaveLength(11);
  // Hierarchy: Usability sits inside Technology; colours and descriptions travel.
  expect(xml).toMatch(
    /<Code guid="[^"]+" name="Technology" isCodable="true" color="#0072B2">\s*<Description>[^<]+<\/Description>\s*<Code guid="[^"]+" name="Usability"/,
  );
  expect(xml).toContain("When not to use:");
});
