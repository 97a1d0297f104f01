/**
 * The disposable regular-expression worker (renderer/search/regexSearch.ts) and the client's partial
 * answers (corpusClient.ts), with fake Workers: a worker that never answers (a catastrophic pattern) is
 * terminated at the limit with a clear message; one that answers is terminated after; the client hands
 * partials to onPartial before the answer and tells the worker its time limit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CorpusClient, type CorpusWorkerLike } from "../../../../renderer/search/corpusClient";
import type { CorpusReply, CorpusRequest, SearchAnswer, SearchFirstScreen } from "../../../../renderer/search/corpusProtocol";
import {
  REGEX_TIME_LIMIT_MS,
  regexStoppedMessage,
  regexTimeLimit,
  runRegexSearch,
  type RegexReply,
  type RegexRequest,
  type RegexWorkerLike,
} from "../../../../renderer/search/regexSearch";

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

const REQUEST: RegexRequest = { text: "(a+)+$", options: { regex: true }, targets: [], notes: [] };

describe("runRegexSearch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("terminates a worker still running at the limit and says why, with no hits", async () => {
    const worker = new FakeRegexWorker();
    const result = runRegexSearch(REQUEST, 1_500, () => worker);
    expect(worker.posted).toEqual([REQUEST]);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(worker.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(worker.terminated).toBe(true);
    expect(await result).toEqual({ hits: [], noteHits: [], sourcesSearched: 0, stopped: true, message: regexStoppedMessage(1_500) });
    expect(regexStoppedMessage(1_500)).toMatch(/took longer than 1\.5 seconds and was stopped.*\(a\+\)\+\$/);
    worker.reply({
      ok: true,
      outcome: { hits: [{ sourceId: "late", start: 0, end: 1 }], noteHits: [], sourcesSearched: 1, stopped: false },
    });
    expect((await result).hits).toEqual([]); // a late answer changes nothing
  });

  it("returns the worker's outcome and ends the worker", async () => {
    const worker = new FakeRegexWorker();
    const result = runRegexSearch(REQUEST, 5_000, () => worker);
    const outcome = { hits: [{ sourceId: "s", start: 1, end: 4 }], noteHits: [], sourcesSearched: 1, stopped: false };
    worker.reply({ ok: true, outcome });
    expect(await result).toEqual(outcome);
    expect(worker.terminated).toBe(true);
  });

  it("turns a failed worker into a stopped outcome naming the failure", async () => {
    const worker = new FakeRegexWorker();
    const result = runRegexSearch(REQUEST, 5_000, () => worker);
    worker.onerror?.({ message: "out of memory", preventDefault: () => {} } as ErrorEvent);
    expect(await result).toMatchObject({ stopped: true, hits: [], message: expect.stringContaining("out of memory") as string });
    expect(worker.terminated).toBe(true);
  });

  it("keeps the limit inside the client's and at most REGEX_TIME_LIMIT_MS", () => {
    expect(regexTimeLimit(10_000)).toBe(REGEX_TIME_LIMIT_MS);
    expect(regexTimeLimit(2_000)).toBe(1_600);
    expect(regexTimeLimit(10)).toBe(50);
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
