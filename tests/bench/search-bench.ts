/**
 * A quick measurement, not a test: project search (shared/search/) over a generated seed-scale text
 * set (default 1,000 transcripts, 8,000 words each) in Node, against ripgrep over the same texts
 * written to a temporary folder. Run:
 *   npx esbuild tests/bench/search-bench.ts --bundle --platform=node --format=esm --packages=external --outfile=.bench/search-bench.mjs
 *   node .bench/search-bench.mjs [files] [words] [query]
 * ripgrep folds case only (-i); Margin also folds accents, quotes and white space, and works per unit.
 * Also: the search index (shared/search/index.ts) built over the same texts, and the same query through it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { detectTurns } from "../../shared/import/speakers";
import { planAutocode } from "../../shared/search/autocode";
import { addToIndex, compactIndex, createSearchIndex, indexSize, searchIndexed } from "../../shared/search/index";
import { searchSources, type SearchHit, type SearchTarget } from "../../shared/search/match";
import { parseQuery } from "../../shared/search/query";
import { paragraphsFromLines } from "../../shared/text/transcript";
import { makeSyntheticInterview, syntheticInterviewText } from "../fixtures/docx/synthetic";

const files = Number(process.argv[2] ?? 1000);
const words = Number(process.argv[3] ?? 8000);
const query = process.argv[4] ?? "nurse";

const started = performance.now();
const targets: SearchTarget[] = [];
let totalWords = 0;
const dir = mkdtempSync(path.join(tmpdir(), "margin-search-bench-"));
mkdirSync(dir, { recursive: true });
for (let i = 0; i < files; i++) {
  const interview = makeSyntheticInterview(i + 1, words);
  const text = syntheticInterviewText(interview);
  totalWords += interview.spokenWords;
  const blocks = paragraphsFromLines(text);
  targets.push({ sourceId: `s${i}`, text, blocks, turns: detectTurns(text, blocks).turns });
  writeFileSync(path.join(dir, `s${i}.txt`), text);
}
const chars = targets.reduce((n, t) => n + t.text.length, 0);
console.log(
  `${files} sources, ${totalWords.toLocaleString("en-GB")} spoken words, ${(chars / 1e6).toFixed(1)} M characters (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

const parsed = parseQuery(query);
if (!parsed.ok) throw new Error(parsed.message);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const margin: number[] = [];
let found: SearchHit[] = [];
for (let run = 0; run < 4; run++) {
  const t0 = performance.now();
  found = searchSources(parsed.query, targets).hits;
  if (run > 0) margin.push(performance.now() - t0); // the first run warms the JIT and the fold cache
}
const rg: number[] = [];
let rgHits = "";
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  const out = spawnSync("rg", ["-i", "--count-matches", "--no-filename", query, dir], { encoding: "utf8" });
  rg.push(performance.now() - t0);
  rgHits = String(
    out.stdout
      .split("\n")
      .filter(Boolean)
      .reduce((n, l) => n + Number(l), 0),
  );
}
const t1 = performance.now();
const index = createSearchIndex();
for (const t of targets) addToIndex(index, t);
const buildMs = performance.now() - t1;
const t2 = performance.now();
compactIndex(index);
const compactMs = performance.now() - t2;
const indexed: number[] = [];
for (let run = 0; run < 6; run++) {
  const t0 = performance.now();
  const outcome = searchIndexed(index, parsed.query, targets);
  if (run > 0) indexed.push(performance.now() - t0);
  if (outcome.hits.length !== found.length) throw new Error(`the index found ${outcome.hits.length} hits, the core ${found.length}`);
}
const size = indexSize(index);
const hits = found.length;
console.log(
  `Margin search “${query}”: ${hits.toLocaleString("en-GB")} hits, median ${median(margin).toFixed(0)} ms (runs: ${margin.map((m) => m.toFixed(0)).join(", ")})`,
);
console.log(
  `ripgrep -i: ${Number(rgHits).toLocaleString("en-GB")} matches, median ${median(rg).toFixed(0)} ms (runs: ${rg.map((m) => m.toFixed(0)).join(", ")}; includes process start)`,
);
console.log(`ratio Margin / ripgrep: ${(median(margin) / median(rg)).toFixed(1)}×`);
console.log(
  `index: built in ${buildMs.toFixed(0)} ms (+ ${compactMs.toFixed(0)} ms trimming), ${size.words.toLocaleString("en-GB")} words, ${size.positions.toLocaleString("en-GB")} places, about ${(size.bytes / 1e6).toFixed(0)} MB`,
);
console.log(
  `through the index: median ${median(indexed).toFixed(0)} ms (runs: ${indexed.map((m) => m.toFixed(0)).join(", ")}); ratio to ripgrep ${(median(indexed) / median(rg)).toFixed(2)}×`,
);
const sources = new Map(targets.map((t) => [t.sourceId, t]));
for (const unit of ["sentence", "turn", "section"] as const) {
  const t0 = performance.now();
  const plan = planAutocode({ hits: found, sources, codings: [], codeId: "c", coderId: "me", unit });
  console.log(
    `autocode plan, ${unit}: ${plan.totals.creates.toLocaleString("en-GB")} new codings in ${(performance.now() - t0).toFixed(0)} ms`,
  );
}
rmSync(dir, { recursive: true, force: true });
