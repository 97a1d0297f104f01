/**
 * Word frequency over a generated seed-scale text set, measured where it runs: in Node
 * (word-frequency-bench.ts) or in a Chromium Web Worker (word-frequency-chromium.ts). Pure: no Node or DOM.
 */
import { detectTurns } from "../../shared/import/speakers";
import type { SearchTarget } from "../../shared/search/match";
import { summarise, tallyWords, wordFrequency } from "../../shared/search/wordFrequency";
import { paragraphsFromLines } from "../../shared/text/transcript";
import { makeSyntheticInterview, syntheticInterviewText } from "../fixtures/docx/synthetic";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const n = (x: number) => x.toLocaleString("en-GB");

export function measureWordFrequency(files: number, words: number, log: (line: string) => void): void {
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
  const chars = targets.reduce((sum, t) => sum + t.text.length, 0);
  log(
    `${files} sources, ${n(spokenWords)} spoken words, ${(chars / 1e6).toFixed(1)} M characters (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  for (const groupForms of [false, true]) {
    const runs: number[] = [];
    let summary = "";
    for (let run = 0; run < 4; run++) {
      const t0 = performance.now();
      const result = wordFrequency(targets, { groupForms, top: 100 });
      runs.push(performance.now() - t0);
      summary = `${n(result.allWords)} words, ${n(result.countedWords)} counted, ${n(result.distinctWords)} distinct; top: ${result.rows
        .slice(0, 3)
        .map((r) => `${r.word} ${n(r.count)}`)
        .join(", ")}`;
    }
    log(`word frequency${groupForms ? ", word forms grouped" : ""}: ${summary}`);
    log(
      `  first run ${runs[0]?.toFixed(0)} ms, median of the rest ${median(runs.slice(1)).toFixed(0)} ms (runs: ${runs.map((m) => m.toFixed(0)).join(", ")})`,
    );
  }
  // What the worker does when only an option changes: summarise the kept tally.
  const tallied = tallyWords(targets);
  const t0 = performance.now();
  summarise(tallied, { groupForms: true, minLength: 4, stopWords: ["ward"] });
  log(`an option changed (the tally kept): ${(performance.now() - t0).toFixed(1)} ms`);
}
