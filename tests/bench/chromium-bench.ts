/**
 * Chromium rows: the whole corpus imported through the real UI (worker pool + IndexedDB), and a
 * reference unit — one 1 KB IndexedDB put+get in the page — to compare later benches against.
 */
import type { Browser } from "@playwright/test";
import type { Corpus } from "./corpus";
import { closeImportDialog, freshProjectPage, importThroughUi } from "./chromium-app";
import { quarterRates, throughput, type QuarterRates, type Throughput } from "./report";

export interface IdbReference {
  /** The very first put+get on a fresh database (cold). */
  firstPutGetMs: number;
  /** Medians over `samples` put+get pairs, default durability (what most pages get). */
  putMs: number;
  getMs: number;
  putGetMs: number;
  /** The same with durability "strict" — what Margin's project databases use (one fsync per transaction). */
  strictPutMs: number;
  strictPutGetMs: number;
  samples: number;
}

export interface ChromiumImportResult extends Throughput {
  statusText: string;
  progressShownMs: number | null;
  hardwareConcurrency: number;
  workers: number;
  browserVersion: string;
  /** From the progress text; the last files may finish between two renders, so this is approximate. */
  quarters: QuarterRates | null;
  idb: IdbReference;
}

/** One put (awaiting the transaction's complete) and one get of a ~1 KB record, measured in the page. */
async function idbReference(browser: Browser, url: string): Promise<IdbReference> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const result = await page.evaluate(async (samples: number) => {
    const name = "margin-bench-reference";
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("records", { keyPath: "id" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const filler = "lorem ipsum dolor sit amet ".repeat(40).slice(0, 1000);
    const record = (i: number) => ({ id: `r${i}`, at: i, text: filler });
    const putGet = async (i: number, durability: "default" | "strict"): Promise<[number, number]> => {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction("records", "readwrite", { durability });
        tx.objectStore("records").put(record(i));
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const t1 = performance.now();
      await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction("records", "readonly").objectStore("records").get(`r${i}`);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return [t1 - t0, performance.now() - t1];
    };
    const median = (values: number[]): number => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    };
    const [firstPut, firstGet] = await putGet(0, "default");
    const plain: [number, number][] = [];
    const strict: [number, number][] = [];
    for (let i = 1; i <= samples; i++) {
      plain.push(await putGet(i, "default"));
      strict.push(await putGet(samples + i, "strict"));
    }
    db.close();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => resolve();
    });
    return {
      firstPutGetMs: firstPut + firstGet,
      putMs: median(plain.map(([put]) => put)),
      getMs: median(plain.map(([, get]) => get)),
      putGetMs: median(plain.map(([put, get]) => put + get)),
      strictPutMs: median(strict.map(([put]) => put)),
      strictPutGetMs: median(strict.map(([put, get]) => put + get)),
      samples,
    };
  }, 25);
  await context.close();
  return result;
}

export async function runChromiumImport(
  browser: Browser,
  url: string,
  corpus: Corpus,
  log: (line: string) => void,
): Promise<ChromiumImportResult> {
  log("IndexedDB reference (1 KB put+get) in Chromium …");
  const idb = await idbReference(browser, url);

  log(`Importing ${corpus.items.length} files through the UI in Chromium …`);
  const page = await freshProjectPage(browser, url, "Import bench");
  // Generous: ~1 s a file would already be a 10× regression.
  const timeoutMs = Math.max(120_000, corpus.items.length * 1000);
  const timing = await importThroughUi(
    page,
    corpus.items.map((item) => item.path),
    timeoutMs,
  );
  await closeImportDialog(page);
  await page.context().close();
  const expected = `${corpus.items.length} imported, 0 duplicates, 0 failed`;
  if (timing.statusText !== expected) log(`  warning: Chromium import ended with "${timing.statusText}" (expected "${expected}")`);
  return {
    ...throughput(corpus.items.length, corpus.totalBytes, corpus.totalWords, timing.ms, []),
    statusText: timing.statusText,
    progressShownMs: timing.progressShownMs,
    hardwareConcurrency: timing.hardwareConcurrency,
    workers: Math.max(1, Math.min(4, timing.hardwareConcurrency || 2)),
    browserVersion: browser.version(),
    quarters: quarterRates(timing.doneAtMs),
    idb,
  };
}
