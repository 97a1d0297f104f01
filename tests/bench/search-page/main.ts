/**
 * Runs in Chromium, in a page of the app's origin (tests/bench/search-chromium-bench.ts drives it through
 * window.searchBench): the app's corpus worker through its client (renderer/search/corpusClient.ts), and
 * autocoding through the app's repository (renderer/db/autocode.ts). Times are performance.now() here.
 */
import type { Range } from "../../../shared/coding/ranges";
import type { SourceId } from "../../../shared/ids";
import type { SourceContentRecord } from "../../../shared/model/records";
import type { SearchOptions } from "../../../shared/search/query";
import { spreadHit } from "../../../shared/search/spread";
import { addToIndex, compactIndex, createSearchIndex, indexSize } from "../../../shared/search/index";
import { applyAutocode, previewAutocode } from "../../../renderer/db/autocode";
import { getProfile } from "../../../renderer/db/profile";
import { openProject, type OpenProject } from "../../../renderer/db/projects";
import { CorpusClient } from "../../../renderer/search/corpusClient";
import type { SearchAnswer } from "../../../renderer/search/corpusProtocol";

let client: CorpusClient | null = null;
let project: OpenProject | null = null;
let longest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
}).observe({ type: "longtask" });

function waitLoaded(c: CorpusClient, total: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const s = c.getStatus();
      if (s.total === total && s.loaded === total) {
        off();
        resolve();
      }
    };
    const off = c.subscribe(check);
    check();
  });
}

async function liveSourceIds(): Promise<string[]> {
  if (!project) throw new Error("open first");
  return (await project.db.sources.toArray()).filter((s) => !s.deleted).map((s) => s.id);
}

const api = {
  /** Starts the corpus worker and times loading + indexing every source; the longest main-thread task meanwhile. */
  async open(projectId: string): Promise<{ sources: number; loadMs: number; longestTaskMs: number; timeline: [number, number][] }> {
    const profile = await getProfile();
    if (!profile) throw new Error("no profile");
    project = await openProject(projectId, profile);
    const ids = await liveSourceIds();
    longest = 0;
    const t0 = performance.now();
    client = new CorpusClient(projectId);
    const timeline: [number, number][] = [];
    client.subscribe(() => timeline.push([Math.round(performance.now() - t0), client?.getStatus().loaded ?? 0]));
    client.sync(ids);
    await waitLoaded(client, ids.length);
    return {
      sources: ids.length,
      loadMs: performance.now() - t0,
      longestTaskMs: longest,
      timeline: timeline.filter((_, i) => i % 10 === 0),
    };
  },

  /** One search from the request: when the first screen (a partial, or the answer) and the full answer arrived. */
  async search(
    text: string,
    options: SearchOptions,
  ): Promise<{ firstMs: number; fullMs: number; total: number; rows: number; stopped: boolean; message: string | null }> {
    if (!client) throw new Error("open first");
    const t0 = performance.now();
    let first: number | null = null;
    const answer: SearchAnswer = await client.ask(
      "search",
      { text, options, scope: {} },
      { onPartial: () => (first ??= performance.now() - t0), timeoutMs: 10_000 },
    );
    const fullMs = performance.now() - t0;
    if (!answer.ok) throw new Error(answer.message);
    return {
      firstMs: first ?? fullMs,
      fullMs,
      total: answer.counts.total,
      rows: answer.rows.length,
      stopped: answer.stopped,
      message: answer.message ?? null,
    };
  },

  /**
   * A catastrophic regular expression: a source holding a run of 40 a's and a "!" is added, then (a+)+$
   * is asked for. How long until the message, frames painted meanwhile, and a words search right after.
   */
  async pathological(): Promise<{
    ms: number;
    message: string | null;
    frames: number;
    longestTaskMs: number;
    nurseAfterMs: number;
    nurseTotal: number;
  }> {
    if (!client) throw new Error("open first");
    await api.importSources(1, `Interviewer: ${"a".repeat(40)}!`);
    let frames = 0;
    let running = true;
    const tick = () => {
      frames++;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    longest = 0;
    const t0 = performance.now();
    const answer = await client.ask("search", { text: "(a+)+$", options: { regex: true }, scope: {} }, { timeoutMs: 5_000 });
    const ms = performance.now() - t0;
    running = false;
    // The index survived: a words search right after has its first screen as soon as before.
    const after = await api.search("nurse", {});
    return {
      ms,
      message: answer.ok ? (answer.message ?? null) : answer.message,
      frames,
      longestTaskMs: longest,
      nurseAfterMs: after.firstMs,
      nurseTotal: after.total,
    };
  },

  /** Writes `count` new sources (copies of existing ones with a new word), syncs, and times until they are indexed and found. */
  async importSources(count: number, word: string): Promise<{ syncMs: number; found: number; searchMs: number }> {
    if (!client || !project) throw new Error("open first");
    const db = project.db;
    const ids = await liveSourceIds();
    const made: string[] = [];
    await db.transaction("rw", db.sources, db.sourceContent, async () => {
      for (let i = 0; i < count; i++) {
        const from = ids[i] as SourceId;
        const source = await db.sources.get(from);
        const content = await db.sourceContent.get(from);
        if (!source || !content) throw new Error("missing source");
        const id = crypto.randomUUID() as SourceId;
        const text = `${content.text}\n${word}`;
        const blocks = [...content.blocks, { kind: "paragraph" as const, start: content.text.length + 1, end: text.length }];
        await db.sources.put({ ...source, id, name: `Imported ${i}`, charCount: text.length });
        await db.sourceContent.put({ ...content, id, text, blocks });
        made.push(id);
      }
    });
    const all = [...ids, ...made];
    const t0 = performance.now();
    client.sync(all);
    await waitLoaded(client, all.length);
    const syncMs = performance.now() - t0;
    const found = await api.search(word, {});
    return { syncMs, found: found.total, searchMs: found.fullMs };
  },

  /** Builds an index on this page's main thread from every content: build time, the estimate, and the JS heap growth. */
  async indexHere(): Promise<{ buildMs: number; compactMs: number; estimate: ReturnType<typeof indexSize>; heapGrowth: number | null }> {
    if (!project) throw new Error("open first");
    const contents: SourceContentRecord[] = await project.db.sourceContent.toArray();
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    const before = memory?.usedJSHeapSize ?? null;
    const t0 = performance.now();
    const index = createSearchIndex();
    for (const c of contents) addToIndex(index, { sourceId: c.id, text: c.text, blocks: c.blocks, turns: c.turns });
    const buildMs = performance.now() - t0;
    const t1 = performance.now();
    compactIndex(index);
    const compactMs = performance.now() - t1;
    const after = memory?.usedJSHeapSize ?? null;
    const estimate = indexSize(index);
    (window as unknown as { keep: unknown }).keep = index;
    return { buildMs, compactMs, estimate, heapGrowth: before !== null && after !== null ? after - before : null };
  },

  /** Autocode the first 300 hits of a search to speaker turns with a new code: preview, then apply (one batch). */
  async autocode(
    text: string,
  ): Promise<{ hits: number; ranges: number; previewMs: number; applyMs: number; created: number; previewCreates: number }> {
    if (!client || !project) throw new Error("open first");
    const answer = await client.ask("search", { text, options: {}, scope: {} });
    if (!answer.ok) throw new Error(answer.message);
    const hits = answer.rows.slice(0, 300);
    const t0 = performance.now();
    const contents = await project.db.sourceContent.bulkGet([...new Set(hits.map((h) => h.sourceId))]);
    const byId = new Map(contents.filter((c): c is SourceContentRecord => c !== undefined).map((c) => [c.id as string, c]));
    const ranges = new Map<SourceId, Range[]>();
    for (const h of hits) {
      const c = byId.get(h.sourceId);
      if (!c) continue;
      const list = ranges.get(h.sourceId as SourceId) ?? [];
      list.push(spreadHit(c, h, "turn"));
      ranges.set(h.sourceId as SourceId, list);
    }
    const plan = await previewAutocode(project, ranges, null);
    const previewMs = performance.now() - t0;
    const t1 = performance.now();
    const applied = await applyAutocode(project, {
      rangesBySource: ranges,
      code: { newCode: { name: `Autocoded ${text} ${Date.now()}`, parentId: null, colour: "#0072B2" } },
      label: `Autocoded “${text}” → bench, speaker turns, ${hits.length} passages`,
    });
    const applyMs = performance.now() - t1;
    return {
      hits: hits.length,
      ranges: [...ranges.values()].reduce((n, l) => n + l.length, 0),
      previewMs,
      applyMs,
      created: applied.plan.totals.creates,
      previewCreates: plan.totals.creates,
    };
  },

  /** Every live source's text, a slice at a time (for ripgrep's files in Node). */
  async texts(from: number, count: number): Promise<string[]> {
    if (!project) throw new Error("open first");
    const ids = (await liveSourceIds()).slice(from, from + count);
    return (await project.db.sourceContent.bulkGet(ids)).map((c) => c?.text ?? "");
  },
};

(window as unknown as { searchBench: typeof api }).searchBench = api;
document.title = "search bench ready";
