/**
 * Node rows: raw mammoth, the project's converter (convertDocx) and the full import pipeline
 * (runImport → addConvertedSource) into IndexedDB on fake-indexeddb — all on the same in-memory bytes.
 */
import "fake-indexeddb/auto";
import { readFile } from "node:fs/promises";
import mammoth from "mammoth";
import { convertDocx, convertFile, ImportError } from "../../shared/import";
import { saveProfile } from "../../renderer/db/profile";
import { createProject, openProject, type OpenProject } from "../../renderer/db/projects";
import type { PickedFile } from "../../renderer/host/host";
import type { ConversionResult, Converter } from "../../renderer/sources/import/conversionPool";
import { runImport, type ImportOutcome } from "../../renderer/sources/import/runImport";
import type { ConvertedSource } from "../../shared/import/types";
import { freshIndexedDb } from "../unit/renderer/db/helpers";
import type { Corpus } from "./corpus";
import { quarterRates, throughput, type QuarterRates, type Throughput } from "./report";

export interface ImportCounts {
  imported: number;
  duplicates: number;
  failed: number;
  cancelled: number;
}

export interface NodeResults {
  warmupFiles: number;
  /** Rows 2-4 ran interleaved in this many rounds (see runNodeBench). */
  rounds: number;
  mammoth: Throughput;
  convert: Throughput & { convertedWords: number; convertedChars: number };
  importNode: Throughput & {
    counts: ImportCounts;
    rssBeforeMb: number;
    rssPeakMb: number;
    heapPeakMb: number;
    firstFailure: string | null;
    quarters: QuarterRates | null;
  };
  /** runImport fed with the sources row 3 converted: the pipeline and IndexedDB writes without conversion. */
  writesOnly: Throughput & { counts: ImportCounts };
}

interface Loaded {
  name: string;
  bytes: Uint8Array;
  words: number;
}

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
};

async function loadAll(corpus: Corpus): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const item of corpus.items) {
    // A copy that owns its ArrayBuffer exactly, like File.arrayBuffer() in the browser.
    loaded.push({ name: item.name, bytes: new Uint8Array(await readFile(item.path)), words: item.words });
  }
  return loaded;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The converter runImport gets in Node: one lane, convertFile in-process (no worker, no structured clone). */
function inProcessConverter(): Converter {
  return {
    size: 1,
    async convert(fileName: string, bytes: Uint8Array): Promise<ConversionResult> {
      try {
        return { ok: true, source: await convertFile(bytes, fileName) };
      } catch (error) {
        if (error instanceof ImportError) {
          return { ok: false, error: { name: "ImportError", fileName, reason: error.reason, message: error.message } };
        }
        throw error;
      }
    },
    dispose() {},
  };
}

/** Hands back sources converted earlier: runImport then measures the pipeline and IndexedDB alone. */
function preconvertedConverter(sources: Map<string, ConvertedSource>): Converter {
  return {
    size: 1,
    async convert(fileName: string): Promise<ConversionResult> {
      const source = sources.get(fileName);
      if (!source) throw new Error(`${fileName} was not converted`);
      return { ok: true, source };
    },
    dispose() {},
  };
}

async function freshProject(): Promise<OpenProject> {
  freshIndexedDb();
  const profile = await saveProfile({ name: "Bench Coder", initials: "BC" });
  const entry = await createProject("Import bench", profile);
  return openProject(entry.id, profile);
}

function tally(outcomes: ImportOutcome[]): ImportCounts {
  const counts: ImportCounts = { imported: 0, duplicates: 0, failed: 0, cancelled: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === "imported") counts.imported += 1;
    else if (outcome.status === "duplicate") counts.duplicates += 1;
    else if (outcome.status === "failed") counts.failed += 1;
    else counts.cancelled += 1;
  }
  return counts;
}

function mb(bytes: number): number {
  return bytes / (1024 * 1024);
}

/** Rounds the corpus is split into; each round runs the three rows on its slice, in rotating order. */
const ROUNDS = 8;
type Phase = "mammoth" | "convert" | "import";
const PHASES: Phase[] = ["mammoth", "convert", "import"];

/**
 * Rows 2-4 are interleaved: the corpus is cut into ROUNDS slices and each slice goes through raw
 * mammoth, convertDocx and runImport (rotating which goes first), all imports landing in the SAME
 * fresh project. Machine noise and JIT/GC drift then hit the three rows alike, which keeps the
 * ratios steady on a noisy machine; the project still grows to the full corpus.
 */
export async function runNodeBench(corpus: Corpus, log: (line: string) => void): Promise<NodeResults> {
  const files = await loadAll(corpus);
  const totalBytes = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  const totalWords = files.reduce((sum, f) => sum + f.words, 0);
  const picked = new Map<string, PickedFile>(
    files.map((file) => [
      file.name,
      { name: file.name, path: file.name, size: file.bytes.byteLength, bytes: async () => file.bytes.slice() },
    ]),
  );
  const pick = (slice: Loaded[]): PickedFile[] =>
    slice.map((file) => picked.get(file.name)).filter((f): f is PickedFile => f !== undefined);

  // JIT warm-up through all three paths (a throwaway project for the import), untimed.
  const warmup = files.slice(0, Math.min(10, files.length));
  for (const file of warmup) {
    await mammoth.convertToHtml({ buffer: asBuffer(file.bytes) });
    await convertDocx(file.bytes, file.name);
  }
  const scratch = await freshProject();
  await runImport({ project: scratch, files: pick(warmup), kind: "interview", converter: inProcessConverter() });
  scratch.db.close();

  const project = await freshProject();
  const converter = inProcessConverter();
  let importing = false;
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let heapPeak = process.memoryUsage().heapUsed;
  const sample = (): void => {
    if (!importing) return;
    const usage = process.memoryUsage();
    rssPeak = Math.max(rssPeak, usage.rss);
    heapPeak = Math.max(heapPeak, usage.heapUsed);
  };
  const sampler = setInterval(sample, 25);

  const mammothPerFile: number[] = [];
  const convertPerFile: number[] = [];
  let mammothMs = 0;
  let convertMs = 0;
  let importMs = 0;
  const cpu: Record<Phase, number> = { mammoth: 0, convert: 0, import: 0 };
  /** When each imported file committed, in cumulative import time. */
  const doneAt: number[] = [];
  const outcomes: ImportOutcome[] = [];
  const converted = new Map<string, ConvertedSource>();
  let convertedWords = 0;
  let convertedChars = 0;
  const size = Math.ceil(files.length / ROUNDS);
  log(`Node rows 2-4: ${Math.ceil(files.length / size)} interleaved rounds of ${size} files (mammoth, convertDocx, runImport) …`);

  for (let round = 0; round * size < files.length; round++) {
    const slice = files.slice(round * size, (round + 1) * size);
    for (const phase of [...PHASES.slice(round % 3), ...PHASES.slice(0, round % 3)]) {
      gc();
      const cpu0 = process.cpuUsage();
      if (phase === "mammoth") {
        for (const file of slice) {
          const t0 = performance.now();
          await mammoth.convertToHtml({ buffer: asBuffer(file.bytes) });
          const ms = performance.now() - t0;
          mammothPerFile.push(ms);
          mammothMs += ms;
        }
      } else if (phase === "convert") {
        for (const file of slice) {
          const t0 = performance.now();
          const source = await convertDocx(file.bytes, file.name);
          const ms = performance.now() - t0;
          convertPerFile.push(ms);
          convertMs += ms;
          convertedWords += source.wordCount;
          convertedChars += source.charCount;
          converted.set(file.name, source);
        }
      } else {
        importing = true;
        const base = importMs;
        let lastDone = 0;
        const t0 = performance.now();
        const result = await runImport({
          project,
          files: pick(slice),
          kind: "interview",
          converter,
          onProgress: (progress) => {
            if (progress.done <= lastDone) return;
            lastDone = progress.done;
            doneAt.push(base + performance.now() - t0);
            sample();
          },
        });
        importMs += performance.now() - t0;
        importing = false;
        outcomes.push(...result);
      }
      const used = process.cpuUsage(cpu0);
      cpu[phase] += (used.user + used.system) / 1000;
    }
  }
  clearInterval(sampler);
  project.db.close();
  const importPerFile = doneAt.map((t, i) => t - (i === 0 ? 0 : (doneAt[i - 1] ?? 0)));

  gc();
  log(`runImport with pre-converted sources (IndexedDB writes only) …`);
  const writesProject = await freshProject();
  const writesStarted = performance.now();
  const writesCpu0 = process.cpuUsage();
  const writesOutcomes = await runImport({
    project: writesProject,
    files: pick(files),
    kind: "interview",
    converter: preconvertedConverter(converted),
  });
  const writesMs = performance.now() - writesStarted;
  const writesCpu = process.cpuUsage(writesCpu0);
  writesProject.db.close();
  freshIndexedDb();

  const failure = outcomes.find((o) => o.status !== "imported");
  return {
    warmupFiles: warmup.length,
    rounds: Math.ceil(files.length / size),
    mammoth: throughput(files.length, totalBytes, totalWords, mammothMs, mammothPerFile, cpu.mammoth),
    convert: {
      ...throughput(files.length, totalBytes, totalWords, convertMs, convertPerFile, cpu.convert),
      convertedWords,
      convertedChars,
    },
    importNode: {
      ...throughput(files.length, totalBytes, totalWords, importMs, importPerFile, cpu.import),
      counts: tally(outcomes),
      rssBeforeMb: mb(rssBefore),
      rssPeakMb: mb(rssPeak),
      heapPeakMb: mb(heapPeak),
      firstFailure: failure ? `${failure.fileName}: ${failure.status} — ${failure.message ?? ""}` : null,
      quarters: quarterRates(doneAt),
    },
    writesOnly: {
      ...throughput(files.length, totalBytes, totalWords, writesMs, [], (writesCpu.user + writesCpu.system) / 1000),
      counts: tally(writesOutcomes),
    },
  };
}
