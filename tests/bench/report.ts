/**
 * Units, the results shape written as JSON, and the table printed at the end of a run. Ratios are
 * throughput ratios against raw mammoth in Node (same files, same machine, same run): 0.85× means
 * "85 % of mammoth's files per second". They stay meaningful on a noisy machine where absolute
 * times do not.
 */
import type { ChromiumImportResult } from "./chromium-bench";
import type { NodeResults } from "./node-bench";
import type { ViewerResult } from "./viewer-bench";
import type { CodingResult } from "./coding-bench";

export const IMPORT_GOAL = 0.8;
export const FIRST_PAINT_GOAL_MS = 200;
/** Rows 8 and 9 (coding at seed scale). */
export const APPLY_GOAL_MS = 50;
export const RETRIEVAL_GOAL_MS = 100;

export interface Throughput {
  files: number;
  bytes: number;
  words: number;
  ms: number;
  filesPerSec: number;
  mbPerSec: number;
  wordsPerSec: number;
  /** Median time per file; null where per-file times are not observable (the Chromium pool). */
  medianFileMs: number | null;
  /** CPU time of this process (user + system, all its threads) over the row; null where not measured (Chromium). */
  cpuMs: number | null;
  filesPerCpuSec: number | null;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function throughput(
  files: number,
  bytes: number,
  words: number,
  ms: number,
  perFileMs: readonly number[],
  cpuMs: number | null = null,
): Throughput {
  const seconds = ms / 1000;
  return {
    files,
    bytes,
    words,
    ms,
    filesPerSec: files / seconds,
    mbPerSec: bytes / (1024 * 1024) / seconds,
    wordsPerSec: words / seconds,
    medianFileMs: perFileMs.length > 0 ? median(perFileMs) : null,
    cpuMs,
    filesPerCpuSec: cpuMs === null ? null : files / (cpuMs / 1000),
  };
}

/** Files per second over the first and the last quarter of a batch: a falling rate means per-file cost grows with the project. */
export interface QuarterRates {
  firstQuarterFilesPerSec: number;
  lastQuarterFilesPerSec: number;
}

/** `doneAtMs[i]`: when file i+1 finished, in ms since the batch started. */
export function quarterRates(doneAtMs: readonly number[]): QuarterRates | null {
  const n = doneAtMs.length;
  const q = Math.floor(n / 4);
  if (q < 2) return null;
  const at = (i: number): number => (i < 0 ? 0 : (doneAtMs[i] ?? 0));
  return {
    firstQuarterFilesPerSec: q / (at(q - 1) / 1000),
    lastQuarterFilesPerSec: q / ((at(n - 1) - at(n - 1 - q)) / 1000),
  };
}

export interface BenchResults {
  date: string;
  command: string;
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    commit: string | null;
    dirtyTree: boolean;
    /** 1-minute load average when the run started and when it ended: above `cpus`, other work competed for the CPU. */
    loadAverageStart: number;
    loadAverageEnd: number;
  };
  options: { files: number; seed: number; minWords: number; maxWords: number; only: "import" | "viewer" | "coding" | null };
  corpus: { files: number; words: number; bytes: number; mb: number; generationMs: number; cached: boolean; dir: string } | null;
  node: NodeResults | null;
  chromiumImport: ChromiumImportResult | null;
  appBuildMs: number | null;
  viewer: ViewerResult | null;
  /** Rows 7-9: open, apply a code, retrieve, on a seed-scale project; times also in units of IndexedDB put+get. */
  coding: CodingResult | null;
  errors: Record<string, string>;
  /** Throughput ratios against raw mammoth: by wall time, and (Node rows) by this process's CPU time. */
  ratios: {
    conversionVsMammoth: number | null;
    importNodeVsMammoth: number | null;
    importChromiumVsMammoth: number | null;
    conversionVsMammothCpu: number | null;
    importNodeVsMammothCpu: number | null;
  };
  goals: { importNode: boolean | null; viewerFirstPaint: boolean | null; applyCode: boolean | null; retrieval: boolean | null };
}

export function ratios(results: Pick<BenchResults, "node" | "chromiumImport">): BenchResults["ratios"] {
  const base = results.node?.mammoth.filesPerSec ?? null;
  const vs = (value: number | undefined): number | null => (base && value !== undefined ? value / base : null);
  const cpuBase = results.node?.mammoth.filesPerCpuSec ?? null;
  const vsCpu = (value: number | null | undefined): number | null => (cpuBase && value != null ? value / cpuBase : null);
  return {
    conversionVsMammoth: vs(results.node?.convert.filesPerSec),
    importNodeVsMammoth: vs(results.node?.importNode.filesPerSec),
    importChromiumVsMammoth: vs(results.chromiumImport?.filesPerSec),
    conversionVsMammothCpu: vsCpu(results.node?.convert.filesPerCpuSec),
    importNodeVsMammothCpu: vsCpu(results.node?.importNode.filesPerCpuSec),
  };
}

const int = (n: number): string => Math.round(n).toLocaleString("en-GB");
const fixed = (n: number, digits = 1): string => n.toFixed(digits);
const secs = (ms: number): string => `${fixed(ms / 1000, 1)} s`;
const x = (r: number | null): string => (r === null ? "–" : `${r.toFixed(2)}×`);
const quarters = (q: QuarterRates | null): string =>
  q === null
    ? ""
    : ` · ${fixed(q.firstQuarterFilesPerSec, 1)} files/s over the first quarter, ${fixed(q.lastQuarterFilesPerSec, 1)} over the last`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? "").length))) ?? [];
  return rows
    .map((row, r) => {
      const line = row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
      return r === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
    })
    .join("\n");
}

function throughputRow(label: string, t: Throughput, ratio: number | null, cpuRatio: number | null, note = ""): string[] {
  return [
    label,
    fixed(t.filesPerSec, 2),
    fixed(t.mbPerSec, 2),
    int(t.wordsPerSec),
    t.medianFileMs === null ? "–" : fixed(t.medianFileMs, 1),
    secs(t.ms),
    t.cpuMs === null ? "–" : secs(t.cpuMs),
    x(ratio),
    x(cpuRatio),
    note,
  ];
}

export function formatReport(results: BenchResults): string {
  const out: string[] = [];
  const env = results.environment;
  out.push(`Margin bench · ${results.date} · ${results.command}`);
  out.push(
    `Node ${env.node} · ${env.cpus} cores (${env.cpuModel}) · ${fixed(env.memoryGb, 0)} GB · commit ${env.commit ?? "?"}${env.dirtyTree ? " (+ uncommitted changes)" : ""}`,
  );
  const busy = Math.max(env.loadAverageStart, env.loadAverageEnd) > env.cpus;
  out.push(
    `Load average ${fixed(env.loadAverageStart, 1)} at the start, ${fixed(env.loadAverageEnd, 1)} at the end` +
      (busy ? ` — ABOVE ${env.cpus} cores: other processes competed for the CPU; trust the ratios more than the absolute numbers` : ""),
  );
  const c = results.corpus;
  if (c) {
    out.push(
      `1. Corpus: ${int(c.files)} files · ${int(c.words)} words · ${fixed(c.mb, 1)} MB · generated in ${secs(c.generationMs)}` +
        `${c.cached ? " (cached from an earlier run)" : ""} · ${c.dir}`,
    );
  }
  out.push("");

  const rows: string[][] = [["Row", "files/s", "MB/s", "words/s", "median ms/file", "wall", "CPU", "vs mammoth", "(by CPU)", "notes"]];
  const r = results.ratios;
  const n = results.node;
  if (n) {
    rows.push(
      throughputRow("2. Raw mammoth.convertToHtml (Node)", n.mammoth, 1, 1, `sequential; ${n.rounds} rounds interleaved with 3 and 4`),
    );
    rows.push(throughputRow("3. convertDocx (Node)", n.convert, r.conversionVsMammoth, r.conversionVsMammothCpu, "sequential"));
    const imp = n.importNode;
    const exact = r.importNodeVsMammothCpu === null ? "" : ` (${r.importNodeVsMammothCpu.toFixed(3)})`;
    const goal =
      results.goals.importNode === null ? "" : `GOAL ≥ ${IMPORT_GOAL.toFixed(2)} ${results.goals.importNode ? "met" : "MISSED"}${exact}`;
    rows.push(
      throughputRow(
        "4. runImport → IndexedDB (Node, fake-indexeddb)",
        imp,
        r.importNodeVsMammoth,
        r.importNodeVsMammothCpu,
        `${goal} by CPU; median = gap between commits`,
      ),
    );
  }
  const ci = results.chromiumImport;
  if (ci) {
    rows.push(
      throughputRow(
        `5. Import via UI (Chromium, ${ci.workers} workers)`,
        ci,
        r.importChromiumVsMammoth,
        null,
        "pool of min(4, cores) workers: can exceed 1×",
      ),
    );
  }
  if (rows.length > 1) out.push(table(rows));

  if (n) {
    const imp = n.importNode;
    out.push("");
    out.push(
      `   Node import: ${imp.counts.imported} imported, ${imp.counts.duplicates} duplicates, ${imp.counts.failed} failed · ` +
        `${fixed(((imp.cpuMs ?? Number.NaN) - (n.convert.cpuMs ?? Number.NaN)) / imp.files, 1)} ms/file more CPU than convertDocx alone · ` +
        `RSS ${fixed(imp.rssBeforeMb, 0)} MB before, peak ${fixed(imp.rssPeakMb, 0)} MB (heap peak ${fixed(imp.heapPeakMb, 0)} MB)` +
        quarters(imp.quarters),
    );
    if (imp.firstFailure) out.push(`   first file not imported: ${imp.firstFailure}`);
    const w = n.writesOnly;
    out.push(
      `   Writes only (runImport fed pre-converted sources, fake-indexeddb): ${fixed(w.ms / w.files, 1)} ms/file wall, ` +
        `${fixed((w.cpuMs ?? Number.NaN) / w.files, 1)} ms/file CPU (${w.counts.imported} imported) · ` +
        `for scale, convertDocx: ${fixed((n.convert.cpuMs ?? Number.NaN) / n.convert.files, 1)} ms/file CPU`,
    );
  }
  if (ci) {
    out.push(
      `   Chromium import: "${ci.statusText}"${quarters(ci.quarters)} · progress bar shown after ${fixed(ci.progressShownMs ?? Number.NaN, 0)} ms · ` +
        `hardwareConcurrency ${ci.hardwareConcurrency} · Chromium ${ci.browserVersion}` +
        (results.appBuildMs !== null ? ` · app build ${secs(results.appBuildMs)}` : ""),
    );
    const idb = ci.idb;
    out.push(
      `   IndexedDB reference (Chromium, 1 KB record): put+get median ${fixed(idb.putGetMs, 2)} ms (put ${fixed(idb.putMs, 2)}, get ${fixed(idb.getMs, 2)}); ` +
        `durability "strict" put+get ${fixed(idb.strictPutGetMs, 2)} ms; first (cold) ${fixed(idb.firstPutGetMs, 1)} ms; n=${idb.samples}`,
    );
  }

  const v = results.viewer;
  if (v) {
    out.push("");
    const what = `${path(v.file)}${v.synthetic ? " (SYNTHETIC transcript, not the real file)" : ""}`;
    if (!v.available) {
      out.push(`6. Viewer first paint: ${v.reason} · ${what}`);
    } else {
      const goal = v.medianMs < FIRST_PAINT_GOAL_MS ? "GOAL < 200 ms met" : "GOAL < 200 ms MISSED";
      out.push(
        `6. Viewer first paint: median ${fixed(v.medianMs, 0)} ms of ${v.opensMs.length} opens (${v.opensMs.map((ms) => fixed(ms, 0)).join(", ")} ms) · ${goal}`,
      );
      out.push(
        `   source: ${what}, ${v.chars === null ? "?" : int(v.chars)} characters, ${int(v.scroll.totalBlocks)} blocks · imported via UI in ${secs(v.importMs)}`,
      );
      const s = v.scroll;
      out.push(
        `   rendered block elements: ${v.renderedBlocksAtFirstPaint} at first paint, at most ${s.maxRenderedBlocks} while scrolling · ` +
          `scroll to end: ${s.frames} frames in ${secs(s.ms)}${s.reachedEnd ? "" : " (END NOT REACHED)"} · ` +
          `long tasks ${s.longTasks}, longest ${fixed(s.longestTaskMs, 0)} ms, total ${fixed(s.totalLongTaskMs, 0)} ms`,
      );
    }
  }

  if (results.coding) out.push("", ...codingSection(results.coding));

  out.push("");
  out.push(
    `Ratios (wall): conversion/mammoth ${x(r.conversionVsMammoth)}, import(node)/mammoth ${x(r.importNodeVsMammoth)}, ` +
      `import(chromium)/mammoth ${x(r.importChromiumVsMammoth)} (Chromium converts in a pool of min(4, cores) workers, so it can exceed 1×)`,
  );
  out.push(
    `Ratios (CPU time, Node): conversion/mammoth ${x(r.conversionVsMammothCpu)}, import(node)/mammoth ${x(r.importNodeVsMammothCpu)}`,
  );
  for (const [row, message] of Object.entries(results.errors)) out.push(`ERROR in ${row}: ${message}`);
  return out.join("\n");
}

function path(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.slice(-1)[0] ?? file;
}

/** "38 ms = 27× put+get": a time and the same time in units of the page's IndexedDB 1 KB put+get. */
function unit(ms: number, reference: number): string {
  return `${fixed(ms, ms < 10 ? 1 : 0)} ms = ${fixed(ms / reference, ms / reference < 10 ? 1 : 0)}× put+get`;
}

const list = (values: readonly number[]): string => values.map((v) => fixed(v, 0)).join(", ");

function codingSection(c: CodingResult): string[] {
  const s = c.seed;
  const ref = c.reference.putGetMs;
  const out: string[] = [];
  out.push(
    `Seed-scale project (rows 7-9): ${int(s.sources)} sources · ${int(s.words)} words · ${int(s.chars)} characters · ${int(s.codes)} codes · ` +
      `${int(s.codings)} codings by ${s.coders} coders · seeded straight into IndexedDB (version ${s.dbVersion}) in ${secs(s.ms)} · ` +
      `reload to the sources table ${fixed(c.reopenMs, 0)} ms · Chromium ${c.browserVersion}, profile on disk`,
  );
  out.push(
    `   IndexedDB reference (same page, 1 KB record): put+get median ${fixed(ref, 2)} ms (put ${fixed(c.reference.putMs, 2)}, get ${fixed(c.reference.getMs, 2)}); ` +
      `durability "strict" ${fixed(c.reference.strictPutGetMs, 2)} ms; first (cold) ${fixed(c.reference.firstPutGetMs, 1)} ms; n=${c.reference.samples}, spread over the ${c.rounds} rounds`,
  );
  const stripes = c.open.map((o) => o.stripesMs).filter((v): v is number => v !== null);
  out.push(
    `7. Open the long source (${int(s.big.chars)} characters, ${int(s.big.blocks)} blocks, ${int(s.big.codings)} codings): median ${unit(c.openMedianMs, ref)} ` +
      `(${list(c.open.map((o) => o.ms))} ms; first is cold; row 6's goal < ${FIRST_PAINT_GOAL_MS} ms ${c.openMedianMs < FIRST_PAINT_GOAL_MS ? "met" : "MISSED"}) · first stripe at median ${stripes.length ? fixed(median(stripes), 0) : "–"} ms`,
  );
  const total = c.apply.map((a) => Math.max(a.persistedMs, a.paintedMs));
  const savedAndVisible = c.apply.map((a) => Math.max(a.persistedMs, a.visibleMs));
  const goalApply = c.applyVisibleMedianMs < APPLY_GOAL_MS ? `GOAL < ${APPLY_GOAL_MS} ms met` : `GOAL < ${APPLY_GOAL_MS} ms MISSED`;
  out.push(
    `8. Apply a code (${c.applyPath === "palette" ? "Ctrl+K palette, Enter" : "codebook's Code selection button"}) on that source: saved and visible (the issue's "persisted, visible highlight") median ${unit(c.applyVisibleMedianMs, ref)} · ${goalApply} · all: ${list(savedAndVisible)} ms`,
  );
  out.push(
    `   conservative (saved, then two frames after highlight + stripe, the second carrying the palette closing): median ${unit(c.applyMedianMs, ref)}`,
  );
  out.push(
    `   saved (transaction complete) median ${unit(median(c.apply.map((a) => a.persistedMs)), ref)} · highlight ${fixed(median(c.apply.map((a) => a.highlightMs)), 0)} ms · ` +
      `stripe ${fixed(median(c.apply.map((a) => a.stripeMs)), 0)} ms · painted ${fixed(median(c.apply.map((a) => a.paintedMs)), 0)} ms · all: ${list(total)} ms · ` +
      `codings on the source after: ${int(c.bigCodingsAfter)}`,
  );
  out.push(
    `   inside "saved": write transaction begun at ${fixed(median(c.apply.map((a) => a.txBeginMs)), 0)} ms, coding added at ${fixed(median(c.apply.map((a) => a.addedMs)), 0)} ms · ` +
      `IndexedDB busy until ${fixed(median(c.apply.map((a) => a.busyMs)), 0)} ms after Enter (the app's live queries re-reading)`,
  );
  const goalRetrieval =
    c.retrievalMedianMs < RETRIEVAL_GOAL_MS ? `GOAL < ${RETRIEVAL_GOAL_MS} ms met` : `GOAL < ${RETRIEVAL_GOAL_MS} ms MISSED`;
  out.push(
    `9. Coded segments, tick the code with ${int(s.hot.codings)} codings: first row with its text painted, median ${unit(c.retrievalMedianMs, ref)} ` +
      `(${list(c.retrieval.map((r) => r.textMs))} ms) · ${goalRetrieval}`,
  );
  out.push(
    `   first row in the DOM (text still loading) median ${fixed(median(c.retrieval.map((r) => r.rowMs)), 0)} ms · ` +
      `segments listed: ${c.retrieval.map((r) => int(r.segments)).join(", ")}`,
  );
  return out;
}
