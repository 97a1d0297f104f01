/**
 * The app in real Chromium: builds it (into .bench/app, so a concurrent `npm run test:e2e` serving dist/
 * is not disturbed), serves it with `vite preview` on 127.0.0.1:5190, launches Debian's Chromium through
 * Playwright, and drives the first-run / new-project / import UI like the end-to-end tests do.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** MARGIN_BENCH_PORT: another port, when someone else's bench is serving on 5190. */
export const PORT = Number(process.env.MARGIN_BENCH_PORT ?? 5190);
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface App {
  url: string;
  buildMs: number;
  stop(): Promise<void>;
}

function collect(child: ChildProcess): () => string {
  let out = "";
  const add = (chunk: Buffer): void => {
    out = (out + chunk.toString()).slice(-8000);
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  return () => out;
}

/** Runs a command to completion in its own process group; rejects with its output on failure. */
export function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const output = collect(child);
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output()}`))));
  });
}

/** Kills the process group we spawned (detached), and waits for it. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** `alsoBuild`: builds more pages into the app's folder before it is served (the search bench's page). */
export async function startApp(root: string, log: (line: string) => void, alsoBuild?: (outDir: string) => Promise<void>): Promise<App> {
  const outDir = path.join(root, ".bench", "app");
  log(`Building the app (npx vite build --outDir ${path.relative(root, outDir)}) …`);
  const buildStarted = performance.now();
  // MARGIN_BENCH_MINIFY=0: readable names in profiles and in the coding row's transaction stacks.
  const minify = process.env.MARGIN_BENCH_MINIFY === "0" ? ["--minify", "false"] : [];
  await run("npx", ["vite", "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn", ...minify], root);
  if (alsoBuild) await alsoBuild(outDir);
  const buildMs = performance.now() - buildStarted;

  const url = `http://127.0.0.1:${PORT}/`;
  const server = spawn("npx", ["vite", "preview", "--port", String(PORT), "--host", "127.0.0.1", "--strictPort", "--outDir", outDir], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(server);
  const stop = () => killGroup(server);
  const onExit = (): void => {
    if (server.pid !== undefined && server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
  };
  process.once("exit", onExit);

  // The page must be this build: another bench's server on the same port (strictPort makes ours exit)
  // would otherwise be measured without a word. Its index.html names other hashed assets.
  const ours = await readFile(path.join(outDir, "index.html"), "utf8");
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(
        `vite preview exited ${server.exitCode} (is another bench serving on port ${PORT}? set MARGIN_BENCH_PORT):\n${output()}`,
      );
    try {
      const response = await fetch(url);
      if (response.ok && (await response.text()) === ours) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`vite preview did not answer on ${url} within 60 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    buildMs,
    async stop() {
      process.off("exit", onExit);
      await stop();
    },
  };
}

/**
 * Chromium with a persistent profile in a fresh folder (IndexedDB on disk, as the app's), for the
 * seed-scale benches; `initScript` runs in every page before the app (e.g. counting transactions).
 */
export async function launchPersistentProfile(profile: string, initScript: () => void): Promise<{ context: BrowserContext; page: Page }> {
  await rm(profile, { recursive: true, force: true });
  await mkdir(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1400, height: 1000 },
  });
  await context.addInitScript(initScript);
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** What the page showed when a bench failed, saved beside its results for whoever reads the error. */
export async function saveFailureScreenshot(page: Page | null | undefined, file: string): Promise<void> {
  await page?.screenshot({ path: file }).catch(() => undefined);
}

/** Closes a persistent profile's browser and deletes its folder; never throws (it runs in `finally`). */
export async function closeProfile(context: BrowserContext | null | undefined, profile: string): Promise<void> {
  await context?.close().catch(() => undefined);
  await rm(profile, { recursive: true, force: true }).catch(() => undefined);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context (fresh storage): first run, then a new project, ready on its sources list. */
export async function freshProjectPage(browser: Browser, url: string, projectName: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel("Your name").fill("Bench Coder");
  await page.getByLabel("Initials").fill("BC");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Projects" }).waitFor();
  await page.getByRole("button", { name: "New project" }).click();
  await page.getByLabel("Project name").fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("heading", { name: projectName, level: 1 }).waitFor();
  return page;
}

export interface ImportTiming {
  /** performance.now() in the page, from the file input's change event to the final status text. */
  ms: number;
  /** From the change event until the progress bar was in the DOM. */
  progressShownMs: number | null;
  statusText: string;
  hardwareConcurrency: number;
  /** doneAtMs[i]: when the progress text first said i+1 files were done (ms since the start). */
  doneAtMs: number[];
}

/**
 * Imports files through "Import sources" → "Choose files…" and times it IN THE PAGE: a capturing
 * `change` listener marks the start (the moment the picked files reach the app), a MutationObserver
 * marks the end (the results status "N imported, N duplicates, N failed" appearing).
 */
export async function importThroughUi(page: Page, paths: string[], timeoutMs: number): Promise<ImportTiming> {
  await page.evaluate(() => {
    interface Probe {
      start: number | null;
      progress: number | null;
      end: number | null;
      text: string;
      done: number[];
    }
    const probe: Probe = { start: null, progress: null, end: null, text: "", done: [] };
    (window as unknown as { __marginBench: Probe }).__marginBench = probe;
    const onChange = (event: Event): void => {
      const target = event.target;
      if (probe.start === null && target instanceof HTMLInputElement && target.type === "file") {
        probe.start = performance.now();
        document.removeEventListener("change", onChange, true);
      }
    };
    document.addEventListener("change", onChange, true);
    const summary = /^\d+ imported, \d+ duplicates?, \d+ failed/;
    const progressText = /^(\d+) of \d+ files/;
    const observer = new MutationObserver(() => {
      if (probe.start === null) return;
      if (probe.progress === null && document.querySelector('[aria-label="Import progress"]')) probe.progress = performance.now();
      const now = performance.now();
      // The "N of M files done" line sits beside the status (which leads with conversions, see ImportResults).
      for (const element of document.querySelectorAll('[role="status"], [data-import-counts]')) {
        const text = element.textContent?.trim() ?? "";
        const done = Number(progressText.exec(text)?.[1] ?? 0);
        while (probe.done.length < done) probe.done.push(now - probe.start);
        if (summary.test(text)) {
          probe.end = performance.now();
          probe.text = text;
          observer.disconnect();
          return;
        }
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await page.getByRole("button", { name: "Import sources" }).click();
  const dialog = page.getByRole("dialog", { name: "Import sources" });
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose files…" }).click();
  // Paths, not buffers: Playwright hands a local browser the paths (no copy through the protocol).
  await (await chooser).setFiles(paths);
  await page.waitForFunction(() => (window as unknown as { __marginBench: { end: number | null } }).__marginBench.end !== null, null, {
    timeout: timeoutMs,
    polling: 500,
  });
  const timing = await page.evaluate(() => {
    const probe = (
      window as unknown as { __marginBench: { start: number; progress: number | null; end: number; text: string; done: number[] } }
    ).__marginBench;
    return {
      doneAtMs: probe.done,
      ms: probe.end - probe.start,
      progressShownMs: probe.progress === null ? null : probe.progress - probe.start,
      statusText: probe.text,
      hardwareConcurrency: navigator.hardwareConcurrency,
    };
  });
  return timing;
}

/** Closes the import dialog after a finished import. */
export async function closeImportDialog(page: Page): Promise<void> {
  await page.getByRole("dialog", { name: "Import sources" }).getByRole("button", { name: "Done" }).click();
}
