// Builds the `margin` CLI (cli/margin.ts) into one Node ESM file, dist-cli/margin.mjs, with a shebang so
// it runs as `node dist-cli/margin.mjs …` or, once package.json "bin" points at it, `npx margin …`.
// Dependencies are bundled in, so the file runs anywhere Node 20+ is, without node_modules.
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function buildCli(outfile = path.join(root, "dist-cli/margin.mjs")) {
  await build({
    entryPoints: [path.join(root, "cli/margin.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: {
      // Bundled CommonJS dependencies (mammoth) still call require(): give them one.
      js: "#!/usr/bin/env node\nimport { createRequire as __marginCreateRequire } from 'node:module';\nconst require = __marginCreateRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
  chmodSync(outfile, 0o755);
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildCli(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`built ${path.relative(root, out)}`);
}
