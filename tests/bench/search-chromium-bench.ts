/**
 * Search rows (issue 16), in Chromium on the seed-scale project (`npm run bench -- --only search
 * --files 1000`): the app's corpus worker (renderer/search/) driven through its client from a page of the
 * app's origin (tests/bench/search-page/, built beside the app), against ripgrep over the same texts
 * written to files in the same run.
 *   - open: from sync to every source loaded and indexed; the longest main-thread task meanwhile;
 *   - per query kind: from the worker request to the first screen (the partial answer) and to the full
 *     answer with every row and the count; ripgrep's time (process start included) and the ratio;
 *   - the index built on the page's thread: build time, an estimate of its memory; importing 10 sources;
 *   - a pathological regular expression: stopped with a message, frames painted meanwhile, the index kept;
 *   - autocoding 300 hits to speaker turns with the app's renderer/db/autocode.ts: preview and apply.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { freshProjectPage, launchChromium, run } from "./chromium-app";
import { median } from "./report";
import { seedProject } from "./seed-project";

/** The page's API (tests/bench/search-page/main.ts), as far as the bench calls it. */
interface SearchTiming {
  firstMs: number;
  fullMs: number;
  total: number;
  rows: number;
  stopped: boolean;
  message: string | null;
}

export interface QueryRow {
  kind: string;
  query: string;
  regex: boolean;
  margin: { hits: number; firstMs: number; fullMs: number; runs: SearchTiming[] };
  ripgrep: { pattern: string; matches: number; ms: number; runs: number[] };
  /** Margin's full answer time over ripgrep's. */
  ratio: number;
}

export interface SearchBenchResult {
  sources: number;
  words: number;
  chars: number;
  open: { loadMs: number; longestTaskMs: number };
  queries: QueryRow[];
  index: {
    buildMs: number;
    compactMs: number;
    estimate: { sources: number; characters: number; words: number; positions: number; bytes: number };
  };
  importTen: { syncMs: number; found: number; searchMs: number };
  pathological: { ms: number; message: string | null; frames: number; longestTaskMs: number; nurseAfterMs: number; nurseTotal: number };
  autocode: { hits: number; ranges: number; previewMs: number; applyMs: number; created: number; previewCreates: number };
}

const QUERIES: { kind: string; query: string; regex: boolean; rg: string }[] = [
  { kind: "common word", query: "nurse", regex: false, rg: "nurse" },
  { kind: "rare word", query: "group", regex: false, rg: "group" },
  { kind: "phrase", query: '"the ward"', regex: false, rg: "the\\s+ward" },
  { kind: "prefix", query: "pharm*", regex: false, rg: "\\bpharm\\w*" },
  { kind: "regex", query: "\\bhandover (care|plan)\\b", regex: true, rg: "\\bhandover (care|plan)\\b" },
];
const ROUNDS = 3;

type Bench = Record<string, (...args: never[]) => Promise<unknown>>;
function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ({ name, args }) => (window as unknown as { searchBench: Bench }).searchBench[name]?.(...(args as never[])) as Promise<T>,
    { name, args },
  );
}

/** Builds the bench page into the app's folder (same origin: it reads the seeded project). */
export function buildSearchPage(root: string): (outDir: string) => Promise<void> {
  return (outDir) =>
    run(
      "npx",
      [
        "vite",
        "build",
        "--config",
        "tests/bench/search-page/vite.config.ts",
        "--outDir",
        path.join(outDir, "search-bench"),
        "--emptyOutDir",
        "--logLevel",
        "warn",
      ],
      root,
    );
}

function ripgrep(dir: string, pattern: string): { matches: number; ms: number } {
  const t0 = performance.now();
  const out = spawnSync("rg", ["-i", "--count-matches", "--no-filename", pattern, dir], { encoding: "utf8" });
  const ms = performance.now() - t0;
  if (out.error) throw new Error(`ripgrep: ${out.error.message} (apt-get install ripgrep)`);
  const matches = out.stdout
    .split("\n")
    .filter(Boolean)
    .reduce((n, l) => n + Number(l), 0);
  return { matches, ms };
}

export async function runSearchBench(url: string, sources: number, log: (line: string) => void): Promise<SearchBenchResult> {
  const browser = await launchChromium();
  const dir = mkdtempSync(path.join(tmpdir(), "margin-search-rg-"));
  try {
    const app = await freshProjectPage(browser, url, "Search bench");
    const projectId = decodeURIComponent(/#\/project\/([^/?]+)/.exec(app.url())?.[1] ?? "");
    if (!projectId) throw new Error(`no project id in ${app.url()}`);
    const seed = await seedProject(app, projectId, log, sources);
    const page = await app.context().newPage();
    // The app's own page would run a second corpus worker on the same 2 cores: close it.
    await app.close();
    await page.goto(`${url}search-bench/index.html`);
    await page.waitForFunction(() => document.title === "search bench ready");

    log("Opening the corpus worker (load + index) …");
    const open = await call<{ loadMs: number; longestTaskMs: number }>(page, "open", projectId);
    log(
      `  loaded and indexed ${seed.sources} sources in ${open.loadMs.toFixed(0)} ms (longest main-thread task ${open.longestTaskMs.toFixed(0)} ms)`,
    );

    for (let from = 0; from < seed.sources; from += 100) {
      const texts = await call<string[]>(page, "texts", from, 100);
      texts.forEach((t, i) => writeFileSync(path.join(dir, `s${from + i}.txt`), t));
    }

    const queries: QueryRow[] = [];
    for (const q of QUERIES) {
      const options = q.regex ? { regex: true } : {};
      await call<SearchTiming>(page, "search", q.query, options); // warm: the JIT, the joined vocabulary
      const runs: SearchTiming[] = [];
      for (let r = 0; r < ROUNDS; r++) runs.push(await call<SearchTiming>(page, "search", q.query, options));
      const rg: { matches: number; ms: number }[] = [];
      for (let r = 0; r < ROUNDS; r++) rg.push(ripgrep(dir, q.rg));
      const fullMs = median(runs.map((r) => r.fullMs));
      const rgMs = median(rg.map((r) => r.ms));
      queries.push({
        kind: q.kind,
        query: q.query,
        regex: q.regex,
        margin: { hits: runs[0]?.total ?? 0, firstMs: median(runs.map((r) => r.firstMs)), fullMs, runs },
        ripgrep: { pattern: q.rg, matches: rg[0]?.matches ?? 0, ms: rgMs, runs: rg.map((r) => r.ms) },
        ratio: fullMs / rgMs,
      });
      log(
        `  ${q.kind} ${q.query}: ${runs[0]?.total} hits, first screen ${median(runs.map((r) => r.firstMs)).toFixed(0)} ms, all ${fullMs.toFixed(0)} ms; rg ${rg[0]?.matches} in ${rgMs.toFixed(0)} ms`,
      );
    }

    log("Index on the page's thread, import of 10 sources, pathological regex, autocode …");
    const index = await call<SearchBenchResult["index"]>(page, "indexHere");
    const importTen = await call<SearchBenchResult["importTen"]>(page, "importSources", 10, "zanzibarite");
    const pathological = await call<SearchBenchResult["pathological"]>(page, "pathological");
    const autocode = await call<SearchBenchResult["autocode"]>(page, "autocode", "nurse");
    await page.close();
    return { sources: seed.sources, words: seed.words, chars: seed.chars, open, queries, index, importTen, pathological, autocode };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await browser.close();
  }
}
