import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { completeFirstRun, seriousA11yViolations } from "./helpers/app";
import { SAMPLE_CODINGS, type SampleCoding } from "../../resources/sample/codings";
import { SAMPLE_CODEBOOK } from "../../resources/sample/codebook";
import { parseCsv } from "../../shared/cases/csv";

const SAMPLE = "Sample: Shared Care Record evaluation";

/** Whitespace as pdftotext and the browser lay it out differs (line wraps): compare words only. */
const words = (text: string) => text.replace(/\s+/g, " ").trim();

/** The sample's whole-passage anchors: exact text the report must print. */
function anchorTexts(filter: (c: SampleCoding) => boolean): string[] {
  return SAMPLE_CODINGS.filter(filter).flatMap((c) => ("text" in c.anchor ? [c.anchor.text] : []));
}

async function openSample(page: Page): Promise<string[]> {
  await completeFirstRun(page);
  await page.getByRole("button", { name: "Open sample project" }).click();
  await expect(page.getByRole("heading", { name: SAMPLE, level: 1 })).toBeVisible({ timeout: 30_000 });
  // Source names as the app lists them (the sample's names live beside its transcripts).
  const links = page.getByRole("main").getByRole("link", { name: /^P0\d / });
  await expect(links).toHaveCount(3);
  return links.allInnerTexts();
}

const sourceName = (names: readonly string[], key: string) => {
  const name = names.find((n) => n.toLowerCase().startsWith(key));
  if (!name) throw new Error(`no source for ${key}`);
  return name;
};

async function openReports(page: Page, report: string): Promise<void> {
  await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Reports" }).click();
  await page.getByLabel("Report", { exact: true }).selectOption({ label: report });
}

const preview = (page: Page) => page.getByRole("region", { name: "Report preview" });

async function waitReady(page: Page): Promise<void> {
  await expect(
    preview(page)
      .getByRole("status")
      .filter({ hasText: /^Ready:/ }),
  ).toBeVisible({ timeout: 30_000 });
}

/**
 * Prints through the app: "Print…" calls the host's print (window.print in the web host), which the
 * test records instead of opening a dialog; then Chromium makes the PDF with print media, as the print
 * dialog's "Save as PDF" would.
 */
async function printThroughApp(page: Page): Promise<Buffer> {
  await page.evaluate(() => {
    const w = window as unknown as { printCalls: number };
    w.printCalls = 0;
    window.print = () => {
      w.printCalls++;
    };
  });
  await preview(page).getByRole("button", { name: "Print…" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", displayHeaderFooter: false, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  return pdf;
}

interface PdfFacts {
  text: string;
  /** Text of the left part of each page (the coded transcript's text column) and of the right margin. */
  textColumn: string;
  marginColumn: string;
  pages: number;
  /** Share of page 1's pixels that are not white (rendered at 50 dpi). */
  inkOnPage1: number;
}

function readPdf(pdf: Buffer, name: string): PdfFacts {
  // REPORTS_PDF_DIR keeps the PDFs to look at.
  if (process.env.REPORTS_PDF_DIR) writeFileSync(path.join(process.env.REPORTS_PDF_DIR, `${name}.pdf`), pdf);
  const dir = mkdtempSync(path.join(tmpdir(), "margin-report-"));
  try {
    const file = path.join(dir, "report.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    // A4 is 595 pt wide; the transcript's stripe margin is the right 38 mm inside a 16 mm margin, so the text column ends at 153 mm (434 pt) and the margin starts at 156 mm (442 pt).
    const crop = (x: number, w: number) =>
      execFileSync("pdftotext", ["-x", String(x), "-y", "0", "-W", String(w), "-H", "842", file, "-"], { encoding: "utf8" });
    const textColumn = crop(0, 437);
    const marginColumn = crop(438, 157);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1] ?? 0);
    execFileSync("pdftoppm", ["-gray", "-r", "50", "-f", "1", "-l", "1", file, path.join(dir, "page")]);
    const pgm = readdirSync(dir).find((f) => f.endsWith(".pgm"));
    if (!pgm) throw new Error("pdftoppm made no picture of page 1");
    return { text, textColumn, marginColumn, pages, inkOnPage1: inkShare(readFileSync(path.join(dir, pgm))) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Binary PGM (P5): "P5 <width> <height> <maxval>" then one byte per pixel. */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("not a binary PGM");
  const [whole, w, h] = header;
  const pixels = pgm.subarray(whole.length, whole.length + Number(w) * Number(h));
  let ink = 0;
  for (const v of pixels) if (v < 200) ink++;
  return ink / pixels.length;
}

/** The DOCX as LibreOffice reads it (plain text), or null when LibreOffice is not installed. */
function libreOfficeText(docx: Buffer): string | null {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore" });
  } catch {
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "margin-docx-"));
  try {
    writeFileSync(path.join(dir, "report.docx"), docx);
    // A profile of its own, so a LibreOffice the user has open is not disturbed.
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${dir}/profile`,
        "--headless",
        "--convert-to",
        "txt:Text (encoded):UTF8",
        "--outdir",
        dir,
        path.join(dir, "report.docx"),
      ],
      {
        stdio: "ignore",
        timeout: 120_000,
      },
    );
    return readFileSync(path.join(dir, "report.txt"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectNumberedPages(facts: PdfFacts): void {
  expect(facts.pages).toBeGreaterThan(0);
  for (let p = 1; p <= facts.pages; p++) expect(facts.text).toContain(`Page ${p} of ${facts.pages}`);
  expect(facts.inkOnPage1).toBeGreaterThan(0.005);
}

test("a code report previews, prints to a numbered PDF with its codes, passages and sources, and exports CSV and DOCX", async ({
  page,
}) => {
  const names = await openSample(page);
  await openReports(page, "Code report");
  await page.getByRole("checkbox", { name: "Technology / Usability", exact: true }).check();
  await waitReady(page);

  const usability = (c: SampleCoding) => c.code === "Technology/Usability";
  const passages = anchorTexts(usability);
  expect(passages.length).toBeGreaterThan(2);
  const report = preview(page).getByRole("article", { name: "Code report" });
  for (const passage of passages) await expect(report.getByText(passage, { exact: false }).first()).toBeVisible();

  const facts = readPdf(await printThroughApp(page), "code-report");
  const text = words(facts.text);
  expect(text).toContain("Code report");
  expect(text).toContain("Usability");
  expect(text).toContain(SAMPLE);
  for (const passage of passages) expect(text).toContain(words(passage));
  for (const key of new Set(SAMPLE_CODINGS.filter(usability).map((c) => c.source))) expect(text).toContain(sourceName(names, key));
  // The app's chrome does not print.
  expect(text).not.toContain("Project navigator");
  expect(text).not.toContain("Include sub-codes");
  expectNumberedPages(facts);

  // CSV: one row per coding of the chosen code, read back.
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), preview(page).getByRole("button", { name: "CSV" }).click()]);
  const csv = readFileSync(await csvDownload.path()).toString("utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const parsed = parseCsv(csv.slice(1));
  expect(parsed.problems).toEqual([]);
  const [header, ...records] = parsed.records.map((r) => r.cells);
  expect(header?.length).toBeGreaterThan(3);
  expect(records.length).toBe(SAMPLE_CODINGS.filter(usability).length);
  for (const passage of passages) expect(records.some((r) => r.includes(passage))).toBe(true);

  // DOCX: a real Word file with the report's heading and passages.
  const [docxDownload] = await Promise.all([
    page.waitForEvent("download"),
    preview(page).getByRole("button", { name: "Word (DOCX)" }).click(),
  ]);
  expect(docxDownload.suggestedFilename()).toMatch(/\.docx$/);
  const docx = readFileSync(await docxDownload.path());
  const documentXml = strFromU8(unzipSync(new Uint8Array(docx))["word/document.xml"] ?? new Uint8Array());
  expect(documentXml).toContain("Usability");
  expect(documentXml).toContain("Code report");
  const opened = libreOfficeText(docx);
  if (opened === null) {
    console.log("NOTICE: LibreOffice (soffice) is not installed: the DOCX was checked by unzipping only.");
  } else {
    const docText = words(opened);
    expect(docText).toContain("Code report");
    expect(docText).toContain("Technology/Usability");
    for (const passage of passages) expect(docText).toContain(words(passage));
    for (const key of new Set(SAMPLE_CODINGS.filter(usability).map((c) => c.source))) expect(docText).toContain(sourceName(names, key));
  }
});

test("a coded transcript prints its text with labelled coding stripes and numbered annotations", async ({ page }) => {
  const names = await openSample(page);
  await openReports(page, "Coded transcript");
  await page.getByLabel("Source", { exact: true }).selectOption({ label: sourceName(names, "p01") });
  await waitReady(page);

  const inP01 = SAMPLE_CODINGS.filter((c) => c.source === "p01");
  const facts = readPdf(await printThroughApp(page), "transcript");
  const text = words(facts.text);
  expect(text).toContain(sourceName(names, "p01"));
  // Every code coded in P01 labels a stripe in the margin, in the PDF's text layer.
  const margin = words(facts.marginColumn);
  for (const code of new Set(inP01.map((c) => c.code.split("/").pop() ?? c.code))) expect(margin).toMatch(new RegExp(`(^| )${code}( |$)`));
  // The passages are whole in the text column beside them.
  const column = words(facts.textColumn);
  for (const passage of anchorTexts((c) => c.source === "p01")) expect(column).toContain(words(passage));
  // Annotations are numbered notes.
  for (const note of inP01.flatMap((c) => (c.note ? [c.note] : []))) expect(text).toContain(words(note));
  expectNumberedPages(facts);
});

test("the codebook prints every code with its definition", async ({ page }) => {
  await openSample(page);
  await openReports(page, "Codebook");
  await waitReady(page);
  const facts = readPdf(await printThroughApp(page), "codebook");
  const text = words(facts.text);
  for (const code of SAMPLE_CODEBOOK) {
    expect(text).toContain(code.path.at(-1));
    expect(text).toContain(words(code.definition).slice(0, 60));
  }
  expectNumberedPages(facts);
});

test("the reports view and its charts are accessible", async ({ page }) => {
  await openSample(page);
  await openReports(page, "Coding overview");
  await waitReady(page);
  const charts = preview(page).getByRole("img");
  expect(await charts.count()).toBeGreaterThan(0);
  // Each chart has a table alternative under a disclosure.
  await preview(page)
    .getByText(/^Table: /)
    .first()
    .click();
  await expect(preview(page).getByRole("table").first()).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await openReports(page, "Code report");
  await expect(preview(page).getByText("Choose one or more codes")).toBeVisible();
  await page.getByRole("checkbox", { name: "People", exact: true }).check();
  await page.getByLabel("Surrounding context").selectOption({ label: "150 characters each side" });
  await waitReady(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("in the desktop app, Print… sends the whole report as one script-free page to the hidden print window, which prints it with header and page numbers", async ({
  page,
  browser,
}) => {
  // A stand-in for Electron's preload API: the app takes the Electron host when window.margin exists.
  await page.addInitScript(() => {
    const w = window as unknown as { printRequests: unknown[]; margin: unknown };
    w.printRequests = [];
    w.margin = {
      appInfo: () => Promise.resolve({ version: "test", platform: "linux", dataFolder: "~/.config/Margin", keyProtection: "unavailable" }),
      openFiles: () => Promise.resolve({ files: [], canceled: true }),
      saveFile: () => Promise.resolve({ saved: true, path: "/tmp/report.pdf" }),
      printToPdf: (request: unknown) => {
        w.printRequests.push(request);
        return Promise.resolve({ pdf: new Uint8Array([37, 80, 68, 70]), printed: true });
      },
      onMenuCommand: () => () => undefined,
    };
  });
  const names = await openSample(page);
  await openReports(page, "Code report");
  await page.getByRole("checkbox", { name: "Technology / Usability", exact: true }).check();
  await waitReady(page);
  await preview(page).getByRole("button", { name: "Print…" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printRequests: unknown[] }).printRequests.length)).toBe(1);
  const request = (await page.evaluate(() => (window as unknown as { printRequests: unknown[] }).printRequests[0])) as {
    html: string;
    pageSize: string;
    title: string;
    printDialog?: boolean;
  };
  expect(request).toMatchObject({ pageSize: "A4", title: "Code report: Technology/Usability", printDialog: true });
  expect(request.html).not.toMatch(/<script/i);

  // The hidden print window: JavaScript off, the page as sent, printed with its own CSS page size.
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const printWindow = await context.newPage();
    await printWindow.setContent(request.html);
    const facts = readPdf(await printWindow.pdf({ preferCSSPageSize: true }), "electron-code-report");
    const text = words(facts.text);
    expect(text).toContain(SAMPLE);
    for (const passage of anchorTexts((c) => c.code === "Technology/Usability")) expect(text).toContain(words(passage));
    expect(text).toContain(sourceName(names, "p01"));
    expect(text).not.toContain("Include sub-codes");
    expectNumberedPages(facts);
  } finally {
    await context.close();
  }
});

test("the memo report shows every memo, or only the chosen ones", async ({ page }) => {
  await openSample(page);
  // The memo titles as the Memos view lists them.
  await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Memos" }).click();
  const list = page.getByRole("list", { name: "Memos found" });
  await expect(list.getByRole("button").first()).toBeVisible();
  const titles = (await list.getByRole("listitem").getByRole("button").allInnerTexts()).map((t) => t.trim());
  expect(titles.length).toBeGreaterThan(1);

  await openReports(page, "Memos");
  await waitReady(page);
  const report = preview(page).getByRole("article", { name: "Memos" });
  for (const title of titles) await expect(report.getByRole("heading", { name: title, exact: true })).toBeVisible();

  const [chosen, ...others] = titles as [string, ...string[]];
  await page.getByRole("list", { name: "Memos" }).getByRole("checkbox", { name: chosen, exact: true }).check();
  await waitReady(page);
  await expect(report.getByRole("heading", { name: chosen, exact: true })).toBeVisible();
  for (const title of others) await expect(report.getByRole("heading", { name: title, exact: true })).toHaveCount(0);
});
