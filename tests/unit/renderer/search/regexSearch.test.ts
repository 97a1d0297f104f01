/**
 * The regular-expression worker's handle (renderer/search/regexSearch.ts) and the client's partial
 * answers (corpusClient.ts), with fake Workers: a worker that never answers (a catastrophic pattern) is
 * terminated at the limit with a clear message and replaced; texts are sent once; the client hands
 * partials to onPartial before the answer and tells the worker its time limit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CorpusClient, type CorpusWorkerLike } from "../../../../renderer/search/corpusClient";
import type { CorpusReply, CorpusRequest, SearchAnswer, SearchFirstScreen } from "../../../../renderer/search/corpusProtocol";
import {
  answerRegex,
  REGEX_TIME_LIMIT_MS,
  RegexRunner,
  regexStoppedMessage,
  regexTimeLimit,
  type HeldText,
  type RegexReply,
  type RegexRequest,
  type RegexSearch,
  type RegexWorkerLike,
} from "../../../../renderer/search/regexSearch";
import { searchSources, type SearchTarget } from "../../../../shared/search/match";
import { parseQuery } from "../../../../shared/search/query";

class FakeRegexWorker implements RegexWorkerLike {
  onmessage: ((event: MessageEvent<RegexReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  posted: RegexRequest[] = [];
  terminated = false;
  postMessage(message: RegexRequest): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: RegexReply): void {
    this.onmessage?.({ data } as MessageEvent<RegexReply>);
  }
}

const target = (sourceId: string, text: string): SearchTarget => ({ sourceId, text, blocks: [], turns: [] });
const A = target("a", "nurse aaa nursing");
const B = target("b", "the nurses");
const search = (text: string, targets: SearchTarget[]): RegexSearch => ({ text, options: { regex: true }, targets, notes: [] });
const NO_HITS = { hits: [], noteHits: [], sourcesSearched: 0, stopped: false };

function runner(): { run: RegexRunner; workers: FakeRegexWorker[] } {
  const workers: FakeRegexWorker[] = [];
  const run = new RegexRunner(() => {
    const w = new FakeRegexWorker();
    workers.push(w);
    return w;
  });
  return { run, workers };
}

describe("RegexRunner", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("terminates a worker still running at the limit and says why, with no hits; the next search starts afresh", async () => {
    const { run, workers } = runner();
    const result = run.run(search("(a+)+$", [A]), 1_500);
    await vi.advanceTimersByTimeAsync(0);
    expect(workers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(workers[0]?.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers[0]?.terminated).toBe(true);
    expect(await result).toEqual({ hits: [], noteHits: [], sourcesSearched: 0, stopped: true, message: regexStoppedMessage(1_500) });
    expect(regexStoppedMessage(1_500)).toMatch(/took longer than 1\.5 seconds and was stopped.*\(a\+\)\+\$/);
    // The next search gets a fresh worker, sent every text again (the old one took its copy with it).
    const next = run.run(search("nurse", [A]), 1_500);
    await vi.advanceTimersByTimeAsync(0);
    expect(workers).toHaveLength(2);
    expect(workers[1]?.posted[0]?.add.map((s) => s.sourceId)).toEqual(["a"]);
    workers[1]?.reply({ ok: true, outcome: NO_HITS });
    expect(await next).toEqual(NO_HITS);
  });

  it("sends each text once, drops what is no longer searched, and keeps the worker between searches", async () => {
    const { run, workers } = runner();
    const first = run.run(search("nurs", [A, B]), 5_000);
    await vi.advanceTimersByTimeAsync(0);
    const w = workers[0] as FakeRegexWorker;
    expect(w.posted[0]).toMatchObject({ drop: [], targets: [{ sourceId: "a" }, { sourceId: "b" }] });
    expect(w.posted[0]?.add.map((s) => s.sourceId)).toEqual(["a", "b"]);
    w.reply({ ok: true, outcome: NO_HITS });
    await first;
    const changedB = target("b", "the nurses, again");
    const second = run.run(search("nurs", [changedB]), 5_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(workers).toHaveLength(1);
    expect(w.terminated).toBe(false);
    expect(w.posted[1]).toMatchObject({ drop: ["a"], add: [{ sourceId: "b", text: "the nurses, again" }] });
    w.reply({ ok: true, outcome: NO_HITS });
    await second;
  });

  it("runs one search at a time: a second waits until the first has its answer", async () => {
    const { run, workers } = runner();
    const first = run.run(search("a", [A]), 5_000);
    const second = run.run(search("b", [A]), 5_000);
    await vi.advanceTimersByTimeAsync(0);
    const w = workers[0] as FakeRegexWorker;
    expect(w.posted.map((r) => r.text)).toEqual(["a"]);
    w.reply({ ok: true, outcome: NO_HITS });
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(w.posted.map((r) => r.text)).toEqual(["a", "b"]);
    w.reply({ ok: true, outcome: NO_HITS });
    await second;
  });

  it("turns a failed worker into a stopped outcome naming the failure, and replaces the worker", async () => {
    const { run, workers } = runner();
    const result = run.run(search("a", [A]), 5_000);
    await vi.advanceTimersByTimeAsync(0);
    workers[0]?.onerror?.({ message: "out of memory", preventDefault: () => {} } as ErrorEvent);
    expect(await result).toMatchObject({ stopped: true, hits: [], message: expect.stringContaining("out of memory") as string });
    expect(workers[0]?.terminated).toBe(true);
  });

  it("keeps the limit inside the client's and at most REGEX_TIME_LIMIT_MS", () => {
    expect(regexTimeLimit(10_000)).toBe(REGEX_TIME_LIMIT_MS);
    expect(regexTimeLimit(2_000)).toBe(1_600);
    expect(regexTimeLimit(10)).toBe(50);
  });
});

describe("answerRegex (the regex worker)", () => {
  it("searches what it holds as the core does, after adding and dropping, within scope ranges", () => {
    const held = new Map<string, HeldText>();
    const reply = answerRegex(held, {
      text: "nurs(e|ing)",
      options: { regex: true },
      add: [A, B],
      drop: [],
      targets: [{ sourceId: "a", within: [{ start: 0, end: 9 }] }, { sourceId: "b" }],
      notes: [{ kind: "memo", id: "m", text: "Memo\nnursing notes" }],
    });
    const parsed = parseQuery("nurs(e|ing)", { regex: true });
    if (!parsed.ok) throw new Error(parsed.message);
    const core = searchSources(parsed.query, [{ ...A, within: [{ start: 0, end: 9 }] }, B]);
    expect(reply).toEqual({ ok: true, outcome: { ...core, noteHits: [{ kind: "memo", id: "m", start: 5, end: 12 }] } });
    const after = answerRegex(held, {
      text: "nurse",
      options: { regex: true },
      add: [],
      drop: ["a"],
      targets: [{ sourceId: "a" }, { sourceId: "b" }],
      notes: [],
    });
    expect(after.ok && after.outcome.hits.map((h) => h.sourceId)).toEqual(["b"]);
    expect(answerRegex(held, { text: "(", options: { regex: true }, add: [], drop: [], targets: [], notes: [] })).toMatchObject({
      ok: false,
    });
  });
});

class FakeCorpusWorker implements CorpusWorkerLike {
  onmessage: ((event: MessageEvent<CorpusReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  posted: CorpusRequest[] = [];
  terminated = false;
  postMessage(message: CorpusRequest): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: CorpusReply): void {
    this.onmessage?.({ data } as MessageEvent<CorpusReply>);
  }
}

describe("CorpusClient partial answers", () => {
  it("hands the first screen to onPartial, then resolves with the answer, and tells the worker its limit", async () => {
    const workers: FakeCorpusWorker[] = [];
    const client = new CorpusClient("p", () => {
      const w = new FakeCorpusWorker();
      workers.push(w);
      return w;
    });
    const seen: string[] = [];
    const firstScreen: SearchFirstScreen = { rows: [], counts: { perSource: [], total: 500 }, sourcesSearched: 9 };
    const answer: SearchAnswer = {
      ok: true,
      rows: [],
      counts: { perSource: [], total: 500 },
      notes: [],
      sourcesSearched: 9,
      stopped: false,
    };
    const asked = client.ask(
      "search",
      { text: "nurse", options: {}, scope: {} },
      { timeoutMs: 3_000, onPartial: (p) => seen.push(`partial ${p.counts.total}`) },
    );
    const worker = workers[0] as FakeCorpusWorker;
    const ask = worker.posted.find((m) => m.type === "ask");
    expect(ask).toMatchObject({ type: "ask", kind: "search", timeLimitMs: 3_000 });
    const requestId = ask?.type === "ask" ? ask.requestId : -1;
    worker.reply({ type: "partial", requestId, partial: firstScreen });
    expect(seen).toEqual(["partial 500"]);
    worker.reply({ type: "answer", requestId, answer });
    await expect(asked).resolves.toEqual(answer);
    worker.reply({ type: "partial", requestId, partial: firstScreen }); // after the answer: ignored
    expect(seen).toEqual(["partial 500"]);
    client.dispose();
  });
});
