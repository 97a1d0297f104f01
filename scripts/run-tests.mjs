// Runs the unit suite (vitest) and the end-to-end suite (Playwright), then prints one closing line
// `N passed, N failed` summing both, which CI reads. Exits non-zero if either suite fails.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";

// Not test-results/: Playwright empties that folder when it starts.
mkdirSync("test-reports", { recursive: true });
const unitJson = "test-reports/unit-results.json";
const e2eJson = "test-reports/e2e-results.json";
for (const f of [unitJson, e2eJson]) rmSync(f, { force: true });

const only = process.argv[2]; // "unit" | "e2e" | undefined (both)
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", shell: false }).status ?? 1;

let unitStatus = 0;
let e2eStatus = 0;
if (only !== "e2e") {
  unitStatus = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${unitJson}`]);
}
if (only !== "unit") {
  e2eStatus = run("npx", ["playwright", "test"]);
}

function count(file, read) {
  if (!existsSync(file)) return null;
  try {
    return read(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return null;
  }
}
const unit = count(unitJson, (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + (r.numTodoTests ?? 0),
}));
const e2e = count(e2eJson, (r) => ({
  passed: r.stats.expected,
  failed: r.stats.unexpected + (r.stats.flaky ?? 0),
  skipped: r.stats.skipped,
}));

const suites = [
  ["unit", unit, unitStatus, only !== "e2e"],
  ["e2e", e2e, e2eStatus, only !== "unit"],
];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const [name, result, status, ran] of suites) {
  if (!ran) continue;
  if (!result) {
    console.log(`${name}: no results file (exit ${status})`);
    failed += 1;
    continue;
  }
  console.log(`${name}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  passed += result.passed;
  failed += result.failed + (status !== 0 && result.failed === 0 ? 1 : 0);
  skipped += result.skipped;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(unitStatus !== 0 || e2eStatus !== 0 || failed > 0 || passed === 0 ? 1 : 0);
