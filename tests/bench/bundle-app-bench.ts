/**
 * The app's bundle import+merge (issue 5) in real Chromium: real IndexedDB on disk, the real bundle
 * worker, driven through the Import bundle dialog as a researcher would.
 * `npm run bench -- --only bundle-app --files 1000` (seed scale; --files 100 for a quick run; the codes and
 * 100,000 codings stay at seed scale whatever N). MARGIN_BENCH_PORT=… when 5190 is taken.
 *
 *  1. A seed-scale project is written into the app's IndexedDB (seed-project.ts) and reloaded.
 *  2. The app's public key is read from the Team dialog, as a researcher would copy it for a colleague.
 *  3. In Node: the project's tables are read back from the page, a second coder's work is added (their
 *     coder row, 10% more codings, some memos) and written as a .margin locked to the app's key; the same
 *     NDJSON is packed with `zip -6` + `age` for the reference.
 *  4. Preview rounds, alternating with the reference `age -d` + `unzip`: choose the file, time until the
 *     merge preview is painted, Cancel (nothing changes). Then one merge round: preview, Merge, merged.
 *  5. The merge is checked in IndexedDB: exactly the second coder's codings were added, or the bench fails.
 * Times come from the page (performance.now() around the file input's change event and the DOM) and from
 * the app's own User Timing measures (renderer/db/exchange/).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { projectDbName } from "../../renderer/db/schema";
import { closeProfile, launchPersistentProfile, saveFailureScreenshot } from "./chromium-app";
import { prepareBundle, readAppTables, referenceImport, secondCoder } from "./bundle-app-fixture";
import { watchMemory, type MemoryPeak } from "./bundle-app-memory";
import { firstRun, settle, trackTransactions } from "./coding-bench";
import { median } from "./report";
import { SEED, seedProject, type SeedResult } from "./seed-project";

const ROUND_TIMEOUT_MS = 300_000;
/** Time the researcher spends reading the merge preview before pressing Merge (not counted in any time). */
export const READING_MS = 8000;
/**
 * Time a researcher spends in the file dialog before a bundle is chosen, in every other preview round (the
 * app reads the project meanwhile). The other rounds, and the merge round, choose at once: the worst case.
 */
export const CHOOSING_MS = 3000;
/** How long the bench watches for workers after Cancel (the abandoned backup must not start one). */
const AFTER_CANCEL_MS = 4000;
const PROJECT_NAME = "Seed-scale bundle bench";

export interface BundleAppOptions {
  sources: number;
  /** Preview rounds before the merge round, half of them after CHOOSING_MS in the file dialog; default 6. */
  rounds?: number;
}

/** The app's User Timing measures (ms) of one round; absent ones are null. */
export interface Measures {
  open: number | null;
  plan: number | null;
  backup: number | null;
  write: number | null;
  /** applyMergePlan (in the page, before the backup). */
  apply: number | null;
  /** Inside the bundle worker: the whole read, the part of it opening the payload, then copying the result to the page. */
  workerRead: number | null;
  decrypt: number | null;
  copy: number | null;
  leaveOut: number | null;
  projectRead: number | null;
}

export interface PreviewMedian {
  wallMs: number;
  openMs: number;
  planMs: number;
  referenceMs: number;
  ratio: number;
}

export interface PreviewRound {
  /** File input's change event → the preview's "Changes by kind" table in the DOM, and painted (after the next frame). */
  domMs: number;
  wallMs: number;
  /** How long the dialog was open before the file was chosen (0: at once). */
  choosingMs: number;
  measures: Measures;
  referenceMs: number;
  /** wallMs / referenceMs. */
  ratio: number;
  memory: MemoryPeak;
}

export interface MergeRound extends PreviewRound {
  /** Merge pressed → the "Merged the bundle…" status painted. The researcher's reading time before is not counted. */
  mergeMs: number;
  /** File chosen → merged: the preview's wall time plus mergeMs. */
  totalMs: number;
  ratioWithBackup: number;
  ratioWithoutBackup: number;
  /** totalMs against the median of all the run's reference rounds: one slow reference round cannot flatter the merge. */
  ratioToMedianReference: number;
  status: string;
}

export interface BundleAppResult {
  seed: SeedResult;
  bundle: {
    bytes: number;
    ndjsonBytes: number;
    referenceZipBytes: number;
    writeInNodeMs: number;
    referenceExportMs: number;
    newCodings: number;
    newMemos: number;
  };
  preview: PreviewRound[];
  /** Median of the rounds whose file was chosen at once (the headline). */
  previewMedian: PreviewMedian;
  /** Median of the rounds whose file was chosen after CHOOSING_MS in the dialog. */
  previewAfterChoosing: PreviewMedian | null;
  merge: MergeRound;
  check: { codingsBefore: number; codingsAfter: number; byNewCoder: number; memosByNewCoder: number };
}

const exchange = (page: Page) => page.getByRole("region", { name: "Team exchange" });
const importDialog = (page: Page) => page.getByRole("dialog", { name: "Import bundle" });

/** The key shown to the researcher in Team…, which they send to colleagues. */
async function appPublicKey(page: Page): Promise<string> {
  await exchange(page).getByRole("button", { name: "Team…" }).click();
  const team = page.getByRole("dialog", { name: "Team" });
  const field = team.getByRole("textbox", { name: "Your public key" });
  await field.waitFor();
  const key = await field.inputValue();
  if (!/^age1[a-z0-9]{58}$/.test(key)) throw new Error(`the Team dialog shows "${key}", not an age public key`);
  await team.getByRole("button", { name: "Close" }).click();
  await team.waitFor({ state: "hidden" });
  return key;
}

interface Probe {
  start: number | null;
  dom: number | null;
  painted: number | null;
  error: string | null;
  text: string;
}

/**
 * Installs, IN THE PAGE, a probe that starts at the file input's change event (the moment the chosen file
 * reaches the app; or at once, for the merge round, started by `begin`) and ends when `done` holds in the
 * open dialog: first in the DOM, then after the frame that paints it. An alert in the dialog ends it too.
 */
async function armProbe(page: Page, until: "preview" | "merged"): Promise<void> {
  await page.evaluate((until) => {
    const probe: Probe & { begin(): void } = { start: null, dom: null, painted: null, error: null, text: "", begin: () => undefined };
    (window as unknown as { __bundleProbe: typeof probe }).__bundleProbe = probe;
    const dialog = (): Element | null => document.querySelector("dialog[open]");
    const done = (): Element | null => {
      const open = dialog();
      if (!open) return null;
      if (until === "preview")
        return [...open.querySelectorAll("table caption")].find((c) => c.textContent?.trim() === "Changes by kind") ?? null;
      return [...open.querySelectorAll('[role="status"]')].find((s) => s.textContent?.startsWith("Merged the bundle")) ?? null;
    };
    const observer = new MutationObserver(() => {
      if (probe.start === null || probe.dom !== null) return;
      const alert = dialog()?.querySelector('[role="alert"]');
      if (alert?.textContent) {
        probe.error = alert.textContent;
        observer.disconnect();
        return;
      }
      const found = done();
      if (!found) return;
      probe.dom = performance.now();
      probe.text = found.textContent ?? "";
      observer.disconnect();
      // "After next paint": a task queued from the next animation frame runs once that frame is drawn.
      requestAnimationFrame(() => setTimeout(() => (probe.painted = performance.now()), 0));
    });
    probe.begin = () => {
      probe.start = performance.now();
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    };
    if (until === "preview") {
      const onChange = (event: Event): void => {
        if (!(event.target instanceof HTMLInputElement) || event.target.type !== "file") return;
        document.removeEventListener("change", onChange, true);
        probe.begin();
      };
      document.addEventListener("change", onChange, true);
    }
  }, until);
}

async function readProbe(page: Page, what: string): Promise<{ domMs: number; wallMs: number; text: string }> {
  await page.waitForFunction(
    () => {
      const p = (window as unknown as { __bundleProbe: Probe }).__bundleProbe;
      return p.painted !== null || p.error !== null;
    },
    null,
    { timeout: ROUND_TIMEOUT_MS, polling: 200 },
  );
  const p = await page.evaluate(() => (window as unknown as { __bundleProbe: Probe }).__bundleProbe);
  if (p.error !== null) throw new Error(`${what}: the dialog said "${p.error}"`);
  if (p.start === null || p.dom === null || p.painted === null) throw new Error(`${what}: probe incomplete`);
  return { domMs: p.dom - p.start, wallMs: p.painted - p.start, text: p.text };
}

async function readMeasures(page: Page): Promise<Measures> {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType("measure")
      .filter((m) => m.name.startsWith("margin:"))
      .map((m) => ({ name: m.name, duration: m.duration })),
  );
  const get = (name: string): number | null => entries.find((e) => e.name === `margin:${name}`)?.duration ?? null;
  return {
    open: get("bundle-open"),
    plan: get("merge-plan"),
    backup: get("merge-backup"),
    write: get("merge-write"),
    apply: get("merge-apply"),
    workerRead: get("bundle-worker-read"),
    decrypt: get("bundle-worker-decrypt"),
    copy: get("bundle-copy-to-page"),
    leaveOut: get("bundle-worker-leave-out-known"),
    projectRead: get("project-read"),
  };
}

/** The preview's "Changes by kind" New column for one row, as the researcher reads it. */
async function previewNew(page: Page, label: string): Promise<number> {
  const table = importDialog(page).getByRole("table", { name: "Changes by kind" });
  const cells = await table
    .getByRole("row", { name: new RegExp(`^${label}\\b`) })
    .getByRole("cell")
    .allTextContents();
  return Number(cells[0]);
}

/** Opens Import bundle…, chooses the file and waits for the preview; checks it shows the second coder's work. */
async function openPreview(
  page: Page,
  bundlePath: string,
  expected: { codings: number; memos: number },
  choosingMs = 0,
): Promise<{ domMs: number; wallMs: number }> {
  await page.evaluate(() => performance.clearMeasures());
  await exchange(page).getByRole("button", { name: "Import bundle…" }).click();
  const dialog = importDialog(page);
  await dialog.waitFor();
  if (choosingMs > 0) await page.waitForTimeout(choosingMs);
  await armProbe(page, "preview");
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose bundle file…" }).click();
  // A path, not a buffer: Playwright hands a local browser the path (no copy through the protocol).
  await (await chooser).setFiles(bundlePath);
  const timing = await readProbe(page, "preview");
  const shown = {
    codings: await previewNew(page, "Codings"),
    memos: await previewNew(page, "Memos"),
    coders: await previewNew(page, "Coders"),
  };
  if (shown.codings !== expected.codings || shown.memos !== expected.memos || shown.coders !== 1) {
    throw new Error(
      `the preview shows ${JSON.stringify(shown)} new records; expected ${expected.codings} codings, ${expected.memos} memos, 1 coder`,
    );
  }
  return timing;
}

async function count(page: Page, dbName: string, store: string, index?: string, key?: string): Promise<number> {
  return page.evaluate(
    async ({ dbName, store, index, key }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const os = db.transaction(store).objectStore(store);
      const request = index && key !== undefined ? os.index(index).count(key) : os.count();
      const n = await new Promise<number>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return n;
    },
    { dbName, store, index, key },
  );
}

const ms = (n: number | null): string => (n === null ? "—" : n.toFixed(0));
const memoryText = (m: MemoryPeak): string =>
  `renderer RSS ${m.rendererRssBeforeMb ?? "?"} → peak ${m.rendererRssPeakMb ?? "?"} MB, main-thread JS heap ${m.heapBeforeMb} → peak ${m.heapPeakMb} MB (sampled)`;

export async function runBundleAppBench(
  url: string,
  benchDir: string,
  options: BundleAppOptions,
  log: (line: string) => void,
): Promise<BundleAppResult> {
  const profile = path.join(benchDir, "bundle-app-profile");
  const dir = mkdtempSync(path.join(tmpdir(), "margin-bundle-app-"));
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  try {
    // Counts the app's IndexedDB transactions, so settle() knows when its live queries are done.
    ({ context, page } = await launchPersistentProfile(profile, trackTransactions));
    const projectId = await firstRun(page, url, PROJECT_NAME);
    const dbName = projectDbName(projectId);
    log(
      `bundle-app: seeding ${options.sources} sources, ${SEED.codes} codes, ${SEED.codings.toLocaleString("en-GB")} codings into the app's IndexedDB …`,
    );
    const seed = await seedProject(page, projectId, log, options.sources);
    log(`bundle-app: seeded in ${(seed.ms / 1000).toFixed(1)} s; reloading …`);
    await page.reload();
    await page.getByRole("table", { name: "Sources" }).waitFor({ timeout: 120_000 });
    await settle(page);
    const appKey = await appPublicKey(page);

    const r0 = performance.now();
    const tables = await readAppTables(page, dbName);
    log(
      `bundle-app: read the project back from IndexedDB in ${((performance.now() - r0) / 1000).toFixed(1)} s (${tables.sourceContent.length} transcripts, ${tables.codings.length} codings)`,
    );
    const b = await secondCoder(tables, { codings: Math.round(tables.codings.length / 10), memos: 300 });
    const prepared = await prepareBundle(dir, projectId, PROJECT_NAME, b, appKey);
    const expected = { codings: b.newCodings, memos: b.newMemos };
    const mbText = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    log(
      `bundle-app: bundle ${mbText(prepared.bundleBytes)} (NDJSON ${mbText(prepared.ndjsonBytes)}; reference zip ${mbText(prepared.referenceZipBytes)}), ` +
        `+${b.newCodings} codings and +${b.newMemos} memos by ${b.coder.name}`,
    );
    const codingsBefore = await count(page, dbName, "codings");
    await settle(page);

    const rounds = Math.max(1, options.rounds ?? 6);
    const preview: PreviewRound[] = [];
    for (let i = 0; i < rounds; i++) {
      const memory = await watchMemory(page);
      const choosingMs = i % 2 === 1 ? CHOOSING_MS : 0;
      const timing = await openPreview(page, prepared.bundlePath, expected, choosingMs);
      const peak = await memory.stop();
      const measures = await readMeasures(page);
      // The pre-merge backup being packed is abandoned with the dialog: no worker may start packing it after Cancel.
      let workersAfterCancel = 0;
      const onWorker = () => workersAfterCancel++;
      page.on("worker", onWorker);
      await importDialog(page).getByRole("button", { name: "Cancel" }).click();
      await importDialog(page).waitFor({ state: "hidden" });
      await page.waitForTimeout(AFTER_CANCEL_MS);
      page.off("worker", onWorker);
      const workersAtEnd = page.workers().length;
      await settle(page);
      const reference = referenceImport(dir);
      const round: PreviewRound = {
        ...timing,
        choosingMs,
        measures,
        referenceMs: reference.ms,
        ratio: timing.wallMs / reference.ms,
        memory: peak,
      };
      preview.push(round);
      log(
        `  preview ${i + 1}/${rounds}${choosingMs > 0 ? ` (file chosen after ${choosingMs / 1000} s in the dialog)` : " (file chosen at once)"}: open ${ms(measures.open)} (worker ${ms(measures.workerRead)}, of it decrypting ${ms(measures.decrypt)}; then waiting for the project's versions and leaving out what it has ${ms(measures.leaveOut)}; copy to page ${ms(measures.copy)}; the project's own read, begun as the dialog opened, ${ms(measures.projectRead)}) + plan ${ms(measures.plan)} ms; file chosen → preview painted ${ms(round.wallMs)} ms; ` +
          `age -d + unzip ${ms(reference.ms)} ms; ratio ${round.ratio.toFixed(2)}×; in the ${AFTER_CANCEL_MS / 1000} s after Cancel ${workersAfterCancel} workers started, ${workersAtEnd} running at the end`,
      );
      log(`    ${memoryText(peak)}`);
    }

    // The merge round: the same preview, then Merge (timed from the press, not from when the researcher read the preview).
    const memory = await watchMemory(page);
    const timing = await openPreview(page, prepared.bundlePath, expected);
    await settle(page);
    // The researcher reads the preview before pressing Merge; the app packs the pre-merge backup meanwhile.
    await page.waitForTimeout(READING_MS);
    await armProbe(page, "merged");
    await importDialog(page)
      .getByRole("button", { name: "Merge" })
      .evaluate((button) => {
        (window as unknown as { __bundleProbe: { begin(): void } }).__bundleProbe.begin();
        (button as HTMLElement).click();
      });
    const merged = await readProbe(page, "merge");
    const peak = await memory.stop();
    const measures = await readMeasures(page);
    const reference = referenceImport(dir);
    const totalMs = timing.wallMs + merged.wallMs;
    const backup = measures.backup ?? 0;
    const merge: MergeRound = {
      ...timing,
      choosingMs: 0,
      measures,
      referenceMs: reference.ms,
      ratio: timing.wallMs / reference.ms,
      memory: peak,
      mergeMs: merged.wallMs,
      totalMs,
      ratioWithBackup: totalMs / reference.ms,
      ratioWithoutBackup: (totalMs - backup) / reference.ms,
      ratioToMedianReference: totalMs / median([...preview.map((r) => r.referenceMs), reference.ms]),
      status: merged.text.trim(),
    };
    if (!new RegExp(`\\b${expected.codings} new codings\\b`).test(merge.status))
      throw new Error(`the merge said "${merge.status}"; expected ${expected.codings} new codings`);
    await importDialog(page).getByRole("button", { name: "Close" }).click();

    // What the merge wrote, read from IndexedDB: a bench that cannot fail is no bench.
    const codingsAfter = await count(page, dbName, "codings");
    const byNewCoder = await count(page, dbName, "codings", "coderId", b.coder.id);
    const memosByNewCoder = await count(page, dbName, "memos", "authorId", b.coder.id);
    const check = { codingsBefore, codingsAfter, byNewCoder, memosByNewCoder };
    if (byNewCoder !== expected.codings || codingsAfter !== codingsBefore + expected.codings || memosByNewCoder !== expected.memos) {
      throw new Error(
        `after the merge IndexedDB holds ${JSON.stringify(check)}; expected ${expected.codings} new codings and ${expected.memos} memos by ${b.coder.name}`,
      );
    }
    log(
      `  merge: open ${ms(measures.open)} + plan ${ms(measures.plan)} ms, preview painted ${ms(timing.wallMs)} ms; read for ${READING_MS / 1000} s; Merge → merged ${ms(merged.wallMs)} ms ` +
        `(apply ${ms(measures.apply)}, backup ${ms(measures.backup)}, write ${ms(measures.write)}); file chosen → merged ${ms(totalMs)} ms, without the backup ${ms(totalMs - backup)} ms; ` +
        `age -d + unzip ${ms(reference.ms)} ms`,
    );
    log(`    ${memoryText(peak)}`);
    log(
      `    IndexedDB after: ${codingsAfter} codings (${codingsBefore} + ${byNewCoder} by ${b.coder.name}), ${memosByNewCoder} memos by ${b.coder.name}`,
    );

    const medianOf = (rows: PreviewRound[]) => ({
      wallMs: median(rows.map((r) => r.wallMs)),
      openMs: median(rows.map((r) => r.measures.open ?? Number.NaN)),
      planMs: median(rows.map((r) => r.measures.plan ?? Number.NaN)),
      referenceMs: median(rows.map((r) => r.referenceMs)),
      ratio: median(rows.map((r) => r.ratio)),
    });
    // The headline is the worst case: files chosen the moment the dialog opened.
    const atOnce = preview.filter((r) => r.choosingMs === 0);
    const afterChoosing = preview.filter((r) => r.choosingMs > 0);
    const previewMedian = medianOf(atOnce);
    const previewAfterChoosing = afterChoosing.length > 0 ? medianOf(afterChoosing) : null;
    const ratios = (rows: PreviewRound[]) => rows.map((r) => r.ratio.toFixed(2)).join(", ");
    log(
      `bundle-app ratios (app / age -d + unzip, same run; goal ≤ 1.25×): preview median ${previewMedian.ratio.toFixed(2)}× with the file chosen at once ` +
        `(${ratios(atOnce)})${previewAfterChoosing ? `, ${previewAfterChoosing.ratio.toFixed(2)}× chosen after ${CHOOSING_MS / 1000} s in the dialog (${ratios(afterChoosing)})` : ""}; import+merge ${merge.ratioWithBackup.toFixed(2)}× with the automatic backup, ` +
        `${merge.ratioWithoutBackup.toFixed(2)}× without it (against the median of the run's ${rounds + 1} reference rounds: ${merge.ratioToMedianReference.toFixed(2)}× with the backup)`,
    );
    return {
      seed,
      bundle: {
        bytes: prepared.bundleBytes,
        ndjsonBytes: prepared.ndjsonBytes,
        referenceZipBytes: prepared.referenceZipBytes,
        writeInNodeMs: prepared.writeMs,
        referenceExportMs: prepared.referenceExportMs,
        newCodings: b.newCodings,
        newMemos: b.newMemos,
      },
      preview,
      previewMedian,
      previewAfterChoosing,
      merge,
      check,
    };
  } catch (error) {
    await saveFailureScreenshot(page, path.join(benchDir, "bundle-app-failure.png"));
    throw error;
  } finally {
    await closeProfile(context, profile);
    rmSync(dir, { recursive: true, force: true });
  }
}
