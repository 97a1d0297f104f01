// The search bench's page (tests/bench/search-chromium-bench.ts): built beside the app, same origin, so it
// reads the seeded project's IndexedDB and runs the app's own corpus worker, bundled as the app bundles it.
import { defineConfig } from "vite";

export default defineConfig({
  root: "tests/bench/search-page",
  base: "./",
  define: { __APP_VERSION__: JSON.stringify("bench") },
  build: { target: "es2022", sourcemap: false, emptyOutDir: true },
  worker: { format: "es" },
});
