/**
 * The benchmark corpus: N synthetic interview transcripts as .docx, generated deterministically from a
 * seed and cached in `.bench/corpus-<files>-<seed>/` (with a manifest.json written last, so a run that
 * was interrupted half-way is regenerated rather than trusted).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeSyntheticInterview, rng, syntheticInterviewDocx, syntheticInterviewText } from "../fixtures/docx/synthetic";

/** Bump when the generator's output changes, so old caches are not reused. */
const CORPUS_VERSION = 1;

export interface CorpusOptions {
  files: number;
  seed: number;
  minWords: number;
  maxWords: number;
}

export interface CorpusFile {
  name: string;
  path: string;
  bytes: number;
  /** Words of the whole document text (title, preamble, labels, timestamps and speech). */
  words: number;
  /** Seed of makeSyntheticInterview for this file. */
  seed: number;
}

interface Manifest extends CorpusOptions {
  version: number;
  generatedAt: string;
  generationMs: number;
  items: CorpusFile[];
}

export interface Corpus extends CorpusOptions {
  dir: string;
  items: CorpusFile[];
  totalBytes: number;
  totalWords: number;
  /** Time it took to generate (measured when it was generated, even if this run reused the cache). */
  generationMs: number;
  /** True if this run reused the cache in .bench/. */
  cached: boolean;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const SITES = ["A", "B", "C", "D", "E"];

/** File i of the corpus: its name, interview seed and target length, all from the corpus seed. */
function plan(options: CorpusOptions): { name: string; seed: number; words: number }[] {
  const random = rng(options.seed);
  const span = options.maxWords - options.minWords + 1;
  return Array.from({ length: options.files }, (_, i) => {
    const words = options.minWords + Math.floor(random() * span);
    const seed = (options.seed * 100_003 + i * 7_919 + 1) >>> 0;
    const name = `Site${SITES[i % SITES.length] ?? "A"}_P${String(i + 1).padStart(4, "0")}.docx`;
    return { name, seed, words };
  });
}

export function corpusDir(benchDir: string, options: CorpusOptions): string {
  return path.join(benchDir, `corpus-${options.files}-${options.seed}`);
}

async function readManifest(dir: string): Promise<Manifest | null> {
  const file = path.join(dir, "manifest.json");
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(await readFile(file, "utf8")) as Manifest;
  } catch {
    return null;
  }
}

function matches(manifest: Manifest, options: CorpusOptions): boolean {
  return (
    manifest.version === CORPUS_VERSION &&
    manifest.files === options.files &&
    manifest.seed === options.seed &&
    manifest.minWords === options.minWords &&
    manifest.maxWords === options.maxWords &&
    manifest.items.length === options.files &&
    manifest.items.every((item) => existsSync(item.path))
  );
}

function toCorpus(dir: string, manifest: Manifest, cached: boolean): Corpus {
  return {
    files: manifest.files,
    seed: manifest.seed,
    minWords: manifest.minWords,
    maxWords: manifest.maxWords,
    dir,
    items: manifest.items,
    totalBytes: manifest.items.reduce((sum, item) => sum + item.bytes, 0),
    totalWords: manifest.items.reduce((sum, item) => sum + item.words, 0),
    generationMs: manifest.generationMs,
    cached,
  };
}

/** The cached corpus if it matches these options, else a freshly generated one. */
export async function loadOrGenerateCorpus(benchDir: string, options: CorpusOptions, log: (line: string) => void): Promise<Corpus> {
  const dir = corpusDir(benchDir, options);
  const existing = await readManifest(dir);
  if (existing && matches(existing, options)) return toCorpus(dir, existing, true);

  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  log(`Generating ${options.files} transcripts (${options.minWords}-${options.maxWords} words, seed ${options.seed}) in ${dir} …`);
  const started = performance.now();
  const items: CorpusFile[] = [];
  const planned = plan(options);
  for (const [i, file] of planned.entries()) {
    const interview = makeSyntheticInterview(file.seed, file.words);
    const bytes = await syntheticInterviewDocx(interview);
    const filePath = path.join(dir, file.name);
    await writeFile(filePath, bytes);
    items.push({
      name: file.name,
      path: filePath,
      bytes: bytes.length,
      words: countWords(syntheticInterviewText(interview)),
      seed: file.seed,
    });
    if ((i + 1) % 100 === 0 && i + 1 < planned.length) log(`  ${i + 1} / ${planned.length}`);
  }
  const manifest: Manifest = {
    ...options,
    version: CORPUS_VERSION,
    generatedAt: new Date().toISOString(),
    generationMs: performance.now() - started,
    items,
  };
  await writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 1));
  return toCorpus(dir, manifest, false);
}

/** ~`chars` characters of synthetic transcript as .docx, for the viewer bench when the real file is missing. */
export async function syntheticLongDocx(benchDir: string, chars = 600_000): Promise<{ path: string; chars: number }> {
  // The generator writes ~6.5 characters per spoken word.
  const interview = makeSyntheticInterview(600_600, Math.round(chars / 6.5));
  const text = syntheticInterviewText(interview);
  const filePath = path.join(benchDir, "viewer-synthetic-600k.docx");
  if (!existsSync(filePath)) {
    await mkdir(benchDir, { recursive: true });
    await writeFile(filePath, await syntheticInterviewDocx(interview));
  }
  return { path: filePath, chars: text.length };
}
