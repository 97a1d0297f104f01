import { describe, expect, it } from "vitest";
import { CorpusClient, type CorpusWorkerLike } from "../../../../renderer/search/corpusClient";
import type { CorpusReply, CorpusRequest, SearchAnswer } from "../../../../renderer/search/corpusProtocol";
import { EMPTY_FORM, isSearching } from "../../../../renderer/search/searchState";
import { SearchStore, searchStoreFor } from "../../../../renderer/search/searchStore";
import type { OpenProject } from "../../../../renderer/db/projects";
import type { KwicRow } from "../../../../shared/search/kwic";

class FakeWorker implements CorpusWorkerLike {
  sent: CorpusRequest[] = [];
  onmessage: ((event: MessageEvent<CorpusReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  postMessage(message: CorpusRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(index: number, answer: SearchAnswer): void {
    const ask = this.sent.filter((m) => m.type === "ask")[index];
    if (ask?.type === "ask") this.onmessage?.({ data: { type: "answer", requestId: ask.requestId, answer } } as MessageEvent<CorpusReply>);
  }
}

const row = (name: string, start: number, hit: string): KwicRow => ({
  sourceId: name,
  sourceName: name,
  start,
  end: start + hit.length,
  location: "paragraph 1",
  left: "",
  hit,
  right: "",
});
const done = (rows: KwicRow[]): SearchAnswer => ({
  ok: true,
  rows,
  counts: { perSource: [], total: rows.length },
  notes: [],
  sourcesSearched: 2,
  stopped: false,
});

function setUp() {
  const workers: FakeWorker[] = [];
  const client = new CorpusClient("p", () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { client, worker: () => workers[workers.length - 1] as FakeWorker, workers };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("SearchStore", () => {
  it("runs a search in the worker and keeps the sorted hits; the sort changes without searching again", async () => {
    const { client, worker } = setUp();
    const store = new SearchStore();
    const form = { ...EMPTY_FORM, text: "ward" };
    const running = store.run(client, form);
    expect(store.getState().run.status).toBe("running");
    expect(worker().sent.find((m) => m.type === "ask")).toMatchObject({ question: { text: "ward", sort: "source" } });
    // The worker sorts by source, as asked.
    worker().answer(0, done([row("A", 9, "Ward"), row("B", 1, "ward")]));
    await running;
    const state = store.getState();
    expect(state.run.status === "done" && state.run.rows.map((r) => r.sourceName)).toEqual(["A", "B"]);
    store.setSort("position");
    const sorted = store.getState().run;
    expect(sorted.status === "done" && sorted.rows.map((r) => r.start)).toEqual([1, 9]);
    expect(worker().sent.filter((m) => m.type === "ask")).toHaveLength(1);
  });

  it("shows the worker's first screen at once, with the exact total, until every hit is in", async () => {
    const { client, worker } = setUp();
    const store = new SearchStore();
    const running = store.run(client, { ...EMPTY_FORM, text: "ward" });
    const ask = worker().sent.find((m) => m.type === "ask");
    const requestId = ask?.type === "ask" ? ask.requestId : -1;
    const first = [row("A", 1, "ward")];
    worker().onmessage?.({
      data: {
        type: "partial",
        requestId,
        partial: {
          rows: first,
          counts: {
            perSource: [
              { sourceId: "A", sourceName: "A", hits: 1 },
              { sourceId: "B", sourceName: "B", hits: 2 },
            ],
            total: 3,
          },
          sourcesSearched: 2,
        },
      },
    } as MessageEvent<CorpusReply>);
    expect(store.getState().run).toMatchObject({ status: "done", rows: first, firstScreen: { total: 3, sources: 2 } });
    expect(isSearching(store.getState().run)).toBe(true);
    worker().answer(0, done([row("A", 1, "ward"), row("B", 1, "ward"), row("B", 7, "ward")]));
    await running;
    const run = store.getState().run;
    expect(run.status === "done" && run.rows).toHaveLength(3);
    expect(run.status === "done" && run.firstScreen).toBeUndefined();
    expect(isSearching(run)).toBe(false);
  });

  it("a sort chosen while the worker answers is applied to the answer", async () => {
    const { client, worker } = setUp();
    const store = new SearchStore();
    const running = store.run(client, { ...EMPTY_FORM, text: "ward" });
    store.setSort("position");
    worker().answer(0, done([row("A", 9, "Ward"), row("B", 1, "ward")]));
    await running;
    const run = store.getState().run;
    expect(run.status === "done" && run.rows.map((r) => r.sourceName)).toEqual(["B", "A"]);
  });

  it("a query that cannot be read is told at once and never reaches the worker", async () => {
    const { client, worker } = setUp();
    const store = new SearchStore();
    await store.run(client, { ...EMPTY_FORM, text: '"unclosed' });
    expect(store.getState().run).toMatchObject({ status: "invalid", message: expect.stringMatching(/quotation mark/) });
    await store.run(client, { ...EMPTY_FORM, text: "(a+", options: { regex: true, matchCase: false, wholeWords: false } });
    expect(store.getState().run.status).toBe("invalid");
    expect(worker().sent.filter((m) => m.type === "ask")).toHaveLength(0);
  });

  it("Cancel stops the running search (the worker is restarted) and says so", async () => {
    const { client, workers } = setUp();
    const store = new SearchStore();
    const running = store.run(client, { ...EMPTY_FORM, text: "(a+)+$", options: { regex: true, matchCase: false, wholeWords: false } });
    store.cancel();
    await running;
    expect(store.getState().run).toEqual({ status: "stopped", message: "Search cancelled.", cancelled: true });
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    // Cancel with nothing running does nothing.
    store.cancel();
    expect(workers).toHaveLength(2);
  });

  it("a new search replaces the one running: the old answer never shows", async () => {
    const { client, worker } = setUp();
    const store = new SearchStore();
    const first = store.run(client, { ...EMPTY_FORM, text: "first" });
    const firstWorker = worker();
    const second = store.run(client, { ...EMPTY_FORM, text: "second" });
    firstWorker.answer(0, done([row("OLD", 0, "first")]));
    worker().answer(0, done([row("NEW", 0, "second")]));
    await Promise.all([first, second]);
    await flush();
    const run = store.getState().run;
    expect(run.status === "done" && run.rows.map((r) => r.sourceName)).toEqual(["NEW"]);
    expect(run.status === "done" && run.form.text).toBe("second");
  });

  it("keeps one store per open project, so the results outlast the view", () => {
    const project = {} as OpenProject;
    expect(searchStoreFor(project)).toBe(searchStoreFor(project));
    expect(searchStoreFor({} as OpenProject)).not.toBe(searchStoreFor(project));
  });
});
