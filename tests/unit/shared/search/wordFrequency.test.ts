/**
 * Word frequency (shared/search/wordFrequency.ts, wordTally.ts) against a brute-force count written
 * simply here (a regular expression for the words, the find fold one code point at a time, a Map), and
 * examples for the tokenisation rules docs/search.md states.
 */
import fc from "fast-check";
import { stemmer } from "stemmer";
import { describe, expect, it } from "vitest";
import type { Block, Turn } from "../../../../shared/import/types";
import { foldCodePoint } from "../../../../shared/text/find";
import { cutUnits, searchUnits, type SearchTarget } from "../../../../shared/search/match";
import {
  ENGLISH_STOP_WORDS,
  wordFrequency,
  wordFrequencyCsv,
  wordSearchQuery,
  type WordFrequencyOptions,
} from "../../../../shared/search/wordFrequency";
import { wordsIn } from "../../../../shared/search/wordTally";

function linesAsBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    blocks.push({ kind: "paragraph", start, end });
    if (nl === -1) return blocks;
    start = nl + 1;
  }
}

const target = (text: string, id = "s1", extra: Partial<SearchTarget> = {}): SearchTarget => ({
  sourceId: id,
  text,
  blocks: linesAsBlocks(text),
  turns: [],
  ...extra,
});

const WORD = /[\p{L}\p{M}\p{N}\p{Pc}]+(?:['’‘‛ʼ][\p{L}\p{M}\p{N}\p{Pc}]+)*/gu;
const fold = (w: string) => [...w].map((ch) => foldCodePoint(ch.codePointAt(0) ?? 0)).join("");

/** Brute force: folded word → [count, sources containing it], and the number of words. */
function bruteCount(targets: SearchTarget[], options: WordFrequencyOptions) {
  const stop = new Set((options.stopWords ?? ENGLISH_STOP_WORDS).map(fold));
  const counts = new Map<string, { count: number; sources: Set<string> }>();
  let all = 0;
  for (const t of targets) {
    let units = searchUnits(t.text, t.blocks, t.turns);
    if (t.within) units = cutUnits(units, t.within);
    for (const u of units) {
      for (const m of t.text.slice(u.start, u.end).matchAll(WORD)) {
        const w = fold(m[0]);
        if (w === "") continue;
        all++;
        if (stop.has(w) || [...w].length < (options.minLength ?? 3)) continue;
        if (!/\p{L}/u.test(w) && !(options.numbers && /\p{N}/u.test(w))) continue;
        const entry = counts.get(w) ?? { count: 0, sources: new Set<string>() };
        entry.count++;
        entry.sources.add(t.sourceId);
        counts.set(w, entry);
      }
    }
  }
  return { counts, all };
}

const PIECES = [
  "a",
  "Internationalisation",
  "abcdefghij",
  "ABCDEFGHIJK",
  "zz9",
  "b",
  "—",
  "\u0301",
  "Ward",
  "nurse",
  "Nurse",
  "NURSES",
  "é",
  "É",
  "e\u0301",
  "don",
  "'",
  "’",
  "t",
  " ",
  "\n",
  "\r\n",
  ".",
  "-",
  "7",
  "😀",
  "ب",
  "َ",
  "ـ",
  "_",
  "the",
  "ǅ",
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(""));

describe("word frequency against a brute-force count", () => {
  it("counts every word, its sources and the total as the brute force does", () => {
    fc.assert(
      fc.property(
        fc.array(textArb, { minLength: 1, maxLength: 4 }),
        fc.nat(4),
        fc.boolean(),
        fc.subarray(["the", "nurse", "b", "don't"]),
        (texts, minLength, numbers, stopWords) => {
          const targets = texts.map((t, i) => target(t, `s${i}`));
          const options = { minLength, numbers, stopWords, top: 0 };
          const result = wordFrequency(targets, options);
          const brute = bruteCount(targets, options);
          expect(result.allWords).toBe(brute.all);
          const got = new Map(result.rows.map((r) => [fold(r.word), { count: r.count, sources: r.sources }]));
          const want = new Map([...brute.counts].map(([w, e]) => [w, { count: e.count, sources: e.sources.size }]));
          expect(got).toEqual(want);
          const counted = [...brute.counts.values()].reduce((n, e) => n + e.count, 0);
          expect(result.countedWords).toBe(counted);
          for (const r of result.rows) expect(r.weightedPercent).toBeCloseTo((r.count / counted) * 100, 9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the fast tally and the plain word list agree", () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const words = [...wordsIn(text)].map((w) => w.word);
        const brute = [...text.matchAll(WORD)].map((m) => fold(m[0])).filter((w) => w !== "");
        expect(words).toEqual(brute);
      }),
    );
  });

  it("a scope's cut counts only what it keeps", () => {
    const text = "alpha beta gamma delta";
    const r = wordFrequency([target(text, "s1", { within: [{ start: 6, end: 16 }] })], { stopWords: [] });
    expect(r.rows.map((x) => x.word)).toEqual(["beta", "gamma"]);
  });
});

const words = (text: string, options: WordFrequencyOptions = {}) =>
  wordFrequency([target(text)], { stopWords: [], minLength: 1, top: 0, ...options }).rows.map((r) => [r.word, r.count]);

describe("what a word is", () => {
  it("keeps inner apostrophes, straight or curly, and drops outer ones", () => {
    expect(words("Don't don’t DON'T 'quoted' nurses’ O’Brien")).toEqual([
      ["don't", 3],
      ["nurses", 1],
      ["o’brien", 1],
      ["quoted", 1],
    ]);
    // "don't" and "don’t" are one word (shown as the more frequent spelling); counted as 3
    const r = wordFrequency([target("Don't don’t DON'T")], { stopWords: [], minLength: 1 });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ word: "don't", count: 3 });
  });

  it("is one word however it is reached: plain ASCII, or with an accent that folds away; short or long", () => {
    // Ten letters is the longest word counted by number (wordTally.ts); eleven and more by string.
    expect(words("abcdefghij ABCDEFGHIJ abcdefghij\u0301 abcdefghi\u00e9 abcdefghijk abcdefghijk\u0301 ABCDEFGHIJK")).toEqual([
      ["abcdefghij", 3],
      ["abcdefghijk", 3],
      ["abcdefghié", 1],
    ]);
    expect(words("Internationalisation internationalisatión")).toEqual([["internationalisation", 2]]);
    expect(words("don't DON'T don’t don\u0301't")).toEqual([["don't", 4]]);
  });

  it("ignores case and accents, showing the most frequent spelling", () => {
    expect(words("José jose JOSÉ Jose\u0301 café")).toEqual([
      ["josé", 4],
      ["café", 1],
    ]);
  });

  it("splits at hyphens, punctuation and emoji; CRLF and tabs are spaces", () => {
    expect(words("go-live\r\nward😀ward\tward.ward")).toEqual([
      ["ward", 4],
      ["go", 1],
      ["live", 1],
    ]);
  });

  it("counts Arabic words with and without short vowels as one", () => {
    expect(words("مُمَرِّضَة ممرضة مـمـرضـة")).toEqual([["ممرضة", 3]]);
  });

  it("leaves out numbers unless asked, but keeps words with digits", () => {
    expect(words("2019 covid19 12 12")).toEqual([["covid19", 1]]);
    expect(words("2019 covid19 12 12", { numbers: true })).toEqual([
      ["12", 2],
      ["2019", 1],
      ["covid19", 1],
    ]);
  });

  it("never counts speaker labels or timestamps", () => {
    const text = "[00:12:31] P07: the ward was busy\nInterviewer: the ward?";
    const turns: Turn[] = [
      { speaker: "P07", start: 0, labelEnd: 16, end: 33 },
      { speaker: "Interviewer", start: 34, labelEnd: 47, end: text.length },
    ];
    const r = wordFrequency([target(text, "s1", { turns })], { stopWords: [], minLength: 1, numbers: true });
    expect(r.rows.map((x) => [x.word, x.count])).toEqual([
      ["the", 2],
      ["ward", 2],
      ["busy", 1],
      ["was", 1],
    ]);
  });
});

describe("options", () => {
  it("leaves out the English stop words by default, and the minimum length", () => {
    const r = wordFrequency([target("The nurse and the nurses saw an ox")]);
    expect(r.rows.map((x) => x.word)).toEqual(["nurse", "nurses", "saw"]);
    expect(r.allWords).toBe(8);
    expect(r.countedWords).toBe(3);
    expect(ENGLISH_STOP_WORDS).toContain("the");
  });

  it("folds stop words as words are folded", () => {
    expect(words("don't stop", { stopWords: ["DON’T"] })).toEqual([["stop", 1]]);
  });

  it("groups word forms by Porter stem, shown as the most frequent form", () => {
    const text = "nurses nurses nursing nurse\nward wards";
    const r = wordFrequency([target(text, "a"), target("nursing", "b")], { groupForms: true, stopWords: [] });
    expect(r.rows).toEqual([
      {
        word: "nurses",
        length: 6,
        count: 5,
        sources: 2,
        weightedPercent: (5 / 7) * 100,
        forms: [
          { word: "nurses", count: 2 },
          { word: "nursing", count: 2 },
          { word: "nurse", count: 1 },
        ],
      },
      { word: "ward", length: 4, count: 2, sources: 1, weightedPercent: (2 / 7) * 100, forms: expect.any(Array) },
    ]);
    expect(stemmer("nursing")).toBe(stemmer("nurses"));
    expect(wordSearchQuery(r.rows[0] ?? { forms: [] })).toBe("nurses OR nursing OR nurse");
  });

  it("returns the top N, most frequent first, ties in word order", () => {
    const r = wordFrequency([target("bbb aaa ccc ccc ddd ddd")], { top: 3, stopWords: [] });
    expect(r.rows.map((x) => x.word)).toEqual(["ccc", "ddd", "aaa"]);
    expect(r.distinctWords).toBe(4);
  });
});

describe("CSV", () => {
  it("writes the table with the project's CSV writer", () => {
    const r = wordFrequency([target("nurse nurses =sum")], { groupForms: true, stopWords: [] });
    const csv = wordFrequencyCsv(r.rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.split("\r\n")).toEqual([
      '\uFEFF"Word","Length","Count","Weighted percentage","Sources","Forms"',
      '"nurse","5","2","66.67","1","nurse (1); nurses (1)"',
      '"sum","3","1","33.33","1","sum (1)"',
      "",
    ]);
  });
});
