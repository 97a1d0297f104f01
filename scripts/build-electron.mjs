// Bundles the Electron main process and preload with esbuild:
//   electron/main.ts    -> dist-electron/main.cjs
//   electron/preload.ts -> dist-electron/preload.cjs
// CJS for Node; "electron" stays external (provided by the runtime). The preload
// must be ONE self-contained file: a sandboxed preload can only require("electron"),
// so the build fails if anything else is left as a require().
import { build } from "esbuild";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "dist-electron");
const isDev = process.argv.includes("--dev");

/** @type {import("esbuild").BuildOptions} */
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node22", // Electron 45's Node
  external: ["electron"],
  sourcemap: isDev ? "inline" : false,
  minify: false, // readable stack traces in bug reports from the wards
  legalComments: "none",
  logLevel: "info",
  define: { "process.env.NODE_ENV": JSON.stringify(isDev ? "development" : "production") },
};

await rm(outDir, { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: [path.join(root, "electron/main.ts")], outfile: path.join(outDir, "main.cjs") }),
  build({ ...common, entryPoints: [path.join(root, "electron/preload.ts")], outfile: path.join(outDir, "preload.cjs") }),
]);

const preload = await readFile(path.join(outDir, "preload.cjs"), "utf8");
const requires = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const foreign = requires.filter((name) => name !== "electron");
if (foreign.length > 0) {
  console.error(`preload.cjs must only require("electron"), found: ${[...new Set(foreign)].join(", ")}`);
  process.exit(1);
}
console.log("Built dist-electron/main.cjs and dist-electron/preload.cjs");
