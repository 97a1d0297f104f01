/**
 * Codebook import time against size (issue 13 item 6): a generated .qdpx of N codes through the
 * REFI import, timed. Not part of `npm test`; run:
 *   npx esbuild tests/bench/codebook-import-bench.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=.bench/codebook-import.mjs && node .bench/codebook-import.mjs 20000 200000
 */
import { importQdpx } from "../../shared/refi/import";
import { qdpxWithCodes } from "../unit/shared/refi/manyCodes";

for (const arg of process.argv.slice(2)) {
  const n = Number(arg);
  const bytes = qdpxWithCodes(n);
  const t0 = performance.now();
  let outcome: string;
  try {
    const result = await importQdpx(bytes, `codes-${n}.qdpx`);
    outcome = `imported ${result.tables.codes.length} codes`;
  } catch (error) {
    outcome = `refused: ${error instanceof Error ? error.message : String(error)}`;
  }
  console.log(`${n} codes (${(bytes.length / 1024).toFixed(0)} KB .qdpx): ${(performance.now() - t0).toFixed(0)} ms — ${outcome}`);
}
