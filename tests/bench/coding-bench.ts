/**
 * Coding rows (7-9) on a seed-scale project: 1,000 sources, 500 codes, 100,000 codings by 2 coders
 * (seed-project.ts writes it into the page's IndexedDB). In rounds, each timed in the page:
 *   7. open the ~600k-character source that carries 2,000 codings, from the sources table;
 *   8. apply a code to a selection there with the keyboard: Ctrl+K, type the name, Enter, timed from
 *      Enter's keydown to the coding being committed and to its highlight and stripe being on screen;
 *   9. tick the code that has 5,000 codings in "Coded segments", timed to its first row painted.
 * Each round starts with IndexedDB 1 KB put+get pairs in the same page: the unit the rows are given in.
 * The browser keeps its profile on disk (as the desktop app does), in .bench/coding-profile.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { closeProfile, launchPersistentProfile, saveFailureScreenshot } from "./chromium-app";
import { median } from "./report";
import { BIG_SOURCE_NAME, HOT_CODE_NAME, seedProject, TARGET_CODE_NAME, type SeedResult } from "./seed-project";

const ROUNDS = 7;
const REFERENCE_PAIRS = 5;
const TIMEOUT_MS = 30_000;
/** As chromium-app.ts (and playwright.config.ts) launch Chromium. */

export interface CodingReference {
  /** Medians over all rounds' pairs, default durability: the unit. */
  putGetMs: number;
  putMs: number;
  getMs: number;
  /** durability "strict", what Margin's project databases use. */
  strictPutGetMs: number;
  firstPutGetMs: number;
  samples: number;
}

export interface OpenSample {
  /** Click to the first [data-block-start] painted (two animation frames), as row 6. */
  ms: number;
  /** Click to the first coding stripe in the DOM. */
  stripesMs: number | null;
}

export interface ApplySample {
  /** The transaction writing the coding fired `complete`. */
  persistedMs: number;
  /** A margin-code-* CSS highlight covers the selection. */
  highlightMs: number;
  /** A stripe lists the new coding ([data-coding-ids]). */
  stripeMs: number;
  /** Highlight, stripe and commit all done, then two animation frames (conservative: the second frame also carries the palette closing). */
  paintedMs: number;
  /**
   * Highlight and stripe in place, then the frame that draws them presented: a task queued from the next
   * animation frame runs after that frame's paint ("after next paint").
   */
  visibleMs: number;
  /** Diagnostics: the read-write transaction began; the coding was added to the store. */
  txBeginMs: number;
  addedMs: number;
  /** The app's last IndexedDB transaction after the apply ended (live queries re-reading), Enter = 0. */
  busyMs: number;
  /** Diagnostics: the longest transactions that began after Enter, "stores mode ms (from +ms)\u0001app stack". */
  longest: string[];
}

export interface RetrievalSample {
  /** Tick to the first segment row in the DOM. */
  rowMs: number;
  /** Tick to the first row's text in the DOM, then two animation frames. */
  textMs: number;
  segments: number;
}

export interface CodingResult {
  browserVersion: string;
  seed: SeedResult;
  /** Reload of the seeded project to its sources table shown (navigation start to the long source's link). */
  reopenMs: number;
  reference: CodingReference;
  /** Which path row 8 drove: the quick-code palette, or (if it is missing) the codebook's "Code selection" button. */
  applyPath: "palette" | "codebook button";
  rounds: number;
  open: OpenSample[];
  apply: ApplySample[];
  retrieval: RetrievalSample[];
  openMedianMs: number;
  /** max(persisted, painted): the coding is both saved and on screen, conservatively (two frames). */
  applyMedianMs: number;
  /** max(persisted, visible): the issue's measure, "a persisted, visible highlight". */
  applyVisibleMedianMs: number;
  retrievalMedianMs: number;
  /** Codings of the long source at the end: 2,000 seeded + one per round. */
  bigCodingsAfter: number;
}

const projectNav = (page: Page) => page.getByRole("navigation", { name: "Project navigator" });
const sourcesLink = (page: Page) => page.getByRole("table", { name: "Sources" }).getByRole("link", { name: BIG_SOURCE_NAME, exact: true });

interface IdbActivity {
  /** Transactions begun and not yet completed or aborted. */
  active: number;
  /** performance.now() when the last one ended. */
  lastDone: number;
  /** Every transaction's stores, mode, begin and end (for the apply's diagnostics). */
  log: { stores: string; mode: string; begin: number; end: number; stack: string }[];
  /** Set by a probe to hear of each transaction as it begins. */
  onBegin: ((mode: IDBTransactionMode, stores: string[]) => void) | null;
}

/**
 * Installed before the app loads: counts the page's open IndexedDB transactions. A live query walking
 * 100,000 codings with a cursor leaves the main thread idle between steps, so "idle" alone is not
 * "done"; this is how the bench knows the app has finished reading.
 */
export function trackTransactions(): void {
  const state: IdbActivity = { active: 0, lastDone: 0, onBegin: null, log: [] };
  (window as unknown as { __idb: IdbActivity }).__idb = state;
  const begin = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase["transaction"]>) {
    const tx = begin.apply(this, args);
    state.active++;
    state.onBegin?.(tx.mode, [...tx.objectStoreNames]);
    // Where the app began it: the app's own frames (not Dexie's), to tell which query a long one is.
    const frames = (new Error().stack ?? "").split("\n").filter((line) => /assets\/index/.test(line) && !/dexie/i.test(line));
    const entry = {
      stores: [...tx.objectStoreNames].join("+"),
      mode: tx.mode,
      begin: performance.now(),
      end: Number.NaN,
      stack: frames
        .slice(1, 12)
        .map((f) => f.trim().replace(/\(.*\/assets\//, "("))
        .join(" < "),
    };
    if (state.log.length > 2000) state.log.splice(0, 1000);
    state.log.push(entry);
    const end = () => {
      state.active--;
      state.lastDone = performance.now();
      entry.end = state.lastDone;
    };
    tx.addEventListener("complete", end);
    tx.addEventListener("abort", end);
    return tx;
  };
}

/** Waits until no IndexedDB transaction has run for 300 ms and the main thread has been idle a while (live queries, GC done). */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const idb = (window as unknown as { __idb: IdbActivity }).__idb;
      return idb.active === 0 && performance.now() - idb.lastDone > 300;
    },
    null,
    { timeout: 120_000, polling: 100 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const started = performance.now();
        let quiet = 0;
        const tick = () =>
          requestIdleCallback(
            (deadline) => {
              quiet = deadline.timeRemaining() > 40 ? quiet + 1 : 0;
              if (quiet >= 3 || performance.now() - started > 20_000) resolve();
              else tick();
            },
            { timeout: 1000 },
          );
        tick();
      }),
  );
}

export async function firstRun(page: Page, url: string, projectName: string): Promise<string> {
  await page.goto(url);
  await page.getByLabel("Your name").fill("Bench Coder");
  await page.getByLabel("Initials").fill("BC");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "New project" }).click();
  await page.getByLabel("Project name").fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("heading", { name: projectName, level: 1 }).waitFor();
  const id = /#\/project\/([^/?]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no project id in ${page.url()}`);
  return decodeURIComponent(id);
}

/** Put+get pairs of a 1 KB record in this page (default and strict durability, interleaved), as row 5's reference. */
async function referencePairs(page: Page, pairs: number): Promise<{ plain: [number, number][]; strict: [number, number][] }> {
  return page.evaluate(async (pairs: number) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("margin-bench-reference", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("records", { keyPath: "id" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const filler = "lorem ipsum dolor sit amet ".repeat(40).slice(0, 1000);
    const putGet = async (i: number, durability: "default" | "strict"): Promise<[number, number]> => {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction("records", "readwrite", { durability });
        tx.objectStore("records").put({ id: `r${i}`, at: i, text: filler });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const t1 = performance.now();
      await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction("records", "readonly").objectStore("records").get(`r${i}`);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return [t1 - t0, performance.now() - t1];
    };
    const plain: [number, number][] = [];
    const strict: [number, number][] = [];
    for (let i = 0; i < pairs; i++) {
      plain.push(await putGet(i, "default"));
      strict.push(await putGet(pairs + i, "strict"));
    }
    db.close();
    return { plain, strict };
  }, pairs);
}

/** Clicks the long source's link in the page and waits for a painted block (and notes the first stripe). */
async function openBigSource(page: Page): Promise<OpenSample> {
  const link = sourcesLink(page);
  await link.waitFor();
  const sample = await link.evaluate(
    (element, timeoutMs: number) =>
      new Promise<{ ms: number | null; stripesMs: number | null }>((resolve) => {
        const t0 = performance.now();
        let blockSeen = false;
        let painted: number | null = null;
        let stripes: number | null = null;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          observer.disconnect();
          resolve({ ms: painted, stripesMs: stripes });
        };
        const observer = new MutationObserver(() => {
          if (stripes === null && document.querySelector("[data-coding-ids]")) stripes = performance.now() - t0;
          if (!blockSeen && document.querySelector("[data-block-start]")) {
            blockSeen = true;
            requestAnimationFrame(() => requestAnimationFrame(() => (painted = performance.now() - t0)));
          }
          if (stripes !== null && painted !== null) finish();
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-coding-ids"] });
        // Stripes may come after the paint (or never, if the codings fail to load): stop waiting at the timeout.
        const poll = () => {
          if (finished) return;
          if (painted !== null && stripes !== null) finish();
          else if (performance.now() - t0 > timeoutMs) finish();
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
        (element as HTMLElement).click();
      }),
    TIMEOUT_MS,
  );
  if (sample.ms === null) throw new Error(`the long source did not paint within ${TIMEOUT_MS / 1000} s`);
  return { ms: sample.ms, stripesMs: sample.stripesMs };
}

interface Spot {
  blockStart: number;
  from: number;
  to: number;
  start: number;
  end: number;
}

/**
 * Selects five words in a block on screen (a different place each round, never touching an earlier
 * one), with a DOM range built independently of the app's mapping, as the e2e helpers do.
 */
async function selectPassage(page: Page, round: number): Promise<Spot> {
  const spot = await page.evaluate((round: number) => {
    const region = document.querySelector<HTMLElement>('[role="region"][aria-label="Source text"]');
    if (!region) throw new Error('no region "Source text"');
    const view = region.getBoundingClientRect();
    const textNodes = (block: Element): Text[] => {
      const out: Text[] = [];
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (!node.parentElement?.closest("[data-ui]")) out.push(node as Text);
      return out;
    };
    const candidates: { block: HTMLElement; from: number; to: number }[] = [];
    for (const block of region.querySelectorAll<HTMLElement>("[data-block-start]")) {
      const box = block.getBoundingClientRect();
      if (box.top < view.top || box.bottom > view.bottom || block.tagName === "H1") continue;
      const text = textNodes(block)
        .map((t) => t.data)
        .join("");
      const words = [...text.matchAll(/\S+/g)];
      // Skip the speaker label; five-word passages three words apart, so no two are adjacent.
      for (let i = 2; i + 5 < words.length; i += 8) {
        const first = words[i];
        const last = words[i + 4];
        if (first?.index !== undefined && last?.index !== undefined)
          candidates.push({ block, from: first.index, to: last.index + last[0].replace(/[.?]$/, "").length });
      }
    }
    const chosen = candidates[round];
    if (!chosen) throw new Error(`only ${candidates.length} passages on screen`);
    const point = (at: number): [Node, number] => {
      let left = at;
      for (const node of textNodes(chosen.block)) {
        if (left <= node.length) return [node, left];
        left -= node.length;
      }
      throw new Error("offset past the block");
    };
    const range = document.createRange();
    range.setStart(...point(chosen.from));
    range.setEnd(...point(chosen.to));
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    const blockStart = Number(chosen.block.dataset.blockStart);
    return { blockStart, from: chosen.from, to: chosen.to, start: blockStart + chosen.from, end: blockStart + chosen.to };
  }, round);
  // The viewer publishes the selection on the next frame; the status line shows its offsets.
  await page.waitForFunction(
    ({ start, end }) => {
      const status = document.querySelector<HTMLElement>("[data-selection-start]");
      return status?.dataset.selectionStart === String(start) && status.dataset.selectionEnd === String(end);
    },
    spot,
    { timeout: TIMEOUT_MS },
  );
  return spot;
}

/**
 * Arms the probe for one apply: the clock starts at Enter's keydown (capturing, on window, before the
 * app sees it) or at `__codingProbe.start()`. IndexedDB's add/put are wrapped for the measurement
 * only, to learn the new coding's id and when its transaction commits.
 */
async function armApplyProbe(page: Page, spot: Spot, sourceId: string): Promise<void> {
  await page.evaluate(
    ({ spot, sourceId }) => {
      interface Probe {
        t0: number | null;
        codingId: string | null;
        persisted: number | null;
        highlight: number | null;
        stripe: number | null;
        painted: number | null;
        visible: number | null;
        txBegin: number | null;
        added: number | null;
        start(): void;
      }
      const target = (): Range | null => {
        const block = document.querySelector(`[data-block-start="${spot.blockStart}"]`);
        if (!block) return null;
        const nodes: Text[] = [];
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode())
          if (!node.parentElement?.closest("[data-ui]")) nodes.push(node as Text);
        const point = (at: number): [Node, number] | null => {
          let left = at;
          for (const node of nodes) {
            if (left <= node.length) return [node, left];
            left -= node.length;
          }
          return null;
        };
        const a = point(spot.from);
        const b = point(spot.to);
        if (!a || !b) return null;
        const range = document.createRange();
        range.setStart(...a);
        range.setEnd(...b);
        return range;
      };
      /** How many codes' highlights cover the passage. */
      const covering = (): number => {
        const passage = target();
        if (!passage) return 0;
        let n = 0;
        CSS.highlights.forEach((highlight, name) => {
          if (!name.startsWith("margin-code-")) return;
          for (const range of highlight) {
            if (
              range instanceof Range &&
              range.compareBoundaryPoints(Range.START_TO_START, passage) <= 0 &&
              range.compareBoundaryPoints(Range.END_TO_END, passage) >= 0
            ) {
              n++;
              return;
            }
          }
        });
        return n;
      };
      const before = covering();
      const proto = IDBObjectStore.prototype;
      const { add, put } = proto;
      const restore = () => {
        proto.add = add;
        proto.put = put;
      };
      let observer: MutationObserver | null = null;
      let scheduled = false;
      let visibleScheduled = false;
      const probe: Probe = {
        t0: null,
        codingId: null,
        persisted: null,
        highlight: null,
        stripe: null,
        painted: null,
        visible: null,
        txBegin: null,
        added: null,
        start() {
          if (probe.t0 !== null) return;
          probe.t0 = performance.now();
          observer = new MutationObserver(() => check(false));
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-coding-ids"] });
          const loop = () => {
            check(true);
            if (probe.painted === null && performance.now() - (probe.t0 ?? 0) < 30_000) requestAnimationFrame(loop);
            else restore();
          };
          requestAnimationFrame(loop);
        },
      };
      /** `inFrame`: called from an animation-frame callback, so this frame's paint already shows what is found. */
      const check = (inFrame: boolean) => {
        if (probe.t0 === null) return;
        const now = performance.now();
        if (probe.highlight === null && covering() > before) probe.highlight = now;
        if (
          probe.stripe === null &&
          probe.codingId !== null &&
          document.querySelector(`[data-coding-ids~="${CSS.escape(probe.codingId)}"]`)
        )
          probe.stripe = now;
        if (!visibleScheduled && probe.highlight !== null && probe.stripe !== null) {
          visibleScheduled = true;
          const afterPaint = () => setTimeout(() => (probe.visible = performance.now()), 0);
          if (inFrame) afterPaint();
          else requestAnimationFrame(afterPaint);
        }
        if (!scheduled && probe.persisted !== null && probe.highlight !== null && probe.stripe !== null) {
          scheduled = true;
          observer?.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => (probe.painted = performance.now())));
        }
      };
      const wrap = (original: typeof add) =>
        function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
          const record = value as { id?: unknown; sourceId?: unknown } | null;
          if (
            probe.t0 !== null &&
            probe.codingId === null &&
            this.name === "codings" &&
            record?.sourceId === sourceId &&
            typeof record.id === "string"
          ) {
            probe.codingId = record.id;
            probe.added = performance.now();
            this.transaction.addEventListener("complete", () => {
              probe.persisted = performance.now();
              check(false);
            });
          }
          return original.call(this, value, key);
        };
      proto.add = wrap(add);
      proto.put = wrap(put);
      const idb = (window as unknown as { __idb: { onBegin: ((mode: IDBTransactionMode, stores: string[]) => void) | null } }).__idb;
      idb.onBegin = (mode, stores) => {
        if (probe.t0 === null || probe.txBegin !== null || mode !== "readwrite" || !stores.includes("codings")) return;
        probe.txBegin = performance.now();
        idb.onBegin = null;
      };
      (window as unknown as { __codingProbe: Probe }).__codingProbe = probe;
      const onKey = (event: KeyboardEvent) => {
        if (event.key !== "Enter") return;
        window.removeEventListener("keydown", onKey, true);
        probe.start();
      };
      window.addEventListener("keydown", onKey, true);
    },
    { spot, sourceId },
  );
}

/** A CPU profile of the apply, from Enter to painted (MARGIN_BENCH_APPLY_PROFILE=1: diagnostics only). */
interface ApplyProfile {
  stop(): Promise<void>;
}

async function startApplyProfile(page: Page): Promise<ApplyProfile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  return {
    async stop() {
      const { profile } = await cdp.send("Profiler.stop");
      await cdp.detach();
      console.log(summariseProfile(profile));
      // MARGIN_BENCH_APPLY_PROFILE_DIR: also keep each profile (.cpuprofile, for DevTools or a script).
      const dir = process.env.MARGIN_BENCH_APPLY_PROFILE_DIR;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `apply-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      }
    },
  };
}

/** A trace of the apply: main-thread time by trace event (style, layout, paint…), MARGIN_BENCH_APPLY_TRACE=1. */
async function startApplyTrace(page: Page): Promise<ApplyProfile> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...(value as unknown as typeof events)));
  await cdp.send("Tracing.start", {
    categories: "toplevel,devtools.timeline,disabled-by-default-devtools.timeline",
    transferMode: "ReportEvents",
  });
  return {
    async stop() {
      const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
      await cdp.send("Tracing.end");
      await done;
      await cdp.detach();
      // The page's main thread: the one running its scripts and style recalcs.
      const byThread = new Map<number, number>();
      for (const e of events)
        if (e.ph === "X" && (e.name === "FunctionCall" || e.name === "UpdateLayoutTree"))
          byThread.set(e.tid, (byThread.get(e.tid) ?? 0) + (e.dur ?? 0));
      const main = [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
      const totals = new Map<string, number>();
      for (const e of events) if (e.ph === "X" && e.tid === main) totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25);
      console.log(
        `  apply trace (main thread, ms by event, nested events overlap):\n${top.map(([n, ms]) => `      ${ms.toFixed(1).padStart(6)} ms  ${n}`).join("\n")}`,
      );
      if (process.env.MARGIN_BENCH_APPLY_TRACE_TIMELINE === "1") console.log(traceTimeline(events, main));
    },
  };
}

type TraceEvent = { name: string; ph: string; dur?: number; tid: number; ts: number; args?: { data?: { type?: string } } };

/**
 * The main thread's tasks from Enter's keydown on (ms after it), each with its biggest inner events:
 * which task and which frame the time goes to (MARGIN_BENCH_APPLY_TRACE_TIMELINE=1, diagnostics only).
 */
function traceTimeline(events: TraceEvent[], main: number | undefined): string {
  const onMain = events.filter((e) => e.ph === "X" && e.tid === main).sort((a, b) => a.ts - b.ts);
  const enter = onMain.find((e) => e.name === "EventDispatch" && e.args?.data?.type === "keydown");
  if (!enter) return "  apply timeline: no keydown in the trace";
  const tasks = onMain.filter((e) => e.name === "ThreadControllerImpl::RunTask" && e.ts + (e.dur ?? 0) >= enter.ts && (e.dur ?? 0) >= 500);
  const inner = new Set([
    "FunctionCall",
    "TimerFire",
    "EventDispatch",
    "FireAnimationFrame",
    "UpdateLayoutTree",
    "Layout",
    "PrePaint",
    "Paint",
    "Layerize",
    "Commit",
    "HitTest",
    "ParseAuthorStyleSheet",
    "ScheduleStyleRecalculation",
  ]);
  const lines = tasks.slice(0, 40).map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const parts = new Map<string, number>();
    for (const e of onMain) {
      if (e.ts < task.ts || e.ts > end || e === task || !inner.has(e.name)) continue;
      const name = e.name === "EventDispatch" ? `EventDispatch(${e.args?.data?.type ?? "?"})` : e.name;
      parts.set(name, (parts.get(name) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const what = [...parts]
      .filter(([, ms]) => ms >= 0.3)
      .sort((a, b) => b[1] - a[1])
      .map(([n, ms]) => `${n} ${ms.toFixed(1)}`)
      .join(", ");
    return `      +${((task.ts - enter.ts) / 1000).toFixed(1).padStart(6)} ms  ${((task.dur ?? 0) / 1000).toFixed(1).padStart(5)} ms  ${what}`;
  });
  return `  apply timeline (main-thread tasks ≥ 0.5 ms from Enter's keydown; inner events overlap):\n${lines.join("\n")}`;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self and inclusive ms per function, top entries: where the main thread spent the apply. */
function summariseProfile(profile: CpuProfile): string {
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0) / 1000));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (id: number) => {
    const f = byId.get(id)?.callFrame;
    return f ? `${f.functionName || "(anonymous)"} ${f.url.replace(/.*\//, "")}:${f.lineNumber + 1}:${f.columnNumber + 1}` : "?";
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of self) {
    const name = label(id);
    selfBy.set(name, (selfBy.get(name) ?? 0) + ms);
    if (!name.startsWith("(idle)")) busy += ms;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = label(at);
      if (seen.has(n)) continue;
      seen.add(n);
      totalBy.set(n, (totalBy.get(n) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([n, ms]) => `      ${ms.toFixed(1).padStart(6)} ms  ${n}`)
      .join("\n");
  return `  apply CPU profile: ${busy.toFixed(0)} ms busy\n    self:\n${top(selfBy, 25)}\n    inclusive:\n${top(totalBy, 40)}`;
}

async function readApplyProbe(page: Page, cpu?: ApplyProfile): Promise<ApplySample> {
  await page.waitForFunction(
    () => (window as unknown as { __codingProbe: { painted: number | null } }).__codingProbe.painted !== null,
    null,
    {
      timeout: TIMEOUT_MS,
      polling: 100,
    },
  );
  await cpu?.stop();
  // Then until the app's reads after the write (its live queries) are over: how long one coding keeps IndexedDB busy.
  await settle(page);
  return page.evaluate(() => {
    const w = window as unknown as {
      __codingProbe: {
        t0: number;
        persisted: number;
        highlight: number;
        stripe: number;
        painted: number;
        visible: number | null;
        txBegin: number | null;
        added: number | null;
      };
      __idb: { lastDone: number; log: { stores: string; mode: string; begin: number; end: number; stack: string }[] };
    };
    const p = w.__codingProbe;
    const longest = w.__idb.log
      .filter((t) => t.begin >= p.t0)
      .sort((a, b) => b.end - b.begin - (a.end - a.begin))
      .slice(0, 3)
      .map(
        (t) =>
          `${t.stores.length > 40 ? "(all stores)" : t.stores} ${t.mode} ${(t.end - t.begin).toFixed(0)} ms (from +${(t.begin - p.t0).toFixed(0)} ms)\u0001${t.stack}`,
      );
    return {
      persistedMs: p.persisted - p.t0,
      highlightMs: p.highlight - p.t0,
      stripeMs: p.stripe - p.t0,
      paintedMs: p.painted - p.t0,
      visibleMs: (p.visible ?? p.painted) - p.t0,
      txBeginMs: (p.txBegin ?? Number.NaN) - p.t0,
      addedMs: (p.added ?? Number.NaN) - p.t0,
      busyMs: w.__idb.lastDone - p.t0,
      longest,
    };
  });
}

/** Ctrl+K, type the code's name, wait for it to be the highlighted option, then time Enter. Null if there is no palette. */
async function applyWithPalette(page: Page, spot: Spot, sourceId: string): Promise<ApplySample | null> {
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Code the selection" });
  const opened = await palette.waitFor({ timeout: 5000 }).then(
    () => true,
    () => false,
  );
  if (!opened) return null;
  await palette.getByRole("combobox", { name: "Code name or path" }).waitFor();
  await page.keyboard.type(TARGET_CODE_NAME);
  await palette.getByRole("option", { selected: true }).filter({ hasText: TARGET_CODE_NAME }).waitFor({ timeout: TIMEOUT_MS });
  await armApplyProbe(page, spot, sourceId);
  const cpu =
    process.env.MARGIN_BENCH_APPLY_PROFILE === "1"
      ? await startApplyProfile(page)
      : process.env.MARGIN_BENCH_APPLY_TRACE === "1"
        ? await startApplyTrace(page)
        : null;
  await page.keyboard.press("Enter");
  const sample = await readApplyProbe(page, cpu ?? undefined);
  await palette.waitFor({ state: "detached", timeout: TIMEOUT_MS });
  return sample;
}

/** The fallback path: choose the code in the codebook panel, then time its "Code selection" button. */
async function applyWithCodebook(page: Page, spot: Spot, sourceId: string): Promise<ApplySample> {
  const codebook = page.getByRole("complementary", { name: "Codes and memos" });
  await codebook.getByPlaceholder("Filter codes").fill(TARGET_CODE_NAME);
  await codebook.getByRole("treeitem", { name: TARGET_CODE_NAME, exact: true }).click();
  const button = codebook
    .getByRole("group", { name: `Selected code: ${TARGET_CODE_NAME}` })
    .getByRole("button", { name: "Code selection" });
  await button.waitFor();
  await page.waitForFunction(
    (start) => document.querySelector<HTMLElement>("[data-selection-start]")?.dataset.selectionStart === String(start),
    spot.start,
  );
  await armApplyProbe(page, spot, sourceId);
  await button.evaluate((element) => {
    (window as unknown as { __codingProbe: { start(): void } }).__codingProbe.start();
    (element as HTMLElement).click();
  });
  return readApplyProbe(page);
}

/** Ticks the code with 5,000 codings in the checklist, in the page, and waits for the first row's text painted. */
async function retrieve(page: Page): Promise<RetrievalSample> {
  await projectNav(page).getByRole("link", { name: "Coded segments" }).click();
  const checklist = page.getByRole("list", { name: "Code checklist" });
  await checklist.waitFor();
  await settle(page);
  const box = checklist.getByRole("checkbox", { name: new RegExp(`/ ${HOT_CODE_NAME}$`) });
  const sample = await box.evaluate(
    (element, timeoutMs: number) =>
      new Promise<{ rowMs: number | null; textMs: number | null; segments: number }>((resolve) => {
        const t0 = performance.now();
        let row: number | null = null;
        let text: number | null = null;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          observer.disconnect();
          const first = document.querySelector('ul[aria-label="Segments"] > li[aria-posinset="1"]');
          resolve({ rowMs: row, textMs: text, segments: Number(first?.getAttribute("aria-setsize") ?? 0) });
        };
        const observer = new MutationObserver(() => {
          if (row === null && document.querySelector('ul[aria-label="Segments"] > li article')) row = performance.now() - t0;
          if (text === null && document.querySelector('ul[aria-label="Segments"] > li[aria-posinset="1"] [data-segment-text]')) {
            text = -1;
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                text = performance.now() - t0;
                finish();
              }),
            );
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(finish, timeoutMs);
        (element as HTMLElement).click();
      }),
    TIMEOUT_MS,
  );
  if (sample.rowMs === null || sample.textMs === null || sample.textMs < 0) throw new Error(`no segment row within ${TIMEOUT_MS / 1000} s`);
  await settle(page);
  // Un-tick rather than "Clear codes": the search field overflows the picker column and covers that button.
  await box.uncheck();
  await page.locator('ul[aria-label="Segments"]').waitFor({ state: "detached" });
  return { rowMs: sample.rowMs, textMs: sample.textMs, segments: sample.segments };
}

/** A persistent context has no Browser object to ask, and the user agent string is reduced ("156.0.0.0"). */
async function browserVersion(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page);
  const { product } = await cdp.send("Browser.getVersion");
  await cdp.detach();
  return /\/([\d.]+)$/.exec(product)?.[1] ?? product;
}

async function countCodingsOf(page: Page, dbName: string, sourceId: string): Promise<number> {
  return page.evaluate(
    async ({ dbName, sourceId }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const count = await new Promise<number>((resolve, reject) => {
        const request = db.transaction("codings").objectStore("codings").index("sourceId").count(sourceId);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return count;
    },
    { dbName, sourceId },
  );
}

export async function runCodingBench(url: string, benchDir: string, log: (line: string) => void): Promise<CodingResult> {
  const profile = path.join(benchDir, "coding-profile");
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  try {
    ({ context, page } = await launchPersistentProfile(profile, trackTransactions));
    const projectId = await firstRun(page, url, "Seed-scale coding bench");
    log("Coding: seeding 1,000 sources, 500 codes, 100,000 codings into IndexedDB …");
    const seed = await seedProject(page, projectId, log);
    log(`Coding: seeded in ${(seed.ms / 1000).toFixed(1)} s (IndexedDB version ${seed.dbVersion}); reloading …`);

    await page.reload();
    // Timed in the page: performance.now() counts from the reload's navigation start.
    const shown = await page.waitForFunction(
      (name) =>
        [...document.querySelectorAll('[role="table"][aria-label="Sources"] a')].some((a) => a.textContent === name)
          ? performance.now()
          : 0,
      BIG_SOURCE_NAME,
      { timeout: 120_000, polling: "raf" },
    );
    const reopenMs = Number(await shown.jsonValue());
    await settle(page);

    const plain: [number, number][] = [];
    const strict: [number, number][] = [];
    const open: OpenSample[] = [];
    const apply: ApplySample[] = [];
    const retrieval: RetrievalSample[] = [];
    let applyPath: CodingResult["applyPath"] = "palette";
    for (let round = 0; round < ROUNDS; round++) {
      log(`Coding: round ${round + 1} / ${ROUNDS} …`);
      const pairs = await referencePairs(page, REFERENCE_PAIRS);
      plain.push(...pairs.plain);
      strict.push(...pairs.strict);

      open.push(await openBigSource(page));
      await page.locator("[data-coding-ids]").first().waitFor({ timeout: TIMEOUT_MS });
      await settle(page);

      const spot = await selectPassage(page, round);
      let sample = applyPath === "palette" ? await applyWithPalette(page, spot, seed.big.id) : null;
      if (!sample) {
        if (applyPath === "palette") log("Coding: no quick-code palette on Ctrl+K; measuring the codebook's Code selection button instead");
        applyPath = "codebook button";
        sample = await applyWithCodebook(page, spot, seed.big.id);
      }
      apply.push(sample);
      await settle(page);

      const found = await retrieve(page);
      retrieval.push(found);
      const o = open[open.length - 1];
      log(
        `  open ${o?.ms.toFixed(0)} ms · apply saved ${sample.persistedMs.toFixed(0)} ms, visible ${sample.visibleMs.toFixed(0)} ms, painted ${sample.paintedMs.toFixed(0)} ms · ` +
          `retrieval row ${found.rowMs.toFixed(0)} ms, text ${found.textMs.toFixed(0)} ms · put+get ${median(pairs.plain.map(([p, g]) => p + g)).toFixed(2)} ms`,
      );
      // MARGIN_BENCH_STACKS=1 adds where the app began each (best with MARGIN_BENCH_MINIFY=0).
      const longest = sample.longest.map((t) => {
        const [label, stack] = t.split("\u0001");
        return process.env.MARGIN_BENCH_STACKS === "1" && stack ? `${label} [${stack}]` : label;
      });
      log(
        `  apply: highlight ${sample.highlightMs.toFixed(0)} ms, IndexedDB busy until ${sample.busyMs.toFixed(0)} ms; longest transactions: ${longest.join("; ")}`,
      );
      await projectNav(page)
        .getByRole("link", { name: /^Sources/ })
        .click();
      await sourcesLink(page).waitFor({ timeout: TIMEOUT_MS });
      await settle(page);
    }
    const bigCodingsAfter = await countCodingsOf(page, `margin-project-${projectId}`, seed.big.id);
    const first = plain[0];
    return {
      browserVersion: await browserVersion(context, page),
      seed,
      reopenMs,
      reference: {
        putGetMs: median(plain.map(([p, g]) => p + g)),
        putMs: median(plain.map(([p]) => p)),
        getMs: median(plain.map(([, g]) => g)),
        strictPutGetMs: median(strict.map(([p, g]) => p + g)),
        firstPutGetMs: first ? first[0] + first[1] : Number.NaN,
        samples: plain.length,
      },
      applyPath,
      rounds: ROUNDS,
      open,
      apply,
      retrieval,
      openMedianMs: median(open.map((s) => s.ms)),
      applyMedianMs: median(apply.map((s) => Math.max(s.persistedMs, s.paintedMs))),
      applyVisibleMedianMs: median(apply.map((s) => Math.max(s.persistedMs, s.visibleMs))),
      retrievalMedianMs: median(retrieval.map((s) => s.textMs)),
      bigCodingsAfter,
    };
  } catch (error) {
    await saveFailureScreenshot(page, path.join(benchDir, "coding-failure.png"));
    throw error;
  } finally {
    await closeProfile(context, profile);
  }
}
