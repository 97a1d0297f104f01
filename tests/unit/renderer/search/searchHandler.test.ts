/**
 * The corpus worker's search (renderer/search/searchHandler.ts, corpus.ts) over a fake store: the index
 * follows sync, the answer equals the plain core's (searchSources, kwicRows, sortKwic) for each sort,
 * a large answer sends its first screen first, and a regular expression goes to the disposable runner.
 */
import { describe, expect, it } from "vitest";
import { detectTurns } from "../../../../shared/import/speakers";
import type { CoderId, SourceId } from "../../../../shared/ids";
import type { Live } from "../../../../shared/model/live";
import type { SourceContentRecord, SourceRecord } from "../../../../shared/model/records";
import { countHits, kwicRows, sortKwic, type KwicSort } from "../../../../shared/search/kwic";
import { searchSources } from "../../../../shared/search/match";
import { parseQuery } from "../../../../shared/search/query";
import { paragraphsFromLines } from "../../../../shared/text/transcript";
import { Corpus, type CorpusStore } from "../../../../renderer/search/corpus";
import { FIRST_SCREEN_ROWS, type SearchFirstScreen } from "../../../../renderer/search/corpusProtocol";
import { answerRegex, type HeldText, type RegexSearch } from "../../../../renderer/search/regexSearch";
import { answerSearch, orderHits } from "../../../../renderer/search/searchHandler";

/** Never asked: a words search must not reach the regex worker. */
const NO_REGEX = { run: () => Promise.reject(new Error("a words search reached the regex worker")) };

function source(id: string, name: string): Live<SourceRecord> {
  return {
    id: id as SourceId,
    createdAt: "",
    updatedAt: "",
    updatedBy: "me" as CoderId,
    deleted: false,
    name,
    kind: "interview",
    fileName: `${name}.txt`,
    format: "txt",
    importedAt: "",
    charCount: 0,
    wordCount: 0,
    contentHash: "",
    caseIds: [],
    memo: "",
  };
}

function content(id: string, text: string): SourceContentRecord {
  const blocks = paragraphsFromLines(text);
  return { id: id as SourceId, text, blocks, marks: [], turns: detectTurns(text, blocks).turns, timestamps: [], warnings: [] };
}

const LINES = [
  "Interviewer: How was the ward?",
  "P07: The nurse said the ward was busy.",
  "P07: Nurses, nursing, a nurse's day.",
  "Plain note about José.",
];
/** Names out of id order, and two alike but for case and numbers, so the name order matters. */
const NAMES = ["site b 10", "Site B 2", "alpha", "Zulu", "beta"];

function makeStore(count: number, repeat: number): { store: CorpusStore; reads: string[][] } {
  const reads: string[][] = [];
  const sources = Array.from({ length: count }, (_, i) => source(`s${i}`, NAMES[i % NAMES.length] ?? "x"));
  const texts = new Map(
    sources.map((s, i) => [
      s.id as string,
      content(s.id, Array.from({ length: repeat }, (_, k) => LINES[(i + k) % LINES.length]).join("\n")),
    ]),
  );
  const store: CorpusStore = {
    sources: () => Promise.resolve(sources),
    cases: () => Promise.resolve([]),
    codings: () => Promise.resolve([]),
    memos: () => Promise.resolve([]),
    contents: (ids) => {
      reads.push([...ids]);
      return Promise.resolve(ids.map((id) => texts.get(id)));
    },
  };
  return { store, reads };
}

async function expected(corpus: Corpus, text: string, sort: KwicSort, options = {}) {
  const parsed = parseQuery(text, options);
  if (!parsed.ok) throw new Error(parsed.message);
  const sources = await corpus.store.sources();
  const contents = await corpus.contents(sources.map((s) => s.id));
  const names = new Map(sources.map((s) => [s.id as string, s.name]));
  const outcome = searchSources(
    parsed.query,
    contents.map((c) => ({ sourceId: c.id, text: c.text, blocks: c.blocks, turns: c.turns })),
  );
  const kwic = new Map(
    contents.map((c) => [c.id as string, { id: c.id, name: names.get(c.id) ?? "", text: c.text, blocks: c.blocks, turns: c.turns }]),
  );
  const rows = sortKwic(kwicRows(outcome.hits, kwic), sort);
  return { rows, counts: countHits(rows), sourcesSearched: outcome.sourcesSearched };
}

describe("answerSearch in the corpus worker", () => {
  it("keeps the index in step with sync: loaded sources are indexed, dropped ones leave it", async () => {
    const { store } = makeStore(6, 3);
    const corpus = new Corpus(store);
    await corpus.sync(["s0", "s1", "s2", "s3"]);
    expect([...corpus.index.sources.keys()].sort()).toEqual(["s0", "s1", "s2", "s3"]);
    await corpus.sync(["s1", "s3", "s5"]);
    expect([...corpus.index.sources.keys()].sort()).toEqual(["s1", "s3", "s5"]);
  });

  it("answers as the plain core does, for each sort, with the first screen first when there are many hits", async () => {
    const { store } = makeStore(12, 40);
    const corpus = new Corpus(store);
    await corpus.sync(Array.from({ length: 12 }, (_, i) => `s${i}`));
    for (const sort of ["source", "position", "hit"] as const) {
      for (const text of ["nurse", '"the ward"', "nurs*", "ward -busy", "jose"]) {
        const partials: SearchFirstScreen[] = [];
        const answer = await answerSearch(
          corpus,
          { text, options: {}, scope: {}, sort },
          { timeLimitMs: 10_000, partial: (p) => partials.push(p), regex: NO_REGEX },
        );
        const want = await expected(corpus, text, sort);
        if (text === "nurse") expect(want.rows.length).toBeGreaterThan(FIRST_SCREEN_ROWS);
        expect(answer).toEqual({ ok: true, notes: [], stopped: false, ...want });
        if (sort !== "hit" && want.rows.length > FIRST_SCREEN_ROWS) {
          expect(partials).toEqual([{ rows: want.rows.slice(0, FIRST_SCREEN_ROWS), counts: want.counts, sourcesSearched: 12 }]);
        } else expect(partials).toEqual([]);
      }
    }
  });

  it("is right before the project has loaded: sources not held yet are read and searched", async () => {
    const { store } = makeStore(5, 4);
    const corpus = new Corpus(store);
    const answer = await answerSearch(
      corpus,
      { text: "nurse", options: {}, scope: {} },
      { timeLimitMs: 10_000, partial: () => {}, regex: NO_REGEX },
    );
    expect(answer).toEqual({ ok: true, notes: [], stopped: false, ...(await expected(corpus, "nurse", "source")) });
    // Asked before the worker is told which sources are live (no sync yet): every source is still searched.
    expect(answer.ok && answer.counts.perSource.length).toBe(5);
  });

  it("sends a regular expression, with the notes, to the regex worker with a limit inside the client's", async () => {
    const { store } = makeStore(3, 4);
    const corpus = new Corpus(store);
    await corpus.sync(["s0", "s1", "s2"]);
    const asked: { search: RegexSearch; limit: number }[] = [];
    const held = new Map<string, HeldText>();
    const answer = await answerSearch(
      corpus,
      { text: "nurs(e|ing)", options: { regex: true }, scope: {} },
      {
        timeLimitMs: 2_000,
        partial: () => {},
        regex: {
          run: (search, limit) => {
            asked.push({ search, limit });
            // What the regex worker does with what the runner would send it the first time.
            const add = search.targets.map((t) => ({ sourceId: t.sourceId, text: t.text, blocks: t.blocks, turns: t.turns }));
            const reply = answerRegex(held, {
              text: search.text,
              options: search.options,
              add,
              drop: [],
              targets: [...search.targets],
              notes: search.notes,
            });
            if (!reply.ok) throw new Error(reply.message);
            return Promise.resolve(reply.outcome);
          },
        },
      },
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]?.limit).toBe(1_600);
    expect(asked[0]?.search.targets.map((t) => t.sourceId)).toEqual(["s0", "s1", "s2"]);
    expect(answer).toEqual({ ok: true, notes: [], stopped: false, ...(await expected(corpus, "nurs(e|ing)", "source", { regex: true })) });
  });

  it("passes a stopped regular expression's message on", async () => {
    const { store } = makeStore(2, 2);
    const corpus = new Corpus(store);
    const answer = await answerSearch(
      corpus,
      { text: "(a+)+$", options: { regex: true }, scope: {} },
      {
        timeLimitMs: 10_000,
        partial: () => {},
        regex: {
          run: () => Promise.resolve({ hits: [], noteHits: [], sourcesSearched: 0, stopped: true, message: "stopped, simpler please" }),
        },
      },
    );
    expect(answer).toMatchObject({ ok: true, rows: [], stopped: true, message: "stopped, simpler please" });
  });

  it("orders hits as sortKwic orders their rows, also when a source's hits are split or out of order", () => {
    const names = new Map([
      ["x", "Site B 10"],
      ["y", "site b 2"],
      ["z", "alpha"],
    ]);
    const text = "a ".repeat(20);
    const kwic = new Map([...names].map(([id, name]) => [id, { id, name, text, blocks: [], turns: [] }]));
    const cases = [
      [
        { sourceId: "x", start: 0, end: 1 },
        { sourceId: "x", start: 4, end: 5 },
        { sourceId: "y", start: 2, end: 3 },
        { sourceId: "z", start: 0, end: 1 },
      ],
      [
        { sourceId: "x", start: 4, end: 5 },
        { sourceId: "y", start: 2, end: 3 },
        { sourceId: "x", start: 0, end: 1 },
        { sourceId: "z", start: 6, end: 7 },
        { sourceId: "z", start: 0, end: 1 },
      ],
    ];
    for (const hits of cases) {
      for (const sort of ["source", "position"] as const) {
        const rows = sortKwic(kwicRows(hits, kwic), sort);
        const got = orderHits(hits, names, sort);
        expect(got?.hits.map((h) => `${h.sourceId}${h.start}`)).toEqual(rows.map((r) => `${r.sourceId}${r.start}`));
        expect(got?.counts).toEqual(countHits(rows));
      }
    }
    expect(orderHits(cases[0] ?? [], names, "hit")).toBeNull();
  });
});
