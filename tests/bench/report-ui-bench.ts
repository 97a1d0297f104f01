/**
 * Reports row (Chromium): a code report of the seed-scale project's 5,000-coding code, through the UI.
 *   - first page: ticking the code in Reports to the first segment painted in the preview;
 *   - whole preview: to "Ready" (every section in the page, which is what printing needs);
 *   - PDF: page.pdf() with print media, as the print dialog's "Save as PDF" makes it;
 *   - DOCX: "Word (DOCX)" to the download (built in a Web Worker).
 * Reference, same page and run: reading the code's 5,000 codings with one raw IndexedDB getAll, the least
 * any report of them must do. Ratios to it are what to compare between machines.
 *
 * Run on its own (not wired into `npm run bench` yet):
 *   npx esbuild tests/bench/report-ui-bench.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=.bench/report-ui.mjs && MARGIN_ROOT=$PWD node .bench/report-ui.mjs
 * or from main.ts: `await runReportUiBench(app.url, log)` after startApp().
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "@playwright/test";
import { freshProjectPage, launchChromium, startApp } from "./chromium-app";
import { median } from "./report";
import { HOT_CODE_NAME, seedProject, type SeedResult } from "./seed-project";

const ROUNDS = 3;
const TIMEOUT_MS = 600_000;

export interface ReportUiRound {
  firstPageMs: number;
  readyMs: number;
  /** Longest main-thread task while the preview grew (PerformanceObserver "longtask"): how long a click could wait. */
  longestTaskMs: number;
  pdfMs: number;
  pdfPages: number;
  pdfBytes: number;
  docxMs: number;
  docxBytes: number;
  /** Raw getAll of the code's codings in the same page. */
  referenceMs: number;
}

export interface ReportUiResult {
  seed: Pick<SeedResult, "sources" | "codes" | "codings" | "hot">;
  rounds: ReportUiRound[];
  medians: { firstPageMs: number; readyMs: number; longestTaskMs: number; pdfMs: number; docxMs: number; referenceMs: number };
  ratios: { firstPage: number; ready: number; pdf: number; docx: number };
}

async function referenceRead(page: Page, projectId: string, codeId: string): Promise<number> {
  return page.evaluate(
    async ({ name, codeId }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const t0 = performance.now();
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction("codings").objectStore("codings").index("codeId").getAll(codeId);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const ms = performance.now() - t0;
      db.close();
      if (rows.length === 0) throw new Error("reference read found no codings");
      return ms;
    },
    { name: `margin-project-${projectId}`, codeId },
  );
}

async function openCodeReport(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Reports" }).click();
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Code report" });
  await page.getByRole("searchbox", { name: "Find a code" }).fill(HOT_CODE_NAME);
}

/** Ticks the code and times, in the page, the first segment painted and "Ready". */
async function timePreview(page: Page): Promise<{ firstPageMs: number; readyMs: number; longestTaskMs: number }> {
  const box = page.getByRole("list", { name: "Code checklist" }).getByRole("checkbox", { name: new RegExp(`${HOT_CODE_NAME}$`) });
  await box.waitFor();
  return box.evaluate(
    (element, timeoutMs: number) =>
      new Promise<{ firstPageMs: number; readyMs: number; longestTaskMs: number }>((resolve, reject) => {
        const t0 = performance.now();
        let first: number | null = null;
        let longest = 0;
        const tasks = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
        });
        tasks.observe({ type: "longtask", buffered: false });
        const poll = () => {
          const now = performance.now() - t0;
          if (first === null && document.querySelector(".report-document .report-segment")) first = now;
          const status = [...document.querySelectorAll('[role="status"]')].some((s) => s.textContent?.startsWith("Ready:"));
          if (first !== null && status) {
            tasks.disconnect();
            resolve({ firstPageMs: first, readyMs: now, longestTaskMs: longest });
          } else if (now > timeoutMs) reject(new Error(`report not ready after ${timeoutMs} ms`));
          else requestAnimationFrame(poll);
        };
        (element as HTMLInputElement).click();
        requestAnimationFrame(poll);
      }),
    TIMEOUT_MS,
  );
}

export async function runReportUiBench(url: string, log: (line: string) => void): Promise<ReportUiResult> {
  const browser = await launchChromium();
  try {
    const page = await freshProjectPage(browser, url, "Report bench");
    const projectId = decodeURIComponent(/#\/project\/([^/?]+)/.exec(page.url())?.[1] ?? "");
    if (!projectId) throw new Error(`no project id in ${page.url()}`);
    const seed = await seedProject(page, projectId, log);
    await page.reload();
    await openCodeReport(page);
    const rounds: ReportUiRound[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const referenceMs = await referenceRead(page, projectId, seed.hot.id);
      const { firstPageMs, readyMs, longestTaskMs } = await timePreview(page);
      await page.emulateMedia({ media: "print" });
      const p0 = performance.now();
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      const pdfMs = performance.now() - p0;
      await page.emulateMedia({ media: "screen" });
      const pdfPages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      const d0 = performance.now();
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: TIMEOUT_MS }),
        page.getByRole("button", { name: "Word (DOCX)" }).click(),
      ]);
      const docxPath = await download.path();
      const docxMs = performance.now() - d0;
      const { size } = await import("node:fs/promises").then((fs) => fs.stat(docxPath));
      rounds.push({ firstPageMs, readyMs, longestTaskMs, pdfMs, pdfPages, pdfBytes: pdf.byteLength, docxMs, docxBytes: size, referenceMs });
      log(
        `report round ${round + 1}: first page ${firstPageMs.toFixed(0)} ms, ready ${readyMs.toFixed(0)} ms (longest task ${longestTaskMs.toFixed(0)} ms), PDF ${pdfMs.toFixed(0)} ms (${pdfPages} pages), DOCX ${docxMs.toFixed(0)} ms; reference getAll ${referenceMs.toFixed(1)} ms`,
      );
      // Fresh page for the next round: nothing of this report left in memory or in the DOM.
      await page.reload();
      await openCodeReport(page);
    }
    const m = (pick: (r: ReportUiRound) => number) => median(rounds.map(pick));
    const medians = {
      firstPageMs: m((r) => r.firstPageMs),
      readyMs: m((r) => r.readyMs),
      longestTaskMs: m((r) => r.longestTaskMs),
      pdfMs: m((r) => r.pdfMs),
      docxMs: m((r) => r.docxMs),
      referenceMs: m((r) => r.referenceMs),
    };
    const ratio = (ms: number) => ms / Math.max(medians.referenceMs, 0.01);
    return {
      seed: { sources: seed.sources, codes: seed.codes, codings: seed.codings, hot: seed.hot },
      rounds,
      medians,
      ratios: {
        firstPage: ratio(medians.firstPageMs),
        ready: ratio(medians.readyMs),
        pdf: ratio(medians.pdfMs),
        docx: ratio(medians.docxMs),
      },
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const root = process.env.MARGIN_ROOT ?? process.cwd();
  const log = (line: string) => console.log(line);
  const app = await startApp(root, log);
  try {
    const result = await runReportUiBench(app.url, log);
    console.log(JSON.stringify(result.medians), JSON.stringify(result.ratios));
    const out = path.join(root, ".bench", "results-report-ui.json");
    await import("node:fs/promises").then((fs) => fs.writeFile(out, JSON.stringify(result, null, 2)));
    log(`wrote ${out}`);
  } finally {
    await app.stop();
  }
}

// Only when this file itself was built and run (.bench/report-ui.mjs), not when bundled into main.ts.
if (process.argv[1] && /report-ui(-bench)?\.m?js$/.test(process.argv[1]) && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
