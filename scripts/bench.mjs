// `npm run bench [-- options]`: bundles the TypeScript bench (tests/bench/main.ts) with esbuild into
// .bench/ (gitignored) and runs it with node, passing the CLI arguments through. Not part of `npm test`.
//   --files N          corpus size (default 200; 1000 = seed scale)
//   --words MIN-MAX    words per transcript (default 6000-12000)
//   --seed N           corpus seed (default 1)
//   --only import|viewer|coding|bundle|bundle-app|report|report-ui|search  (the last five run only when named)
//   --out FILE.json    where to write the results (default .bench/results-<only>-<files>.json)
//   --cpu-prof         run the bench under `node --cpu-prof` (profiles land in .bench/profiles/)
// See docs/benchmarks.md.
import { build } from "esbuild";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, ".bench");

await build({
  entryPoints: [path.join(root, "tests/bench/main.ts")],
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});

const args = process.argv.slice(2);
const profile = args.includes("--cpu-prof");
const nodeArgs = ["--expose-gc", "--enable-source-maps"];
if (profile) nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${path.join(outdir, "profiles")}`);

const child = spawn(process.execPath, [...nodeArgs, path.join(outdir, "main.js"), ...args.filter((a) => a !== "--cpu-prof")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, MARGIN_ROOT: root },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
