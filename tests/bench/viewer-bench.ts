/**
 * Viewer row: a ~600k-character source imported through the UI, then opened from the sources table
 * five times. Each open is timed in the page, from the link's click to the first transcript block
 * ([data-block-start]) being painted (MutationObserver, then two animation frames). Then a scripted
 * scroll to the end, one viewport a frame, with a PerformanceObserver collecting long tasks.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { closeImportDialog, freshProjectPage, importThroughUi } from "./chromium-app";
import { syntheticLongDocx } from "./corpus";
import { median } from "./report";

export const REAL_LONG_DOCX = "../shared/corpus/docx/nvivo-txdox_long_youtube-comments_hu.docx";
const OPENS = 5;
const FIRST_BLOCK_TIMEOUT_MS = 10_000;

export interface ScrollResult {
  frames: number;
  ms: number;
  reachedEnd: boolean;
  longTasks: number;
  longestTaskMs: number;
  totalLongTaskMs: number;
  maxRenderedBlocks: number;
  /** Highest data-block-index seen + 1: the blocks in the source. */
  totalBlocks: number;
}

export type ViewerResult =
  | {
      available: true;
      file: string;
      synthetic: boolean;
      chars: number | null;
      importMs: number;
      opensMs: number[];
      medianMs: number;
      renderedBlocksAtFirstPaint: number;
      scroll: ScrollResult;
    }
  | { available: false; file: string; synthetic: boolean; importMs: number | null; reason: string };

interface OpenSample {
  ms: number | null;
  blocks: number;
}

/** Clicks the link in the page (so the clock starts exactly at the click) and waits for a painted block. */
async function openOnce(page: Page, sourceName: string): Promise<OpenSample> {
  const link = page.getByRole("table", { name: "Sources" }).getByRole("link", { name: sourceName, exact: true });
  await link.waitFor();
  return link.evaluate(
    (element, timeoutMs: number) =>
      new Promise<OpenSample>((resolve) => {
        let settled = false;
        const t0 = performance.now();
        const firstBlock = (): Element | null => document.querySelector("[data-block-start]");
        const painted = (): void => {
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              resolve({ ms: performance.now() - t0, blocks: document.querySelectorAll("[data-block-start]").length }),
            ),
          );
        };
        const observer = new MutationObserver(() => {
          if (settled || !firstBlock()) return;
          settled = true;
          observer.disconnect();
          painted();
        });
        observer.observe(document.body, { subtree: true, childList: true });
        setTimeout(() => {
          if (settled) return;
          settled = true;
          observer.disconnect();
          resolve({ ms: null, blocks: 0 });
        }, timeoutMs);
        (element as HTMLElement).click();
      }),
    FIRST_BLOCK_TIMEOUT_MS,
  );
}

async function backToList(page: Page, sourceName: string): Promise<void> {
  await page.getByRole("link", { name: "Back to sources" }).first().click();
  await page.locator("[data-block-start]").first().waitFor({ state: "detached" });
  await page.getByRole("table", { name: "Sources" }).getByRole("link", { name: sourceName, exact: true }).waitFor();
  await page.waitForTimeout(300); // let the list settle (and GC run) before the next open
}

async function scrollToEnd(page: Page): Promise<ScrollResult> {
  return page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('[role="region"][aria-label="Source text"]');
    if (!scroller) throw new Error('No region "Source text"');
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    });
    observer.observe({ type: "longtask", buffered: false });
    let maxRendered = 0;
    let maxIndex = -1;
    const look = (): void => {
      const rendered = scroller.querySelectorAll<HTMLElement>("[data-block-start]");
      maxRendered = Math.max(maxRendered, rendered.length);
      for (const block of rendered) maxIndex = Math.max(maxIndex, Number(block.dataset.blockIndex ?? -1));
    };
    const t0 = performance.now();
    let frames = 0;
    let atEnd = 0;
    while (atEnd < 10 && frames < 20_000 && performance.now() - t0 < 120_000) {
      scroller.scrollTop += scroller.clientHeight;
      await frame();
      frames += 1;
      look();
      // The virtualiser grows the scroll height as it measures rows: only stop once the end holds still.
      atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2 ? atEnd + 1 : 0;
    }
    const ms = performance.now() - t0;
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 250)); // long-task entries are delivered asynchronously
    observer.disconnect();
    return {
      frames,
      ms,
      reachedEnd: atEnd >= 10,
      longTasks: tasks.length,
      longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
      totalLongTaskMs: tasks.reduce((sum, d) => sum + d, 0),
      maxRenderedBlocks: maxRendered,
      totalBlocks: maxIndex + 1,
    };
  });
}

export async function runViewerBench(
  browser: Browser,
  url: string,
  root: string,
  benchDir: string,
  log: (line: string) => void,
): Promise<ViewerResult> {
  // MARGIN_BENCH_VIEWER_DOCX=<path> opens another file; =synthetic forces the generated transcript.
  const override = process.env.MARGIN_BENCH_VIEWER_DOCX;
  const real = override && override !== "synthetic" ? path.resolve(override) : path.resolve(root, REAL_LONG_DOCX);
  let file = real;
  let synthetic = false;
  let chars: number | null = null;
  if (override === "synthetic" || !existsSync(real)) {
    const made = await syntheticLongDocx(benchDir);
    file = made.path;
    chars = made.chars;
    synthetic = true;
    log(
      `${override === "synthetic" ? "Asked for" : `${path.relative(root, real)} not found: using`} a synthetic transcript of ${made.chars} characters (${path.relative(root, made.path)})`,
    );
  }
  const sourceName = path.basename(file).replace(/\.docx$/i, "");
  log(`Viewer: importing ${path.basename(file)} through the UI …`);
  const page = await freshProjectPage(browser, url, "Viewer bench");
  try {
    const imported = await importThroughUi(page, [file], 600_000);
    await closeImportDialog(page);
    if (!imported.statusText.startsWith("1 imported")) {
      return { available: false, file, synthetic, importMs: imported.ms, reason: `import ended with "${imported.statusText}"` };
    }

    log(`Viewer: opening it ${OPENS} times …`);
    const samples: OpenSample[] = [];
    for (let i = 0; i < OPENS; i++) {
      if (i > 0) await backToList(page, sourceName);
      const sample = await openOnce(page, sourceName);
      if (sample.ms === null) {
        return {
          available: false,
          file,
          synthetic,
          importMs: imported.ms,
          reason: `viewer not available (no [data-block-start] within ${FIRST_BLOCK_TIMEOUT_MS / 1000} s)`,
        };
      }
      samples.push(sample);
    }
    if (chars === null) {
      // The header reads "Interview · 67,435 words · 586,089 characters" (grouping depends on the locale).
      const header = await page
        .getByText(/words · [\d.,\s\u202f]+ characters/)
        .first()
        .textContent({ timeout: 2000 })
        .catch(() => null);
      const match = header ? /([\d.,\s\u202f]+) characters/.exec(header) : null;
      chars = match?.[1] ? Number(match[1].replace(/\D/g, "")) : null;
    }

    log("Viewer: scripted scroll to the end …");
    const scroll = await scrollToEnd(page);
    const opensMs = samples.map((s) => s.ms ?? 0);
    return {
      available: true,
      file,
      synthetic,
      chars,
      importMs: imported.ms,
      opensMs,
      medianMs: median(opensMs),
      renderedBlocksAtFirstPaint: samples[0]?.blocks ?? 0,
      scroll,
    };
  } finally {
    await page.context().close();
  }
}
