/**
 * A quick measurement, not a test: word frequency (shared/search/wordFrequency.ts) over a generated
 * seed-scale text set (default 1,000 transcripts, 8,000 words each) in Node. Run:
 *   npx esbuild tests/bench/word-frequency-bench.ts --bundle --platform=node --format=esm --packages=external --outfile=.bench/word-frequency-bench.mjs
 *   node .bench/word-frequency-bench.mjs [files] [words]
 * The same in a Chromium Web Worker: tests/bench/word-frequency-chromium.ts.
 */
import { measureWordFrequency } from "./word-frequency-measure";

measureWordFrequency(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 8000), (line) => console.log(line));
