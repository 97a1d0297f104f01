/**
 * A catastrophic regular expression in Chromium, through the web build: (a+)+$ over a long run of a's is
 * stopped at the time limit with a message, the page keeps painting, and the corpus worker's index
 * survives (a words search right after answers). The Search view is not built yet, so the app's corpus
 * client is driven from a page of the app's origin (tests/bench/search-page/, the search bench's page),
 * built here into the served folder; the project and its source come through the app's own UI.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { completeFirstRun, createProject } from "./helpers/app";
import { importAndOpen, projectIdFrom } from "./helpers/viewer";

test.beforeAll(() => {
  // The preview server serves files added to its folder after it started.
  const outDir = path.resolve(process.env.E2E_OUT_DIR ?? "dist");
  execFileSync(
    "npx",
    [
      "vite",
      "build",
      "--config",
      "tests/bench/search-page/vite.config.ts",
      "--outDir",
      path.join(outDir, "search-bench"),
      "--emptyOutDir",
      "--logLevel",
      "error",
    ],
    { stdio: "inherit", timeout: 180_000 },
  );
});

test("a catastrophic regular expression is stopped with a message; the page stays responsive and the index survives", async ({ page }) => {
  test.setTimeout(120_000);
  await completeFirstRun(page);
  await createProject(page, "Search limits");
  const projectId = projectIdFrom(page);
  const text = "Interviewer: How was the ward?\nP01: The nurse was kind. The nurses were busy.\n";
  await importAndOpen(page, [{ name: "Ward interview.txt", mimeType: "text/plain", buffer: Buffer.from(text) }], "Ward interview");

  await page.goto("/search-bench/index.html");
  await page.waitForFunction(() => document.title === "search bench ready");
  type Api = Record<string, (...args: unknown[]) => Promise<unknown>>;
  const opened = await page.evaluate(async (id) => (window as unknown as { searchBench: Api }).searchBench.open?.(id), projectId);
  expect(opened).toMatchObject({ sources: 1 });

  const outcome = (await page.evaluate(async () => (window as unknown as { searchBench: Api }).searchBench.pathological?.())) as {
    ms: number;
    message: string | null;
    frames: number;
    nurseTotal: number;
  };
  // The client allowed 5 s; the regex worker is stopped at 80% of it, so the corpus worker never is.
  expect(outcome.message).toMatch(/^The regular expression took longer than 4 seconds and was stopped, so Margin stays responsive\./);
  expect(outcome.ms).toBeGreaterThanOrEqual(3_900);
  expect(outcome.ms).toBeLessThan(4_900);
  // The page painted throughout (about 60 frames a second when nothing blocks it).
  expect(outcome.frames).toBeGreaterThan(60);
  // The index survived: "nurse" in the imported source and in the copy the test added (2 hits each).
  expect(outcome.nurseTotal).toBe(4);
});
