/**
 * Project search matching (shared/search/match.ts) against a brute-force scan written simply here:
 * fold the text one code point at a time with the same fold as find, and slide the query over every
 * position of every unit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Block, Turn } from "../../../../shared/import/types";
import { foldCodePoint } from "../../../../shared/text/find";
import { parseQuery, type QueryTerm, type WordsQuery } from "../../../../shared/search/query";
import { searchSource, searchSources, searchUnits, STOPPED_MESSAGE, type SearchTarget } from "../../../../shared/search/match";

interface Range {
  start: number;
  end: number;
}

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

const isWord = (ch: string) => /^[\p{L}\p{M}\p{N}\p{Pc}]$/u.test(ch);
function charBefore(text: string, at: number): string {
  if (at <= 0) return "";
  return Array.from(text.slice(Math.max(0, at - 2), at)).pop() ?? "";
}
function charAt(text: string, at: number): string {
  return at >= text.length ? "" : String.fromCodePoint(text.codePointAt(at) ?? 0);
}

/** Brute force: every hit of one term in one unit, non-overlapping, scanning left to right. */
function bruteTerm(text: string, unit: Range, term: QueryTerm, matchCase: boolean, wholeWords: boolean): Range[] {
  const units: number[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    for (const u of foldCodePoint(cp, matchCase))
      for (let k = 0; k < u.length; k++) {
        units.push(u.charCodeAt(k));
        origin.push(i);
      }
    i += cp > 0xffff ? 2 : 1;
  }
  const firstAt = (offset: number) => {
    let i = 0;
    while (i < origin.length && (origin[i] ?? 0) < offset) i++;
    return i;
  };
  const starts = (i: number) => i <= 0 || i >= origin.length || origin[i] !== origin[i - 1];
  const from = firstAt(unit.start);
  const to = firstAt(unit.end);
  const pattern = Array.from({ length: term.folded.length }, (_, k) => term.folded.charCodeAt(k));
  const out: Range[] = [];
  let i = from;
  while (i + pattern.length <= to) {
    const same = pattern.every((p, k) => units[i + k] === p);
    if (!same || !starts(i) || !starts(i + pattern.length)) {
      i++;
      continue;
    }
    const start = origin[i] ?? 0;
    let end = Math.min(unit.end, i + pattern.length < origin.length ? (origin[i + pattern.length] ?? 0) : text.length);
    let ok = true;
    if (term.kind === "prefix") {
      ok = !isWord(charBefore(text, start));
      while (ok && end < unit.end && isWord(charAt(text, end))) end += charAt(text, end).length;
    }
    if (ok && wholeWords) ok = !isWord(charBefore(text, start)) && !isWord(charAt(text, end));
    if (!ok) {
      i++;
      continue;
    }
    out.push({ start, end });
    i = term.kind === "prefix" ? firstAt(end) : i + pattern.length;
  }
  return out;
}

function bruteSearch(text: string, units: Range[], q: WordsQuery): Range[] {
  const hits: Range[] = [];
  for (const unit of units) {
    if (q.exclude.some((t) => bruteTerm(text, unit, t, q.matchCase, q.wholeWords).length > 0)) continue;
    const perClause = q.all.map((alts) => alts.flatMap((t) => bruteTerm(text, unit, t, q.matchCase, q.wholeWords)));
    if (perClause.some((h) => h.length === 0)) continue;
    const all = perClause.flat().sort((a, b) => a.start - b.start || b.end - a.end);
    let reach = -1;
    for (const h of all)
      if (h.start >= reach) {
        hits.push(h);
        reach = h.end;
      }
  }
  return hits;
}

const PIECES = [
  "a",
  "b",
  "e",
  "é",
  "É",
  "e\u0301",
  "E",
  " ",
  " ",
  "\n",
  "\r\n",
  ".",
  ",",
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
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(""));
const WORDS = ["a", "b", "e", "é", "E", "ab", "ba", "nurse", "ß", "😀", "\u05E9"];
const termArb = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([x, y]) => `"${x} ${y}"`),
  fc.constantFrom(...WORDS).map((w) => `${w}*`),
);
const queryArb = fc
  .tuple(fc.array(fc.array(termArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), fc.array(termArb, { maxLength: 1 }))
  .map(([all, exclude]) => [...all.map((alts) => alts.join(" OR ")), ...exclude.map((t) => `-${t}`)].join(" "));

describe("searchSource against a brute-force scan", () => {
  it("finds the same hits for random texts and queries, with each toggle", () => {
    fc.assert(
      fc.property(textArb, queryArb, fc.boolean(), fc.boolean(), (text, queryText, matchCase, wholeWords) => {
        const parsed = parseQuery(queryText, { matchCase, wholeWords });
        expect(parsed.ok, queryText).toBe(true);
        if (!parsed.ok || parsed.query.kind !== "words") return;
        const blocks = linesAsBlocks(text);
        const units = searchUnits(text, blocks, []);
        const got = searchSource(parsed.query, { sourceId: "s", text, blocks, turns: [] }).hits.map(({ start, end }) => ({ start, end }));
        expect(got).toEqual(bruteSearch(text, units, parsed.query));
      }),
      { numRuns: 600 },
    );
  });
});

describe("searchUnits", () => {
  it("is each turn's words (label and following space left out) and each block outside turns", () => {
    // Lines: a preamble of plain paragraphs, then turns; a turn runs over its continuation lines.
    const lineArb = fc.record({ speaker: fc.constantFrom(null, "P1", "Interviewer"), words: fc.constantFrom("", "a b", "nurse", "  x") });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), fc.nat(3), (lines, preamble) => {
        const texts = lines.map((l, i) => (i >= preamble && l.speaker ? `${l.speaker}: ${l.words}` : l.words));
        const text = texts.join("\n");
        const blocks = linesAsBlocks(text);
        const turns: Turn[] = [];
        lines.forEach((l, i) => {
          const block = blocks[i] as Block;
          if (i >= preamble && l.speaker)
            turns.push({ start: block.start, end: block.end, speaker: l.speaker, labelEnd: block.start + l.speaker.length + 1 });
          else if (turns.length > 0 && i >= preamble) (turns[turns.length - 1] as Turn).end = block.end; // a continuation line
        });
        // Brute force: outside turns, each non-empty block; each turn, from after its label and white space to its end.
        const expected: { start: number; end: number }[] = [];
        for (const block of blocks) {
          const turn = turns.find((t) => t.start <= block.start && block.start < Math.max(t.end, t.start + 1));
          if (!turn) {
            if (block.end > block.start) expected.push({ start: block.start, end: block.end });
          } else if (turn.start === block.start) {
            let start = turn.labelEnd;
            while (start < turn.end && /\s/.test(text[start] ?? "")) start++;
            if (start < turn.end) expected.push({ start, end: turn.end });
          }
        }
        expect(searchUnits(text, blocks, turns)).toEqual(expected);
      }),
    );
  });
});

const target = (text: string, extra: Partial<SearchTarget> = {}): SearchTarget => ({
  sourceId: "s",
  text,
  blocks: linesAsBlocks(text),
  turns: [],
  ...extra,
});
function hitTexts(queryText: string, text: string, options = {}, extra: Partial<SearchTarget> = {}): string[] {
  const parsed = parseQuery(queryText, options);
  if (!parsed.ok) throw new Error(parsed.message);
  return searchSource(parsed.query, target(text, extra)).hits.map((h) => text.slice(h.start, h.end));
}

describe("searchSource examples", () => {
  it("folds accents and case as find does; match case keeps case but not accents", () => {
    expect(hitTexts("jose", "José and JOSE and jose\u0301")).toEqual(["José", "JOSE", "jose\u0301"]);
    expect(hitTexts("Jose", "José and JOSE", { matchCase: true })).toEqual(["José"]);
  });

  it("needs every AND word in the same paragraph, and leaves out paragraphs with an excluded word", () => {
    const text = "the nurse on the ward\nthe nurse alone\nagency nurse on the ward";
    expect(hitTexts("nurse ward -agency", text)).toEqual(["nurse", "ward"]);
    expect(hitTexts("midwife OR nurse alone", text)).toEqual(["nurse", "alone"]);
  });

  it("prefix terms take the whole word and must start one; whole words refuses parts", () => {
    expect(hitTexts("implement*", "implementation reimplement implemented")).toEqual(["implementation", "implemented"]);
    expect(hitTexts("care", "care carer daycare", { wholeWords: true })).toEqual(["care"]);
    expect(hitTexts("care", "care carer daycare")).toEqual(["care", "care", "care"]);
  });

  it("a phrase runs across a line break inside one turn but not across turns; labels are not searched", () => {
    const text = "Interviewer: health\nP07: care is\nwhat health\ncare means";
    const blocks = linesAsBlocks(text);
    const turns: Turn[] = [
      { start: 0, end: 19, speaker: "Interviewer", labelEnd: 12 },
      { start: 20, end: text.length, speaker: "P07", labelEnd: 24 },
    ];
    expect(hitTexts('"health care"', text, {}, { blocks, turns })).toEqual(["health\ncare"]);
    expect(hitTexts("interviewer", text, {}, { blocks, turns })).toEqual([]);
  });

  it("regex mode matches the text as written, case-insensitive unless match case, within units", () => {
    expect(hitTexts("nurs(e|ing)", "Nursing and nurse\nnurs\ning", { regex: true })).toEqual(["Nursing", "nurse"]);
    expect(hitTexts("nurs(e|ing)", "Nursing and nurse", { regex: true, matchCase: true })).toEqual(["nurse"]);
    expect(hitTexts("^\\w+", "one two\nthree", { regex: true })).toEqual(["one", "three"]);
    expect(hitTexts("x*", "abc", { regex: true })).toEqual([]);
    expect(hitTexts("😀", "a 😀 b", { regex: true, wholeWords: true })).toEqual(["😀"]);
    expect(hitTexts("b", "a😀b ab", { regex: true, wholeWords: true })).toEqual(["b"]); // the emoji is not a letter: "b" after it is a whole word
  });

  it("stops when shouldStop says so, with a message, keeping the hits so far", () => {
    const parsed = parseQuery("a", { regex: true });
    if (!parsed.ok) throw new Error(parsed.message);
    const big = "a ".repeat(2000);
    let asked = 0;
    const outcome = searchSources(parsed.query, [target(big, { sourceId: "one" }), target(big, { sourceId: "two" })], {
      shouldStop: () => ++asked > 3,
    });
    expect(outcome.stopped).toBe(true);
    expect(outcome.message).toBe(STOPPED_MESSAGE);
    expect(outcome.sourcesSearched).toBe(0);
    expect(outcome.hits.length).toBeGreaterThan(0);
    expect(outcome.hits.length).toBeLessThan(2000);
    const whole = searchSources(parsed.query, [target(big, { sourceId: "one" }), target(big, { sourceId: "two" })]);
    expect(whole).toMatchObject({ stopped: false, sourcesSearched: 2 });
    expect(whole.hits).toHaveLength(4000);
  });

  it("stops between sources too", () => {
    const parsed = parseQuery("a");
    if (!parsed.ok) throw new Error(parsed.message);
    const outcome = searchSources(parsed.query, [target("a"), target("a")], { shouldStop: () => true });
    expect(outcome).toMatchObject({ stopped: true, sourcesSearched: 0, hits: [] });
  });

  it("a broken surrogate or a replacement character in the text does not shift hits", () => {
    expect(hitTexts("nurse", "a\uD800b nurse \uFFFD nurse")).toEqual(["nurse", "nurse"]);
    const text = "x\uDC00 nurse";
    const parsed = parseQuery("nurse");
    if (!parsed.ok) throw new Error(parsed.message);
    expect(searchSource(parsed.query, target(text)).hits).toEqual([{ sourceId: "s", start: 3, end: 8 }]);
  });

  it("searches only within a scope's ranges", () => {
    expect(hitTexts("a", "a a a a", {}, { within: [{ start: 2, end: 5 }] })).toEqual(["a", "a"]);
  });
});
