/**
 * `npm run bench [-- --files N] [--words MIN-MAX] [--seed N] [--only import|viewer|coding|…|search] [--out FILE.json]`
 *
 * Bundled by scripts/bench.mjs into .bench/main.js and run with node. One run measures: the corpus,
 * raw mammoth, convertDocx, runImport into fake-indexeddb (Node), the UI import in Chromium with an
 * IndexedDB reference unit, the viewer's first paint of a 600k-character source, and coding on a seed-scale
 * project (open, apply a code, retrieve). See docs/benchmarks.md.
 */
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { launchChromium, startApp, type App } from "./chromium-app";
import { runChromiumImport } from "./chromium-bench";
import { loadOrGenerateCorpus } from "./corpus";
import { runNodeBench } from "./node-bench";
import { APPLY_GOAL_MS, formatReport, IMPORT_GOAL, FIRST_PAINT_GOAL_MS, ratios, RETRIEVAL_GOAL_MS, type BenchResults } from "./report";
import { runViewerBench } from "./viewer-bench";
import { runCodingBench } from "./coding-bench";
import { runBundleBench } from "./bundle-bench";
import { runBundleAppBench } from "./bundle-app-bench";
import { runReportBench } from "./report-bench";
import { runReportUiBench } from "./report-ui-bench";
import { buildSearchPage, runSearchBench } from "./search-chromium-bench";

/** Benches with their own report, run only when asked for by name (not part of a plain `npm run bench`). */
const SEPARATE_BENCHES = ["bundle", "bundle-app", "report", "report-ui", "search"] as const;
type SeparateBench = (typeof SEPARATE_BENCHES)[number];

interface Options {
  files: number;
  seed: number;
  minWords: number;
  maxWords: number;
  only: "import" | "viewer" | "coding" | SeparateBench | null;
  out: string | null;
}

const USAGE =
  "usage: npm run bench -- [--files N] [--words MIN-MAX] [--seed N] [--only import|viewer|coding|bundle|bundle-app|report|report-ui|search] [--out FILE.json]";

function parseArgs(argv: string[]): Options {
  const options: Options = { files: 200, seed: 1, minWords: 6000, maxWords: 12000, only: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    const positive = (v: string): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a positive integer, got "${v}"`);
      return n;
    };
    switch (flag) {
      case "--files":
        options.files = positive(value());
        break;
      case "--seed":
        options.seed = positive(value());
        break;
      case "--words": {
        const match = /^(\d+)-(\d+)$/.exec(value());
        if (!match) throw new Error(`--words: expected MIN-MAX, e.g. 6000-12000\n${USAGE}`);
        options.minWords = Number(match[1]);
        options.maxWords = Number(match[2]);
        if (options.minWords < 1 || options.maxWords < options.minWords) throw new Error("--words: need 1 <= MIN <= MAX");
        break;
      }
      case "--only": {
        const v = value();
        const separate = SEPARATE_BENCHES.find((b) => b === v);
        if (separate) options.only = separate;
        else if (v === "import" || v === "viewer" || v === "coding") options.only = v;
        else throw new Error(`--only: import, viewer, coding, bundle, bundle-app, report, report-ui or search\n${USAGE}`);
        break;
      }
      case "--out":
        options.out = value();
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split("\n").slice(0, 6).join("\n") : String(error);
}

const log = (line: string): void => console.error(`[bench] ${line}`);

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const root = process.env.MARGIN_ROOT ?? process.cwd();
  const benchDir = path.join(root, ".bench");
  if (
    options.only === "bundle" ||
    options.only === "bundle-app" ||
    options.only === "report" ||
    options.only === "report-ui" ||
    options.only === "search"
  ) {
    await runSeparateBench(options.only, options, root, benchDir);
    return;
  }
  const stamp = new Date();
  const argsText = process.argv.slice(2).join(" ");
  const results: BenchResults = {
    date: stamp.toISOString(),
    command: `npm run bench${argsText ? ` -- ${argsText}` : ""}`,
    environment: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? "?",
      memoryGb: os.totalmem() / 1024 ** 3,
      commit: git(root, ["rev-parse", "--short", "HEAD"]),
      dirtyTree: (git(root, ["status", "--porcelain"]) ?? "") !== "",
      loadAverageStart: os.loadavg()[0] ?? 0,
      loadAverageEnd: 0,
    },
    options: { files: options.files, seed: options.seed, minWords: options.minWords, maxWords: options.maxWords, only: options.only },
    corpus: null,
    node: null,
    chromiumImport: null,
    appBuildMs: null,
    viewer: null,
    coding: null,
    errors: {},
    ratios: {
      conversionVsMammoth: null,
      importNodeVsMammoth: null,
      importChromiumVsMammoth: null,
      conversionVsMammothCpu: null,
      importNodeVsMammothCpu: null,
    },
    goals: { importNode: null, viewerFirstPaint: null, applyCode: null, retrieval: null },
  };
  const doImport = options.only === null || options.only === "import";
  const doViewer = options.only === null || options.only === "viewer";
  const doCoding = options.only === null || options.only === "coding";

  const corpus = doImport
    ? await loadOrGenerateCorpus(
        benchDir,
        { files: options.files, seed: options.seed, minWords: options.minWords, maxWords: options.maxWords },
        log,
      )
    : null;
  if (corpus) {
    results.corpus = {
      files: corpus.items.length,
      words: corpus.totalWords,
      bytes: corpus.totalBytes,
      mb: corpus.totalBytes / (1024 * 1024),
      generationMs: corpus.generationMs,
      cached: corpus.cached,
      dir: path.relative(root, corpus.dir),
    };
    log(`Corpus: ${corpus.items.length} files, ${(corpus.totalBytes / 1024 ** 2).toFixed(1)} MB${corpus.cached ? " (cached)" : ""}`);
    try {
      results.node = await runNodeBench(corpus, log);
    } catch (error) {
      results.errors["node rows (2-4)"] = message(error);
    }
  }

  let app: App | null = null;
  let browser: Browser | null = null;
  try {
    app = await startApp(root, log);
    results.appBuildMs = app.buildMs;
    if (corpus || doViewer) {
      const shared = await launchChromium();
      browser = shared;
      if (corpus) {
        try {
          results.chromiumImport = await runChromiumImport(shared, app.url, corpus, log);
        } catch (error) {
          results.errors["Chromium import (5)"] = message(error);
        }
      }
      if (doViewer) {
        try {
          results.viewer = await runViewerBench(shared, app.url, root, benchDir, log);
        } catch (error) {
          results.errors["viewer (6)"] = message(error);
        }
      }
      // The coding rows launch their own browser (with a profile on disk): free this one's memory first.
      await shared.close().catch(() => undefined);
      browser = null;
    }
    if (doCoding) {
      try {
        results.coding = await runCodingBench(app.url, benchDir, log);
      } catch (error) {
        results.errors["coding (7-9)"] = message(error);
      }
    }
  } catch (error) {
    results.errors["Chromium setup"] = message(error);
  } finally {
    await browser?.close().catch(() => undefined);
    await app?.stop();
  }

  results.environment.loadAverageEnd = os.loadavg()[0] ?? 0;
  results.ratios = ratios(results);
  results.goals = {
    // Judged on CPU time: on a shared machine, wall time mostly measures the neighbours.
    importNode: results.ratios.importNodeVsMammothCpu === null ? null : results.ratios.importNodeVsMammothCpu >= IMPORT_GOAL,
    viewerFirstPaint: results.viewer?.available ? results.viewer.medianMs < FIRST_PAINT_GOAL_MS : null,
    applyCode: results.coding ? results.coding.applyVisibleMedianMs < APPLY_GOAL_MS : null,
    retrieval: results.coding ? results.coding.retrievalMedianMs < RETRIEVAL_GOAL_MS : null,
  };

  const out = options.out ?? path.join(benchDir, `results-${options.only ?? "all"}-${options.files}.json`);
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatReport(results));
  console.log(`\nJSON: ${path.relative(process.cwd(), path.resolve(out)) || out}`);
  process.exitCode = Object.keys(results.errors).length > 0 ? 1 : 0;
}

/** Bundle in Node and in the app (issue 5), report model and report UI (issue 6) benches: each logs its own table; the JSON is saved. */
async function runSeparateBench(which: SeparateBench, options: Options, root: string, benchDir: string): Promise<void> {
  const loadStart = os.loadavg()[0] ?? 0;
  let result: unknown;
  if (which === "bundle") result = await runBundleBench({ sources: options.files, seed: options.seed }, log);
  else if (which === "report") result = await runReportBench(log);
  else if (which === "bundle-app") {
    // --files N: the seeded project's sources (1000 = seed scale).
    const app = await startApp(root, log);
    try {
      result = await runBundleAppBench(app.url, benchDir, { sources: options.files }, log);
    } finally {
      await app.stop();
    }
  } else if (which === "search") {
    // --files N: the seeded project's sources (1000 = seed scale).
    const app = await startApp(root, log, buildSearchPage(root));
    try {
      result = await runSearchBench(app.url, options.files, log);
    } finally {
      await app.stop();
    }
  } else {
    const app = await startApp(root, log);
    try {
      result = await runReportUiBench(app.url, log);
    } finally {
      await app.stop();
    }
  }
  const out = options.out ?? path.join(benchDir, `results-${which}.json`);
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  const record = {
    date: new Date().toISOString(),
    which,
    commit: git(root, ["rev-parse", "--short", "HEAD"]),
    loadAverageStart: loadStart,
    loadAverageEnd: os.loadavg()[0] ?? 0,
    result,
  };
  await writeFile(out, `${JSON.stringify(record, null, 2)}\n`);
  console.log(
    `\n${which} bench done (load ${loadStart.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)}); JSON: ${path.relative(process.cwd(), path.resolve(out)) || out}`,
  );
}

process.on("SIGINT", () => process.exit(130));
main().catch((error: unknown) => {
  console.error(message(error));
  process.exit(1);
});
