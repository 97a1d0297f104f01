import { describe, expect, it } from "vitest";
import { cacheLists, Corpus, type CorpusStore } from "../../../../renderer/search/corpus";
import { listsVersion } from "../../../../renderer/search/listsVersion";
import type { CorpusStatus } from "../../../../renderer/search/corpusProtocol";
import type { SourceContentRecord } from "../../../../shared/model/records";
import type { SourceId } from "../../../../shared/ids";

const content = (id: string): SourceContentRecord => ({
  id: id as SourceId,
  text: `text of ${id}`,
  blocks: [],
  marks: [],
  turns: [],
  timestamps: [],
  warnings: [],
});

/** A store over `ids`; reads of a chunk holding `slow` wait until `release` is called. */
function fakeStore(ids: readonly string[], options: { slow?: string; missing?: string } = {}) {
  const reads: string[][] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const store: CorpusStore = {
    sources: () => Promise.resolve([]),
    cases: () => Promise.resolve([]),
    codings: () => Promise.resolve([]),
    memos: () => Promise.resolve([]),
    async contents(wanted) {
      reads.push([...wanted]);
      if (options.slow && wanted.includes(options.slow)) await gate;
      return wanted.map((id) => (ids.includes(id) && id !== options.missing ? content(id) : undefined));
    },
  };
  return { store, reads, release: () => release() };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

describe("Corpus", () => {
  it("sync loads every source in chunks, reporting progress, and forgets sources that left", async () => {
    const all = ids(45);
    const { store, reads } = fakeStore(all);
    const statuses: CorpusStatus[] = [];
    const corpus = new Corpus(store, (s) => statuses.push(s));
    await corpus.sync(all);
    expect(reads.map((r) => r.length)).toEqual([20, 20, 5]);
    expect(statuses).toEqual([
      { loaded: 0, total: 45 },
      { loaded: 20, total: 45 },
      { loaded: 40, total: 45 },
      { loaded: 45, total: 45 },
    ]);
    expect((await corpus.contents(["s3", "s44"])).map((c) => c.text)).toEqual(["text of s3", "text of s44"]);

    await corpus.sync(["s1", "s2"]);
    expect(corpus.status()).toEqual({ loaded: 2, total: 2 });
    // A forgotten source asked for again is read for that question, not held again.
    const readsBefore = reads.length;
    expect(await corpus.contents(["s3", "s1"])).toEqual([content("s3"), content("s1")]);
    await corpus.contents(["s3"]);
    expect(reads.length).toBe(readsBefore + 2);
    expect(corpus.status()).toEqual({ loaded: 2, total: 2 });
  });

  it("contents() reads sources not loaded yet at once, while the background load is still going", async () => {
    const all = ids(25);
    const { store, release } = fakeStore(all, { slow: "s0" });
    const corpus = new Corpus(store);
    const loading = corpus.sync(all);
    // The first chunk (s0-s19) is stuck; s24 is in the second chunk, not read yet.
    expect(corpus.status()).toEqual({ loaded: 0, total: 25 });
    expect((await corpus.contents(["s24"])).map((c) => c.id)).toEqual(["s24"]);
    expect(corpus.status()).toEqual({ loaded: 1, total: 25 });
    release();
    await loading;
    expect(corpus.status()).toEqual({ loaded: 25, total: 25 });
  });

  it("holds a source whose content is missing as empty text instead of reading it for ever", async () => {
    const { store, reads } = fakeStore(["a", "b"], { missing: "b" });
    const corpus = new Corpus(store);
    await corpus.sync(["a", "b"]);
    expect(corpus.status()).toEqual({ loaded: 2, total: 2 });
    expect((await corpus.contents(["b"]))[0]?.text).toBe("");
    expect(reads).toHaveLength(1);
  });
});

describe("Corpus before it knows a source", () => {
  it("answers for a live source the sync has not named yet (a search on opening, or straight after an import)", async () => {
    const { store } = fakeStore(["a", "b"]);
    const corpus = new Corpus(store);
    // No sync yet: the question still gets the content, read at once.
    expect((await corpus.contents(["a"])).map((c) => c.id)).toEqual(["a"]);
    await corpus.sync(["a"]);
    // "b" was imported; its sync has not arrived.
    expect((await corpus.contents(["a", "b"])).map((c) => c.id)).toEqual(["a", "b"]);
    expect(corpus.status()).toEqual({ loaded: 1, total: 1 });
  });
});

describe("cacheLists", () => {
  it("reads the sources and cases once between syncs, again after a sync with another or no version, and retries a failed read", async () => {
    let sourceReads = 0;
    let caseReads = 0;
    let fail = false;
    const { store } = fakeStore([]);
    const lists = cacheLists({
      ...store,
      sources: () => {
        sourceReads++;
        return fail ? Promise.reject(new Error("disk")) : Promise.resolve([]);
      },
      cases: () => {
        caseReads++;
        return Promise.resolve([]);
      },
    });
    await lists.store.sources();
    await lists.store.sources();
    await lists.store.cases();
    expect([sourceReads, caseReads]).toEqual([1, 1]);
    lists.changed("v1");
    await lists.store.sources();
    lists.changed("v1");
    await lists.store.sources();
    expect(sourceReads).toBe(2);
    lists.changed("v2");
    await lists.store.cases();
    expect(caseReads).toBe(2);
    lists.changed(undefined);
    fail = true;
    await expect(lists.store.sources()).rejects.toThrow("disk");
    fail = false;
    await lists.store.sources();
    expect(sourceReads).toBe(4);
  });

  it("listsVersion changes with any source or case stamp, also an older one, and with the order", () => {
    const a = { id: "a", updatedAt: "2" };
    const b = { id: "b", updatedAt: "3" };
    const base = listsVersion([a, b], []);
    expect(listsVersion([a, b], [])).toBe(base);
    expect(listsVersion([{ ...a, updatedAt: "1" }, b], [])).not.toBe(base);
    expect(listsVersion([b, a], [])).not.toBe(base);
    expect(listsVersion([a, b], [{ id: "c", updatedAt: "1" }])).not.toBe(base);
    expect(listsVersion([a], [b])).not.toBe(listsVersion([a, b], []));
  });
});
