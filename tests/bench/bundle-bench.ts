/**
 * Bundle bench (issue 5): export (writeBundle) and import (readBundle + planMerge + applyMergePlan) of a
 * seed-scale project generated in memory — 1,000 sources (~8M words), 500 codes, 100,000 codings,
 * 5,000 memos — against `zip -6` + `age` (and `age -d` + `unzip`) on the same NDJSON content in the
 * same run. Reports the time ratios (goal ≤ 1.25×) and peak memory (RSS and heap high-water above
 * the baseline with the project loaded).
 *
 * Standalone:  npx esbuild tests/bench/bundle-bench.ts --bundle --platform=node --format=esm \
 *                --packages=external --outfile=.bench/bundle-bench.mjs && node --expose-gc .bench/bundle-bench.mjs [--sources N]
 * From tests/bench/main.ts: `await runBundleBench({ sources: options.files, seed: options.seed }, log)`.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatStamp } from "../../shared/clock/hlc";
import { generateIdentity, readBundle, writeBundle, type BundleInfo } from "../../shared/bundle";
import { nodeChunkOpener, nodeSha256 } from "../../cli/keys";
import { webCryptoSha256 } from "../../renderer/exchange/workerSha256";
import { applyMergePlan, planMerge } from "../../shared/merge";
import type { CodeRecord, CodingRecord, MemoRecord, SourceContentRecord, SourceRecord } from "../../shared/model/records";
import { emptyProjectTables, PROJECT_TABLE_NAMES, type ProjectTables } from "../../shared/model/tables";
import { rng } from "../fixtures/docx/synthetic";

export interface BundleBenchOptions {
  sources: number;
  seed?: number;
  /** Import rounds (Margin and the reference alternating); default 5. */
  rounds?: number;
}

export interface BundleBenchResult {
  project: { sources: number; chars: number; words: number; codes: number; codings: number; memos: number; ndjsonBytes: number };
  bundleBytes: number;
  exportMs: number;
  referenceExportMs: number;
  exportRatio: number;
  /** CPU-time ratio: steadier than wall time on a shared machine. */
  exportCpu: { ms: number; referenceMs: number; ratio: number };
  importCpu: { ms: number; referenceMs: number; ratio: number };
  importMs: { read: number; plan: number; apply: number; total: number };
  referenceImportMs: number;
  importRatio: number;
  /** The same import with the app worker's portable cipher and WebCrypto hashing (no native ChaCha20 in browsers). */
  appImport: { read: number; planAndApply: number; total: number; referenceMs: number; ratio: number };
  /** Round 1 (cold, as above) and the alternating rounds after it: Margin's and the reference's times and their ratios. */
  importRounds: { margin: number[]; reference: number[]; ratios: number[]; medianRatio: number };
  peak: { baselineRssMb: number; exportRssMb: number; exportHeapMb: number; importRssMb: number; importHeapMb: number };
}

const WORDS = (
  "the a and to of in that it was we they patients staff ward system record team care nurse doctor shared access time " +
  "information discharge community GP practice training clinical safety change digital workaround handover letter " +
  "portal app referral appointment manager programme rollout pharmacy results data login screen delay support"
).split(" ");

// Ids padded so every table is in id order, as the app reads it from IndexedDB (primary-key order, and
// real ids are time-ordered UUIDv7) and writes it into bundles.
const codeId = (i: number) => `code-${String(i).padStart(3, "0")}`;
const coderId = (i: number) => `coder-${String(i).padStart(2, "0")}`;

/** The seed-scale project, deterministic for a seed. */
export function seedTables(sourceCount: number, seed = 7): ProjectTables {
  const random = rng(seed);
  const t = emptyProjectTables();
  const stamp = (n: number, node = "benchnode") => formatStamp({ wallTime: 1_790_000_000_000 + n, counter: 0, node });
  const meta = (id: string, n: number, by = coderId(1)) => ({
    id,
    createdAt: "2026-11-26T10:00:00.000Z",
    updatedAt: stamp(n),
    updatedBy: by,
    deleted: false,
  });
  let n = 0;
  const lengths: number[] = [];
  for (let i = 0; i < sourceCount; i++) {
    const words = 6000 + Math.floor(random() * 4000);
    const parts: string[] = [];
    const blocks: SourceContentRecord["blocks"] = [];
    let at = 0;
    let para: string[] = [];
    for (let w = 0; w < words; w++) {
      para.push(WORDS[Math.floor(random() * WORDS.length)] ?? "the");
      if (para.length >= 60 + Math.floor(random() * 80) || w === words - 1) {
        const text = para.join(" ") + ".";
        blocks.push({ kind: "paragraph", start: at, end: at + text.length } as SourceContentRecord["blocks"][number]);
        parts.push(text);
        at += text.length + 1;
        para = [];
      }
    }
    const text = parts.join("\n");
    const id = `src-${String(i).padStart(5, "0")}`;
    const source: SourceRecord = {
      ...meta(id, n++),
      name: `Interview ${i + 1}`,
      kind: "interview",
      fileName: `${id}.docx`,
      format: "docx",
      importedAt: "2026-11-26T10:00:00.000Z",
      charCount: text.length,
      wordCount: words,
      contentHash: createHash("sha256").update(text, "utf8").digest("hex"),
      caseIds: [],
      memo: "",
    };
    t.sources.push(source);
    t.sourceContent.push({ id, text, blocks, marks: [], turns: [], timestamps: [], warnings: [] });
    lengths.push(text.length);
  }
  for (let i = 0; i < 500; i++) {
    const code: CodeRecord = {
      ...meta(codeId(i), n++),
      parentId: i < 20 ? null : codeId(i % 20),
      name: `Code ${i}`,
      description: "Definition: something.",
      colour: "#0072B2",
      order: i,
      isCategory: i < 20,
    };
    t.codes.push(code);
  }
  for (let i = 0; i < 100_000; i++) {
    const s = Math.floor(random() * sourceCount);
    const len = lengths[s] ?? 1000;
    const start = Math.floor(random() * Math.max(1, len - 400));
    const coding: CodingRecord = {
      ...meta(`coding-${String(i).padStart(6, "0")}`, n++, coderId(1 + (i % 10))),
      sourceId: `src-${String(s).padStart(5, "0")}`,
      codeId: codeId(20 + Math.floor(random() * 480)),
      start,
      end: start + 20 + Math.floor(random() * 380),
      coderId: coderId(1 + (i % 10)),
      note: "",
    };
    t.codings.push(coding);
  }
  for (let i = 0; i < 5000; i++) {
    const memo: MemoRecord = {
      ...meta(`memo-${String(i).padStart(4, "0")}`, n++),
      targetKind: "code",
      targetId: codeId(i % 500),
      title: `Memo ${i}`,
      body: "A thought about this code. ".repeat(8),
      authorId: coderId(1),
    };
    t.memos.push(memo);
  }
  for (let i = 1; i <= 10; i++)
    t.coders.push({ ...meta(coderId(i), n++), name: `Coder ${i}`, initials: `C${i}`, colour: "#D55E00", publicKey: null });
  return t;
}

/** High-water marks of RSS and heap, sampled on a timer and whenever the code under test reports progress. */
class PeakMeter {
  rss = 0;
  heap = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  sample = (): void => {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heap) this.heap = m.heapUsed;
  };
  start(): void {
    this.rss = 0;
    this.heap = 0;
    this.sample();
    this.timer = setInterval(this.sample, 5);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Runs a shell line; returns wall time and the CPU time (user + sys) of its child processes, from bash's `times`. */
export function shell(line: string, cwd?: string): { ms: number; cpuMs: number } {
  const t0 = performance.now();
  const out = execFileSync("bash", ["-c", `set -e; ${line}; times`], { cwd, encoding: "utf8" });
  const ms = performance.now() - t0;
  // `times` prints two lines (shell, then children): "0m1.234s 0m0.056s".
  const children = out.trim().split("\n").at(-1) ?? "";
  const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { ms, cpuMs: (secs.reduce((a, b) => a + b, 0) || Number.NaN) * 1000 };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

export async function runBundleBench(options: BundleBenchOptions, log: (line: string) => void = console.log): Promise<BundleBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "margin-bundle-bench-"));
  try {
    log(`bundle bench: generating ${options.sources} sources…`);
    const tables = seedTables(options.sources, options.seed ?? 7);
    const chars = tables.sourceContent.reduce((s, c) => s + c.text.length, 0);
    const words = tables.sources.reduce((s, c) => s + c.wordCount, 0);
    const keys = await generateIdentity();
    writeFileSync(path.join(dir, "key.txt"), `${keys.identity}\n`);
    const info: BundleInfo = {
      projectId: "bench",
      projectName: "Seed-scale bench",
      exporter: { coderId: coderId(1), name: "Coder 1" },
      kind: "whole",
      since: null,
    };

    // The reference input: exactly the NDJSON Margin packs, as files, for zip + age.
    const ref = path.join(dir, "ref");
    mkdirSync(path.join(ref, "tables"), { recursive: true });
    let ndjsonBytes = 0;
    for (const t of PROJECT_TABLE_NAMES) {
      const text = (tables[t] as unknown[]).map((r) => JSON.stringify(r) + "\n").join("");
      ndjsonBytes += Buffer.byteLength(text);
      writeFileSync(path.join(ref, "tables", `${t}.ndjson`), text);
    }
    writeFileSync(path.join(ref, "manifest.json"), "{}\n");
    gc();
    // The project the bundle is merged into, as the app has it: read from IndexedDB without the
    // transcripts' text (structured clone, so flat strings like Dexie's, not the generator's cons strings),
    // with 90% of the codings and 1% of the codes edited locally.
    const local: ProjectTables = structuredClone({
      ...tables,
      sourceContent: [],
      codings: tables.codings.slice(0, 90_000),
      codes: tables.codes.map((c, i) =>
        i % 100 === 0
          ? {
              ...c,
              name: `${c.name} (edited)`,
              updatedAt: formatStamp({ wallTime: 1_790_100_000_000, counter: i, node: "localnode" }),
              updatedBy: "coder-2",
            }
          : c,
      ),
    });
    const haveText = tables.sourceContent.map((c) => c.id);
    gc();
    const baseline = process.memoryUsage().rss;
    const meter = new PeakMeter();

    // Export: the reference, then Margin, in the same run (the reference first, so its disk writes are
    // not still being flushed while Margin's import rounds below are timed).
    const refExport = shell(
      `zip -q -r -6 '${dir}/ref.zip' manifest.json tables; age -r ${keys.recipient} -o '${dir}/ref.age' '${dir}/ref.zip'`,
      ref,
    );
    const referenceExportMs = refExport.ms;
    gc();
    meter.start();
    let bundle: Uint8Array = new Uint8Array(0);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    bundle = await writeBundle(tables, info, { recipients: [keys.recipient] }, meter.sample, { hasher: nodeSha256 });
    const exportMs = performance.now() - t0;
    const exportCpuMs = cpuMs(c0);
    meter.stop();
    const exportPeak = { rss: meter.rss, heap: meter.heap };
    writeFileSync(path.join(dir, "bench.margin"), bundle);
    const bundleBytes = bundle.length;
    log(`  export: Margin ${exportMs.toFixed(0)} ms, zip+age ${referenceExportMs.toFixed(0)} ms, bundle ${mb(bundleBytes)} MB`);

    // Import into `local` (above): a project that has 90% of it.
    bundle = new Uint8Array(0);
    gc();
    const bytes = readFileSync(path.join(dir, "bench.margin"));
    // As the app and the CLI read a bundle of the open project: transcripts it already has are not parsed.
    const skipContent = { projectId: info.projectId, sourceIds: new Set(haveText) };
    const mergeStamp = { stamp: () => formatStamp({ wallTime: 1_790_200_000_000, counter: 0, node: "merger" }), coderId: coderId(1) };

    /** One import+merge as the CLI does it (native cipher and hash), timed in phases. */
    const importOnce = async (sample?: () => void) => {
      const r0 = performance.now();
      const c0 = process.cpuUsage();
      const opened = await readBundle(
        bytes,
        { identities: [keys.identity] },
        { hasher: nodeSha256, chunkOpener: nodeChunkOpener, skipContent, ...(sample ? { onProgress: sample } : {}) },
      );
      const r1 = performance.now();
      const plan = planMerge(local, opened.tables, { lastExchangeAt: null });
      sample?.();
      const r2 = performance.now();
      const applied = applyMergePlan(local, plan, {}, mergeStamp);
      const r3 = performance.now();
      if (applied.puts.codings.length !== 10_000) throw new Error(`expected 10,000 new codings, got ${applied.puts.codings.length}`);
      return { read: r1 - r0, plan: r2 - r1, apply: r3 - r2, total: r3 - r0, cpuMs: cpuMs(c0) };
    };
    // Each reference round unpacks into an empty folder (removed before the clock starts), as the first did.
    const referenceOnce = () => {
      rmSync(path.join(dir, "out"), { recursive: true, force: true });
      rmSync(path.join(dir, "out.zip"), { force: true });
      return shell(`age -d -i '${dir}/key.txt' -o '${dir}/out.zip' '${dir}/ref.age'; unzip -q -o '${dir}/out.zip' -d '${dir}/out'`);
    };

    // Round 1 is the process's first import, as the CLI's and the app's one-bundle worker always are
    // (cold: nothing of the reader compiled yet). It runs without memory sampling; a separate pass after
    // the timed rounds measures peak memory. Margin and the reference alternate, so load changes hit both.
    const rounds = Math.max(1, options.rounds ?? 5);
    const margin: Awaited<ReturnType<typeof importOnce>>[] = [];
    const reference: { ms: number; cpuMs: number }[] = [];
    for (let i = 0; i < rounds; i++) {
      gc();
      margin.push(await importOnce());
      reference.push(referenceOnce());
    }
    gc();
    meter.start();
    await importOnce(meter.sample);
    meter.stop();
    const importPeak = { rss: meter.rss, heap: meter.heap };
    const cold = margin[0] as Awaited<ReturnType<typeof importOnce>>;
    const coldRef = reference[0] as { ms: number; cpuMs: number };
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((x, y) => x - y);
      return sorted[Math.floor((sorted.length - 1) / 2)] as number;
    };
    const ratios = margin.map((m, i) => m.total / (reference[i] as { ms: number }).ms);
    const importMs = { read: cold.read, plan: cold.plan, apply: cold.apply, total: cold.total };
    const referenceImportMs = coldRef.ms;
    log(
      `  import (round 1, cold): Margin read ${cold.read.toFixed(0)} + plan ${cold.plan.toFixed(0)} + apply ${cold.apply.toFixed(0)} ms; age -d + unzip ${coldRef.ms.toFixed(0)} ms`,
    );
    log(
      `  import, ${rounds} alternating rounds: Margin ${margin.map((m) => m.total.toFixed(0)).join(", ")} ms; age -d + unzip ${reference.map((r) => r.ms.toFixed(0)).join(", ")} ms; ` +
        `ratios ${ratios.map((r) => r.toFixed(2)).join(", ")} (median ${median(ratios).toFixed(2)}×)`,
    );

    // The app's bundle worker has no native ChaCha20-Poly1305 (browsers offer none): the portable
    // cipher and WebCrypto's SHA-256, as renderer/exchange/bundle.worker.ts passes them.
    gc();
    const a0 = performance.now();
    const appOpened = await readBundle(bytes, { identities: [keys.identity] }, { hasher: webCryptoSha256(), skipContent });
    const a1 = performance.now();
    const appPlan = planMerge(local, appOpened.tables, { lastExchangeAt: null });
    const appApplied = applyMergePlan(local, appPlan, {}, mergeStamp);
    const a2 = performance.now();
    if (appApplied.puts.codings.length !== 10_000)
      throw new Error(`app path: expected 10,000 new codings, got ${appApplied.puts.codings.length}`);
    const appRef = referenceOnce();
    const appImportMs = { read: a1 - a0, planAndApply: a2 - a1, total: a2 - a0 };
    log(
      `  import, app's portable cipher: read ${appImportMs.read.toFixed(0)} + plan and apply ${appImportMs.planAndApply.toFixed(0)} ms; age -d + unzip ${appRef.ms.toFixed(0)} ms: ${(appImportMs.total / appRef.ms).toFixed(2)}×`,
    );

    const result: BundleBenchResult = {
      project: {
        sources: tables.sources.length,
        chars,
        words,
        codes: tables.codes.length,
        codings: tables.codings.length,
        memos: tables.memos.length,
        ndjsonBytes,
      },
      bundleBytes,
      exportMs,
      referenceExportMs,
      exportRatio: exportMs / referenceExportMs,
      exportCpu: { ms: exportCpuMs, referenceMs: refExport.cpuMs, ratio: exportCpuMs / refExport.cpuMs },
      importCpu: { ms: cold.cpuMs, referenceMs: coldRef.cpuMs, ratio: cold.cpuMs / coldRef.cpuMs },
      importMs,
      referenceImportMs,
      importRatio: importMs.total / referenceImportMs,
      importRounds: { margin: margin.map((m) => m.total), reference: reference.map((r) => r.ms), ratios, medianRatio: median(ratios) },
      appImport: { ...appImportMs, referenceMs: appRef.ms, ratio: appImportMs.total / appRef.ms },
      peak: {
        baselineRssMb: mb(baseline),
        exportRssMb: mb(exportPeak.rss - baseline),
        exportHeapMb: mb(exportPeak.heap),
        importRssMb: mb(importPeak.rss - baseline),
        importHeapMb: mb(importPeak.heap),
      },
    };
    log(
      `  ratios (Margin / reference, lower is better; goal ≤ 1.25×): export ${result.exportRatio.toFixed(2)}× wall, ${result.exportCpu.ratio.toFixed(2)}× CPU; ` +
        `import+merge ${result.importRatio.toFixed(2)}× wall, ${result.importCpu.ratio.toFixed(2)}× CPU (round 1), median of ${rounds} rounds ${result.importRounds.medianRatio.toFixed(2)}× wall\n` +
        `  peak memory above the loaded project (${result.peak.baselineRssMb} MB RSS): export +${result.peak.exportRssMb} MB RSS (heap high-water ${result.peak.exportHeapMb} MB), ` +
        `import +${result.peak.importRssMb} MB RSS (heap high-water ${result.peak.importHeapMb} MB); NDJSON ${mb(ndjsonBytes)} MB`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function isEntryPoint(): boolean {
  try {
    // Only when this file itself was built and run, not when bundled into tests/bench/main.ts.
    const self = realpathSync(fileURLToPath(import.meta.url));
    return !!process.argv[1] && path.basename(self).startsWith("bundle-bench") && realpathSync(process.argv[1]) === self;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const i = process.argv.indexOf("--sources");
  const sources = i > 0 ? Number(process.argv[i + 1]) : 1000;
  const r = process.argv.indexOf("--rounds");
  runBundleBench({ sources, ...(r > 0 ? { rounds: Number(process.argv[r + 1]) } : {}) }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
