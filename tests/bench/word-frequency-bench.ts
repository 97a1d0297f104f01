/**
 * A quick measurement, not a test: word frequency (shared/search/wordFrequency.ts) over a generated
 * seed-scale text set (default 1,000 transcripts, 8,000 words each) in Node. Run:
 *   npx esbuild tests/bench/word-frequency-bench.ts --bundle --platform=node --format=esm --packages=external --outfile=.bench/word-frequency-bench.mjs
 *   node .bench/word-frequency-bench.mjs [files] [words]
 */
import { detectTurns } from "../../shared/import/speakers";
import type { SearchTarget } from "../../shared/search/match";
import { wordFrequency } from "../../shared/search/wordFrequency";
import { paragraphsFromLines } from "../../shared/text/transcript";
import { makeSyntheticInterview, syntheticInterviewText } from "../fixtures/docx/synthetic";

const files = Number(process.argv[2] ?? 1000);
const words = Number(process.argv[3] ?? 8000);

const started = performance.now();
const targets: SearchTarget[] = [];
let spokenWords = 0;
for (let i = 0; i < files; i++) {
  const interview = makeSyntheticInterview(i + 1, words);
  // Flat, as a text read from IndexedDB or posted to a worker is (a concatenated string is slower to scan).
  const text = structuredClone(syntheticInterviewText(interview));
  spokenWords += interview.spokenWords;
  const blocks = paragraphsFromLines(text);
  targets.push({ sourceId: `s${i}`, text, blocks, turns: detectTurns(text, blocks).turns });
}
const chars = targets.reduce((n, t) => n + t.text.length, 0);
console.log(
  `${files} sources, ${spokenWords.toLocaleString("en-GB")} spoken words, ${(chars / 1e6).toFixed(1)} M characters (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
for (const groupForms of [false, true]) {
  const runs: number[] = [];
  let summary = "";
  for (let run = 0; run < 4; run++) {
    const t0 = performance.now();
    const result = wordFrequency(targets, { groupForms, top: 100 });
    runs.push(performance.now() - t0);
    summary = `${result.allWords.toLocaleString("en-GB")} words, ${result.countedWords.toLocaleString("en-GB")} counted, ${result.distinctWords.toLocaleString("en-GB")} distinct; top: ${result.rows
      .slice(0, 5)
      .map((r) => `${r.word} ${r.count}`)
      .join(", ")}`;
  }
  console.log(`word frequency${groupForms ? ", word forms grouped" : ""}: ${summary}`);
  console.log(
    `  first run ${runs[0]?.toFixed(0)} ms, median of the rest ${median(runs.slice(1)).toFixed(0)} ms (runs: ${runs.map((m) => m.toFixed(0)).join(", ")})`,
  );
}
