/**
 * The search index (shared/search/index.ts) against the core it speeds up: for random sources (texts with
 * accents, emoji, Hebrew, CRLF, speaker turns and paragraphs), random queries and options, scope ranges,
 * and an index built incrementally (sources added, removed, replaced, some never indexed), searchIndexed
 * gives exactly searchSources' outcome. The core is itself checked against a brute-force scan
 * (match.test.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectTurns } from "../../../../shared/import/speakers";
import {
  addToIndex,
  compactIndex,
  createSearchIndex,
  indexSize,
  removeFromIndex,
  searchIndexed,
  type SearchIndex,
} from "../../../../shared/search/index";
import { wordRuns } from "../../../../shared/search/postings";
import { searchSources, type SearchHit, type SearchTarget } from "../../../../shared/search/match";
import { parseQuery } from "../../../../shared/search/query";
import { paragraphsFromLines } from "../../../../shared/text/transcript";

const PIECES = [
  "a",
  "b",
  "e",
  "é",
  "É",
  "e\u0301",
  "E",
  " ",
  "\u00A0",
  "\n",
  "\r\n",
  ".",
  "'",
  "’",
  "😀",
  "ß",
  "-",
  "nurse",
  "Nurse",
  "NÚRSE",
  "ab",
  "\u05E9\u05DC\u05D5\u05DD",
  "_",
  "\n\nP1: ",
  "\nInterviewer: ",
  "\n",
  "İ",
  "\uD800",
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(""));
const WORDS = ["a", "b", "e", "é", "E", "ab", "ba", "nurse", "urs", "ß", "😀", "\u05E9", "'", ".", "i"];
const termArb = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([x, y]) => `"${x} ${y}"`),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([x, y]) => `"${x}${y}"`),
  fc.constantFrom(...WORDS).map((w) => `${w}*`),
);
const wordsQueryArb = fc
  .tuple(fc.array(fc.array(termArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), fc.array(termArb, { maxLength: 1 }))
  .map(([all, exclude]) => [...all.map((alts) => alts.join(" OR ")), ...exclude.map((t) => `-${t}`)].join(" "));
const regexArb = fc.constantFrom("nurs(e|ing)", "^\\w+", "e\\b", "[ab]+", "😀|ß", "x*");

function source(sourceId: string, text: string): SearchTarget {
  const blocks = paragraphsFromLines(text);
  return { sourceId, text, blocks, turns: detectTurns(text, blocks).turns };
}

/** What happens to each source before searching: indexed, indexed then removed, replaced by new text, or never indexed. */
const fateArb = fc.constantFrom("indexed", "indexed", "indexed", "removed", "replaced", "stale", "never");

const withinArb = fc.option(
  fc.array(fc.nat(60), { maxLength: 6 }).map((cuts) => {
    const sorted = [...new Set(cuts)].sort((a, b) => a - b);
    const ranges = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push({ start: sorted[i] ?? 0, end: sorted[i + 1] ?? 0 });
    return ranges;
  }),
  { nil: undefined },
);

const sourcesArb = fc.array(fc.tuple(textArb, fateArb, withinArb, textArb), { minLength: 1, maxLength: 6 });

function build(
  specs: [string, string, { start: number; end: number }[] | undefined, string][],
  lookupLimit?: number,
): {
  index: SearchIndex;
  targets: SearchTarget[];
} {
  const index = createSearchIndex(lookupLimit === undefined ? {} : { lookupLimit });
  const targets: SearchTarget[] = [];
  specs.forEach(([text, fate, within, other], i) => {
    const id = `s${i}`;
    const target = { ...source(id, text), ...(within ? { within } : {}) };
    if (fate === "indexed") addToIndex(index, target);
    if (fate === "removed") {
      addToIndex(index, source(id, other));
      removeFromIndex(index, id);
    }
    if (fate === "replaced") {
      addToIndex(index, source(id, other));
      addToIndex(index, target);
    }
    if (fate === "stale") addToIndex(index, source(id, other)); // the index holds an older text: the core must answer
    targets.push(target);
  });
  return { index, targets };
}

describe("searchIndexed against the core (searchSources)", () => {
  it("gives the same outcome for random sources, words queries and options, however the index was built", () => {
    fc.assert(
      fc.property(
        sourcesArb,
        wordsQueryArb,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(undefined, 0, 3),
        (specs, queryText, matchCase, wholeWords, compact, lookupLimit) => {
          const parsed = parseQuery(queryText, { matchCase, wholeWords });
          if (!parsed.ok) throw new Error(`${queryText}: ${parsed.message}`);
          // lookupLimit 0 or 3: some or all terms are scanned rather than looked up.
          const { index, targets } = build(specs, lookupLimit);
          if (compact) compactIndex(index);
          expect(searchIndexed(index, parsed.query, targets)).toEqual(searchSources(parsed.query, targets));
          // Twice: the second search reuses the case-kept fold and the joined vocabulary.
          expect(searchIndexed(index, parsed.query, targets)).toEqual(searchSources(parsed.query, targets));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("gives the same outcome for regular expressions (scanned, not indexed)", () => {
    fc.assert(
      fc.property(sourcesArb, regexArb, fc.boolean(), fc.boolean(), (specs, regex, matchCase, wholeWords) => {
        const parsed = parseQuery(regex, { regex: true, matchCase, wholeWords });
        if (!parsed.ok) throw new Error(parsed.message);
        const { index, targets } = build(specs);
        expect(searchIndexed(index, parsed.query, targets)).toEqual(searchSources(parsed.query, targets));
      }),
      { numRuns: 100 },
    );
  });

  it("finds words typed in any case and accents in the sources that hold them, and rules out the others", () => {
    const index = createSearchIndex();
    const a = source("a", "Interviewer: Tell me about the ward.\nP07: The NURSES were great; the ward manager less so.");
    const b = source("b", "Interviewer: And the system?\nP02: Go-live was hard. José fixed it.");
    addToIndex(index, a);
    addToIndex(index, b);
    const run = (q: string) => {
      const parsed = parseQuery(q);
      if (!parsed.ok) throw new Error(parsed.message);
      return searchIndexed(index, parsed.query, [a, b]).hits.map(
        (h: SearchHit) => `${h.sourceId}:${(h.sourceId === "a" ? a : b).text.slice(h.start, h.end)}`,
      );
    };
    expect(run("nurse")).toEqual(["a:NURSE"]);
    expect(run("jose")).toEqual(["b:José"]);
    expect(run('"go-live"')).toEqual(["b:Go-live"]);
    expect(run("ward -manager")).toEqual(["a:ward"]);
    expect(run("man*")).toEqual(["a:manager"]);
    removeFromIndex(index, "a");
    expect(run("nurse")).toEqual(["a:NURSE"]); // a target the index no longer holds: the core searches it
    expect(index.sources.has("a")).toBe(false);
    compactIndex(index);
    expect(indexSize(index)).toMatchObject({ sources: 1, characters: b.text.length, words: 12, positions: 12 });
  });

  it("merges the places of several words holding a term in each source's text order", () => {
    // The vocabulary lists "ab" before "a" (the first source's order); the second source has them the other way round.
    const index = createSearchIndex();
    const targets = [source("one", "ab a"), source("two", "a ab ba aa")];
    for (const t of targets) addToIndex(index, t);
    const parsed = parseQuery("a");
    if (!parsed.ok) throw new Error(parsed.message);
    const outcome = searchIndexed(index, parsed.query, targets);
    expect(outcome).toEqual(searchSources(parsed.query, targets));
    expect(outcome.hits.filter((h) => h.sourceId === "two").map((h) => h.start)).toEqual([0, 2, 6, 8, 9]);
  });

  it("splits folded text into runs of letters, marks, digits and _, keeping surrogate pairs whole", () => {
    const text = "ab c_1 😀 𝐀𝐁 x\uD800y";
    const runs = wordRuns(text);
    const words = [];
    for (let r = 0; r < runs.length; r += 2) words.push(text.slice(runs[r], runs[r + 1]));
    expect(words).toEqual(["ab", "c_1", "𝐀𝐁", "x", "y"]);
  });
});
