import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CorpusClient, CorpusStoppedError, CORPUS_TIME_LIMIT_MS, type CorpusWorkerLike } from "../../../../renderer/search/corpusClient";
import type { CorpusReply, CorpusRequest, SearchAnswer } from "../../../../renderer/search/corpusProtocol";

/** A worker that records what it is sent and answers only when the test says so. */
class FakeWorker implements CorpusWorkerLike {
  sent: CorpusRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<CorpusReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: CorpusRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(reply: CorpusReply): void {
    this.onmessage?.({ data: reply } as MessageEvent<CorpusReply>);
  }
  asks(): Extract<CorpusRequest, { type: "ask" }>[] {
    return this.sent.filter((m): m is Extract<CorpusRequest, { type: "ask" }> => m.type === "ask");
  }
}

function setUp() {
  const workers: FakeWorker[] = [];
  const client = new CorpusClient("project-1", () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { client, workers, current: () => workers[workers.length - 1] as FakeWorker };
}

const answer = (total: number): SearchAnswer => ({
  ok: true,
  rows: [],
  counts: { perSource: [], total },
  notes: [],
  sourcesSearched: 1,
  stopped: false,
});
const question = { text: "nurse", options: {}, scope: {} };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("CorpusClient", () => {
  it("opens the project in the worker and routes each answer to its own question", async () => {
    const { client, current } = setUp();
    expect(current().sent[0]).toEqual({ type: "open", projectId: "project-1" });
    const first = client.ask("search", question);
    const second = client.ask("search", { ...question, text: "ward" });
    const [a, b] = current().asks();
    expect(a?.kind).toBe("search");
    // Answered in the other order: each promise still gets its own.
    current().reply({ type: "answer", requestId: b?.requestId ?? -1, answer: answer(2) });
    current().reply({ type: "answer", requestId: a?.requestId ?? -1, answer: answer(1) });
    await expect(first).resolves.toMatchObject({ counts: { total: 1 } });
    await expect(second).resolves.toMatchObject({ counts: { total: 2 } });
  });

  it("a question past its time limit is rejected with the message, and the worker is terminated and restarted with the sources", async () => {
    const { client, workers, current } = setUp();
    client.sync(["s1", "s2"]);
    const asked = client.ask("search", question, { timeoutMs: 500 });
    const outcome = asked.catch((e: unknown) => e);
    vi.advanceTimersByTime(499);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(CorpusStoppedError);
    expect((error as CorpusStoppedError).reason).toBe("time-limit");
    expect((error as Error).message).toMatch(/longer than 0\.5 seconds and was stopped, so Margin stays responsive/);
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(current().sent).toEqual([
      { type: "open", projectId: "project-1" },
      { type: "sync", sourceIds: ["s1", "s2"] },
    ]);
    expect(client.getStatus()).toEqual({ loaded: 0, total: 2 });
  });

  it("uses a ten-second limit unless told otherwise", async () => {
    const { client, workers } = setUp();
    const outcome = client.ask("search", question).catch((e: unknown) => e);
    vi.advanceTimersByTime(CORPUS_TIME_LIMIT_MS - 1);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(await outcome).toMatchObject({ reason: "time-limit" });
    expect(CORPUS_TIME_LIMIT_MS).toBe(10_000);
  });

  it("cancelling terminates the worker and rejects; an already cancelled signal never reaches the worker", async () => {
    const { client, workers } = setUp();
    const controller = new AbortController();
    const outcome = client.ask("search", question, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await outcome).toMatchObject({ reason: "cancelled", message: "Cancelled." });
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(2);

    const aborted = new AbortController();
    aborted.abort();
    await expect(client.ask("search", question, { signal: aborted.signal })).rejects.toMatchObject({ reason: "cancelled" });
    expect(workers[1]?.asks()).toHaveLength(0);
  });

  it("cancelling after the answer came changes nothing (the worker keeps its loaded sources)", async () => {
    const { client, workers, current } = setUp();
    const controller = new AbortController();
    const asked = client.ask("search", question, { signal: controller.signal });
    current().reply({ type: "answer", requestId: current().asks()[0]?.requestId ?? -1, answer: answer(1) });
    await asked;
    controller.abort();
    expect(workers).toHaveLength(1);
    expect(workers[0]?.terminated).toBe(false);
  });

  it("a failed answer rejects that question only, without a restart", async () => {
    const { client, workers, current } = setUp();
    const failing = client.ask("search", question);
    const fine = client.ask("search", question);
    const [a, b] = current().asks();
    current().reply({ type: "failed", requestId: a?.requestId ?? -1, message: "The disk is full." });
    await expect(failing).rejects.toMatchObject({ reason: "failed", message: "The disk is full." });
    current().reply({ type: "answer", requestId: b?.requestId ?? -1, answer: answer(3) });
    await expect(fine).resolves.toMatchObject({ counts: { total: 3 } });
    expect(workers).toHaveLength(1);
  });

  it("a worker error rejects what was pending and starts a fresh worker", async () => {
    const { client, workers, current } = setUp();
    const pending = client.ask("search", question);
    current().onerror?.({ message: "out of memory", preventDefault: () => {} } as ErrorEvent);
    await expect(pending).rejects.toMatchObject({ reason: "failed", message: "The search worker stopped: out of memory." });
    expect(workers).toHaveLength(2);
  });

  it("sends the sources only when they change, and reports the loading status to subscribers", () => {
    const { client, current } = setUp();
    client.sync(["a", "b"]);
    client.sync(["a", "b"]);
    client.sync(["a", "c"]);
    // A rename keeps the ids but changes the lists' version: the worker must hear of it.
    client.sync(["a", "c"], "v1");
    client.sync(["a", "c"], "v1");
    client.sync(["a", "c"], "v2");
    expect(current().sent.filter((m) => m.type === "sync")).toEqual([
      { type: "sync", sourceIds: ["a", "b"] },
      { type: "sync", sourceIds: ["a", "c"] },
      { type: "sync", sourceIds: ["a", "c"], listsVersion: "v1" },
      { type: "sync", sourceIds: ["a", "c"], listsVersion: "v2" },
    ]);
    const heard = vi.fn();
    const unsubscribe = client.subscribe(heard);
    current().reply({ type: "status", status: { loaded: 1, total: 2 } });
    expect(client.getStatus()).toEqual({ loaded: 1, total: 2 });
    expect(heard).toHaveBeenCalledTimes(1);
    unsubscribe();
    current().reply({ type: "status", status: { loaded: 2, total: 2 } });
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("closing the project rejects what is pending and starts no new worker", async () => {
    const { client, workers } = setUp();
    const pending = client.ask("search", question);
    client.dispose();
    await expect(pending).rejects.toMatchObject({ reason: "cancelled", message: "The project was closed." });
    expect(workers).toHaveLength(1);
    expect(workers[0]?.terminated).toBe(true);
  });
});
