/**
 * A quick measurement, not a test: word frequency in a Web Worker in Chromium (where the app counts),
 * over the same generated text set as word-frequency-bench.ts. Run:
 *   npx esbuild tests/bench/word-frequency-chromium.ts --bundle --platform=node --format=esm --packages=external --outfile=.bench/word-frequency-chromium.mjs
 *   node .bench/word-frequency-chromium.mjs [files] [words]
 */
import { chromium } from "@playwright/test";
import { build } from "esbuild";

const files = Number(process.argv[2] ?? 1000);
const words = Number(process.argv[3] ?? 8000);

const bundle = await build({
  stdin: {
    contents: `import { measureWordFrequency } from "./tests/bench/word-frequency-measure";
      measureWordFrequency(${files}, ${words}, (line) => postMessage(line)); postMessage("done");`,
    resolveDir: process.cwd(),
    loader: "ts",
  },
  bundle: true,
  format: "iife",
  platform: "browser",
  write: false,
});
const code = bundle.outputFiles[0]?.text ?? "";
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
console.log(`Chromium ${browser.version()}`);
await page.exposeFunction("report", (line: string) => console.log(line));
await page.evaluate(
  (source) =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
      const w = window as unknown as { report: (line: string) => void };
      worker.onmessage = (event: MessageEvent<string>) => (event.data === "done" ? resolve() : w.report(event.data));
      worker.onerror = (event) => reject(new Error(event.message));
    }),
  code,
);
await browser.close();
