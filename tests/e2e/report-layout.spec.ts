/**
 * Report layout on paper and in the preview, on a project made here (an ~8,700-word interview, long
 * code paths and source names): the coded transcript's stripes span only the coded lines and the coded
 * words are marked; the pages are not half blank; the code report leaves out empty parent sections;
 * long code paths are never clipped or overlapping in the overview and the contents list.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { completeFirstRun } from "./helpers/app";
import { INTERVIEW_NAME, LONG_CODES, makeReportFixture, OTHER_SOURCES, SHORT_CODED } from "./helpers/reportFixture";

/** REPORT_SHOTS=<dir> keeps screenshots and the PDFs' pages as PNG, to look at. */
const SHOTS = process.env.REPORT_SHOTS;
/** A4's content width at 16 mm side margins, in CSS px: what print lays out in. */
const A4_CONTENT_PX = Math.round(((210 - 32) / 25.4) * 96);

const preview = (page: Page) => page.getByRole("region", { name: "Report preview" });

/** Imports the fixture; `byHost`: the desktop stand-in's open dialog hands it over (no file chooser). */
async function openFixture(page: Page, byHost = false): Promise<number> {
  const fixture = makeReportFixture();
  await page.setViewportSize({ width: 1366, height: 768 });
  await completeFirstRun(page);
  const chooser = byHost ? null : page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import REFI-QDA project (.qdpx)…" }).click();
  if (chooser) await (await chooser).setFiles(fixture.file);
  await page.getByRole("dialog", { name: "Import “go-live.qdpx”" }).getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Go-live study", level: 1 })).toBeVisible({ timeout: 30_000 });
  return fixture.words;
}

async function openReport(page: Page, report: string): Promise<void> {
  await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Reports" }).click();
  await page.getByLabel("Report", { exact: true }).selectOption({ label: report });
}

async function waitReady(page: Page): Promise<void> {
  await expect(
    preview(page)
      .getByRole("status")
      .filter({ hasText: /^Ready:/ }),
  ).toBeVisible({ timeout: 60_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Lays the page out as print does (print media, A4's content width), runs `check`, and goes back. */
async function inPrintLayout<T>(page: Page, check: () => Promise<T>): Promise<T> {
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: A4_CONTENT_PX, height: 1000 });
  try {
    return await check();
  } finally {
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1366, height: 768 });
  }
}

interface Pdf {
  pages: number;
  /** Page 1 at 72 dpi (1 px = 1 pt) as RGB. */
  width: number;
  height: number;
  rgb: Buffer;
}

async function printPdf(page: Page, name: string): Promise<Pdf> {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  return readPdf(pdf, name);
}

function readPdf(pdf: Buffer, name: string): Pdf {
  const dir = mkdtempSync(path.join(tmpdir(), "report-layout-"));
  try {
    const file = path.join(dir, "report.pdf");
    writeFileSync(file, pdf);
    if (SHOTS) {
      writeFileSync(path.join(SHOTS, `${name}.pdf`), pdf);
      execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "3", file, path.join(SHOTS, name)]);
    }
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1] ?? 0);
    execFileSync("pdftoppm", ["-r", "72", "-f", "1", "-l", "1", "-singlefile", file, path.join(dir, "page")]);
    const ppm = readFileSync(path.join(dir, "page.ppm"));
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString("latin1"));
    if (!header) throw new Error("pdftoppm made no PPM of page 1");
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { pages, width, height, rgb: ppm.subarray(header[0].length, header[0].length + width * height * 3) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Vertical runs (in one pixel column, right of `fromX`) of pixels near `colour`: [top, bottom) in pt.
 * Gaps of up to 5 pt are bridged, so a dashed or dotted stripe counts as one run.
 */
function verticalRuns(pdf: Pdf, colour: readonly [number, number, number], fromX: number): { x: number; top: number; bottom: number }[] {
  const near = (x: number, y: number) => {
    const i = (y * pdf.width + x) * 3;
    return (
      Math.abs((pdf.rgb[i] ?? 0) - colour[0]) < 45 &&
      Math.abs((pdf.rgb[i + 1] ?? 0) - colour[1]) < 45 &&
      Math.abs((pdf.rgb[i + 2] ?? 0) - colour[2]) < 45
    );
  };
  const runs: { x: number; top: number; bottom: number }[] = [];
  for (let x = fromX; x < pdf.width; x++) {
    let top = -1;
    for (let y = 0; y <= pdf.height; y++) {
      const on = y < pdf.height && near(x, y);
      if (on && top < 0) top = y;
      if (!on && top >= 0) {
        const last = runs.at(-1);
        if (last && last.x === x && top - last.bottom <= 5) last.bottom = y;
        else runs.push({ x, top, bottom: y });
        top = -1;
      }
    }
  }
  return runs;
}

/** The short coding's lines and the stripe(s) of its block, in px from the report's top. */
function measureShortCoding(page: Page) {
  return page.evaluate((needle) => {
    const doc = document.querySelector(".report-document") as HTMLElement;
    const block = [...doc.querySelectorAll<HTMLElement>(".report-block")].find((b) => b.textContent?.includes(needle));
    if (!block) throw new Error("no block with the short coding");
    const text = block.querySelector(".report-block-text") as HTMLElement;
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    const nodes: [Text, number][] = [];
    let whole = "";
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      nodes.push([node, whole.length]);
      whole += node.data;
    }
    const at = (offset: number): [Text, number] => {
      const hit = [...nodes].reverse().find(([, start]) => start <= offset) as [Text, number];
      return [hit[0], offset - hit[1]];
    };
    const from = whole.indexOf(needle);
    const range = document.createRange();
    range.setStart(...at(from));
    range.setEnd(...at(from + needle.length));
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const stripes = [...block.querySelectorAll<HTMLElement>(".report-stripe")].map((s) => s.getBoundingClientRect());
    const inside = at(from + 5)[0];
    let underlined = false;
    for (let el = inside.parentElement; el && el !== text; el = el.parentElement)
      if (getComputedStyle(el).textDecorationLine.includes("underline")) underlined = true;
    const docTop = doc.getBoundingClientRect().top;
    return {
      codedTop: Math.min(...rects.map((r) => r.top)) - docTop,
      codedBottom: Math.max(...rects.map((r) => r.bottom)) - docTop,
      stripes: stripes.map((s) => ({ top: s.top - docTop, bottom: s.bottom - docTop })),
      paragraph: text.getBoundingClientRect().height,
      underlined,
    };
  }, SHORT_CODED);
}

test("the printed coded transcript marks the coded words, its stripe spans only their lines, and the pages are full", async ({ page }) => {
  test.setTimeout(180_000);
  await openFixture(page);
  await openReport(page, "Coded transcript");
  await page.getByLabel("Source", { exact: true }).selectOption({ label: INTERVIEW_NAME });
  await waitReady(page);
  await shot(page, "transcript-preview");

  // In the DOM, laid out as print: the stripe beside the 69-character coding against the coded words' lines.
  const measure = () => measureShortCoding(page);

  for (const [media, m] of [
    ["screen", await measure()],
    ["print", await inPrintLayout(page, measure)],
  ] as const) {
    console.log(
      `${media}: coded lines ${m.codedTop.toFixed(1)}–${m.codedBottom.toFixed(1)} px, stripe ${JSON.stringify(m.stripes)}, paragraph ${m.paragraph.toFixed(0)} px`,
    );
    expect(m.paragraph, "the paragraph is long").toBeGreaterThan(8 * (m.codedBottom - m.codedTop));
    expect.soft(m.stripes).toHaveLength(1);
    expect.soft(Math.abs((m.stripes[0]?.top ?? 0) - m.codedTop), `${media}: stripe top at the first coded line`).toBeLessThan(1.5);
    expect.soft(Math.abs((m.stripes[0]?.bottom ?? 0) - m.codedBottom), `${media}: stripe bottom at the last coded line`).toBeLessThan(1.5);
    expect.soft(m.underlined, `${media}: the coded words are underlined`).toBe(true);
  }

  // In the PDF: the stripe's pixels (the code's colour, darkened for greyscale) span the coded lines only.
  const expected = await inPrintLayout(page, measure);
  const pdf = await printPdf(page, "transcript");
  expectStripeInPdf(pdf, expected);

  // The pages are used: page 1's text runs to near its foot, and the interview takes few pages.
  let lastInk = 0;
  const footer = pdf.height - (18 / 25.4) * 72;
  for (let y = 0; y < footer; y++) {
    for (let x = 0; x < pdf.width; x++) {
      const i = (y * pdf.width + x) * 3;
      if ((pdf.rgb[i] ?? 255) + (pdf.rgb[i + 1] ?? 255) + (pdf.rgb[i + 2] ?? 255) < 300) {
        lastInk = y;
        break;
      }
    }
  }
  const blank = (footer - lastInk) / footer;
  console.log(`PDF: ${pdf.pages} pages; page 1 blank below its last line: ${(blank * 100).toFixed(0)}%`);
  expect.soft(blank, "page 1 is not half blank").toBeLessThan(0.12);
  expect(pdf.pages).toBeLessThanOrEqual(19);
});

test("the code report leaves out parent codes with nothing coded directly, and its contents never overlap or leave the page", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openFixture(page);
  await openReport(page, "Code report");
  await page.getByRole("checkbox", { name: LONG_CODES.barriers, exact: true }).check();
  await page.getByRole("checkbox", { name: LONG_CODES.facilitators, exact: true }).check();
  await waitReady(page);
  await shot(page, "code-report-preview");
  const report = preview(page).getByRole("article", { name: /^Code report/ });
  await expect(report.getByText(`${LONG_CODES.barriers}/${LONG_CODES.time}`).first()).toBeVisible();
  await expect.soft(report.getByText("No coded segments")).toHaveCount(0);
  if (SHOTS) await printPdf(page, "code-report");

  const contentsBoxes = () =>
    page.evaluate(() => {
      const nav = document.querySelector("nav.report-contents") as HTMLElement;
      const page_ = (document.querySelector(".report-document") as HTMLElement).getBoundingClientRect();
      const entries = [...nav.querySelectorAll("li")].map((li) => {
        // The link's own line boxes: text that runs past its column shows here, not in the li's box.
        const rects = [...(li.querySelector("a") as HTMLElement).getClientRects()];
        return {
          left: Math.min(...rects.map((r) => r.left)),
          right: Math.max(...rects.map((r) => r.right)),
          top: Math.min(...rects.map((r) => r.top)),
          bottom: Math.max(...rects.map((r) => r.bottom)),
          text: li.textContent ?? "",
        };
      });
      return { entries, page: { left: page_.left, right: page_.right } };
    });
  for (const [media, boxes] of [
    ["screen", await contentsBoxes()],
    ["print", await inPrintLayout(page, contentsBoxes)],
  ] as const) {
    expect(boxes.entries.length).toBeGreaterThan(3);
    for (const [i, a] of boxes.entries.entries()) {
      expect(a.right, `${media}: “${a.text}” stays on the page`).toBeLessThanOrEqual(boxes.page.right + 0.5);
      for (const b of boxes.entries.slice(i + 1)) {
        const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        expect(overlap, `${media}: “${a.text}” and “${b.text}” overlap`).toBe(false);
      }
    }
  }
});

test("the coding overview never clips long code paths or source names, on screen or in print", async ({ page }) => {
  test.setTimeout(120_000);
  await openFixture(page);
  await openReport(page, "Coding overview");
  await waitReady(page);
  await shot(page, "overview-preview");
  if (SHOTS) await printPdf(page, "overview");
  const paths = [
    LONG_CODES.barriers,
    LONG_CODES.facilitators,
    `${LONG_CODES.barriers}/${LONG_CODES.time}`,
    `${LONG_CODES.barriers}/${LONG_CODES.training}`,
    `${LONG_CODES.facilitators}/${LONG_CODES.champions}`,
    `${LONG_CODES.facilitators}/${LONG_CODES.continuity}`,
  ];
  const names = [...paths, INTERVIEW_NAME, ...OTHER_SOURCES];

  const labels = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<SVGSVGElement>(".report-document svg")].flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll("text")].map((t) => {
          const r = t.getBoundingClientRect();
          return {
            text: t.textContent ?? "",
            inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5,
          };
        });
      }),
    );
  for (const [media, found] of [
    ["screen", await labels()],
    ["print", await inPrintLayout(page, labels)],
  ] as const) {
    const named = found.filter((l) => /[a-z]{3}/i.test(l.text));
    expect(named.length).toBeGreaterThan(5);
    for (const label of named) {
      expect(label.inside, `${media}: “${label.text}” is inside its chart`).toBe(true);
      // Whole, or shortened from the middle: its start and its end are a real name's.
      const [head = "", tail = ""] = label.text.split("…");
      const whole = names.some(
        (n) => n === label.text || (label.text.includes("…") && tail.length > 0 && n.startsWith(head) && n.endsWith(tail)),
      );
      expect(whole, `${media}: “${label.text}” is a whole name or shortened in the middle`).toBe(true);
    }
  }
});

/** In page 1 of the PDF, a stripe beside the short coding's lines, as tall as they are. */
function expectStripeInPdf(pdf: Pdf, expected: { codedTop: number; codedBottom: number }): void {
  // #00A0FF at 65% with black; only in the margin column (the right 30% of the page).
  const runs = verticalRuns(pdf, [0, 104, 166], Math.round(pdf.width * 0.7)).filter((r) => r.bottom - r.top > 3);
  const topOnPage = (18 / 25.4) * 72 + expected.codedTop * 0.75;
  const stripe = runs.find((r) => Math.abs(r.top - topOnPage) < 12);
  console.log(
    `PDF page 1: stripe runs ${JSON.stringify(runs.slice(0, 6))}; coded lines expected at ${topOnPage.toFixed(0)} pt, ${((expected.codedBottom - expected.codedTop) * 0.75).toFixed(0)} pt tall`,
  );
  expect.soft(stripe, "a stripe beside the coded lines on page 1").toBeDefined();
  expect.soft(Math.abs((stripe?.bottom ?? 0) - (stripe?.top ?? 0) - (expected.codedBottom - expected.codedTop) * 0.75)).toBeLessThan(4);
}

test("in the desktop app's script-free print window the stripe still spans only the coded lines", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // A stand-in for Electron's preload API, as in reports.spec.ts: Print… hands the page's HTML to the host.
  const qdpx = readFileSync(makeReportFixture().file).toString("base64");
  await page.addInitScript((file) => {
    const w = window as unknown as { printRequests: unknown[]; margin: unknown };
    w.printRequests = [];
    const bytes = Uint8Array.from(atob(file), (c) => c.charCodeAt(0));
    w.margin = {
      appInfo: () => Promise.resolve({ version: "test", platform: "linux", userDataPath: "/tmp/margin", safeStorageAvailable: false }),
      openFiles: () => Promise.resolve({ files: [{ name: "go-live.qdpx", path: "go-live.qdpx", bytes }], canceled: false }),
      saveFile: () => Promise.resolve({ saved: true, path: "/tmp/report.pdf" }),
      printToPdf: (request: unknown) => {
        w.printRequests.push(request);
        return Promise.resolve({ pdf: new Uint8Array([37, 80, 68, 70]), printed: true });
      },
      onMenuCommand: () => () => undefined,
    };
  }, qdpx);
  await openFixture(page, true);
  await openReport(page, "Coded transcript");
  await page.getByLabel("Source", { exact: true }).selectOption({ label: INTERVIEW_NAME });
  await waitReady(page);
  const expected = await inPrintLayout(page, () => measureShortCoding(page));
  await preview(page).getByRole("button", { name: "Print…" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printRequests: unknown[] }).printRequests.length)).toBe(1);
  const request = (await page.evaluate(() => (window as unknown as { printRequests: unknown[] }).printRequests[0])) as { html: string };
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const printWindow = await context.newPage();
    await printWindow.setContent(request.html);
    expectStripeInPdf(readPdf(await printWindow.pdf({ preferCSSPageSize: true }), "transcript-print-window"), expected);
  } finally {
    await context.close();
  }
});
