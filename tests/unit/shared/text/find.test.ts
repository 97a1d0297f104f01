import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findAll, findInPrepared, foldQuery, hitIndexFrom, prepareSearch } from "../../../../shared/text/find";

const slices = (text: string, query: string) => findAll(text, query).map((h) => text.slice(h.start, h.end));

describe("findAll", () => {
  it("ignores case and returns every hit in order", () => {
    const text = "Nurse said the NURSE was a nurse.";
    expect(findAll(text, "nurse")).toEqual([
      { start: 0, end: 5 },
      { start: 15, end: 20 },
      { start: 27, end: 32 },
    ]);
  });

  it("returns nothing for an empty query or no match", () => {
    expect(findAll("abc", "")).toEqual([]);
    expect(findAll("abc", "x")).toEqual([]);
    expect(findAll("", "x")).toEqual([]);
  });

  it("does not overlap hits", () => {
    expect(findAll("aaaa", "aa")).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(findAll("aaa", "aa")).toHaveLength(1);
  });

  it("ignores accents, precomposed or decomposed, in text and in query", () => {
    expect(slices("José and JOSE", "jose")).toEqual(["José", "JOSE"]);
    expect(slices("José and JOSE", "josé")).toEqual(["José", "JOSE"]);
    const decomposed = "Jose\u0301 left";
    // The hit keeps the accent that belongs to its last letter.
    expect(findAll(decomposed, "jose")).toEqual([{ start: 0, end: 5 }]);
    expect(slices("Crème brûlée", "creme brulee")).toEqual(["Crème brûlée"]);
    expect(slices("Vi\u1EC7t Nam", "viet")).toEqual(["Vi\u1EC7t"]);
  });

  it("ignores Arabic short vowels and tatweel", () => {
    const text = "قال مُحَمَّد إنه تعب";
    const hits = findAll(text, "محمد");
    expect(hits).toHaveLength(1);
    expect(text.slice(hits[0]?.start, hits[0]?.end)).toBe("مُحَمَّد");
    expect(slices("كـتـاب", "كتاب")).toEqual(["كـتـاب"]);
  });

  it("keeps marks that change the letter in other scripts", () => {
    expect(findAll("किताब", "कताब")).toEqual([]);
  });

  it("treats any white space as a space, including the break between blocks", () => {
    expect(slices("end of one\nstart of two", "one start")).toEqual(["one\nstart"]);
    expect(slices("no\u00A0break and\ttab", "no break and tab")).toEqual(["no\u00A0break and\ttab"]);
  });

  it("matches straight and curly quotes alike", () => {
    expect(slices("I don’t know", "don't")).toEqual(["don’t"]);
    expect(slices('He said "fine"', "“fine”")).toEqual(['"fine"']);
  });

  it("folds Greek final sigma and Turkish dotted capital I", () => {
    expect(slices("ΟΔΟΣ οδος", "οδοσ")).toEqual(["ΟΔΟΣ", "οδος"]);
    expect(slices("İstanbul", "istanbul")).toEqual(["İstanbul"]);
  });

  it("keeps surrogate pairs whole", () => {
    const text = "I 😀 it, 😀!";
    expect(findAll(text, "😀")).toEqual([
      { start: 2, end: 4 },
      { start: 9, end: 11 },
    ]);
    expect(slices("🧑🏽‍⚕️ nurse", "nurse")).toEqual(["nurse"]);
  });

  it("maps hits back when folding makes the text longer", () => {
    // U+0958 folds to two code units (it is excluded from recomposition), so the folded text outgrows its first buffer.
    const text = "\u0958x".repeat(40);
    const hits = findAll(text, "\u0958x");
    expect(hits).toHaveLength(40);
    expect(hits[39]).toEqual({ start: 78, end: 80 });
  });

  it("reuses one prepared text for many queries", () => {
    const prepared = prepareSearch("Interviewer: and then? P07: then I left.");
    expect(findInPrepared(prepared, "then")).toHaveLength(2);
    expect(findInPrepared(prepared, "p07:")).toEqual([{ start: 23, end: 27 }]);
  });

  it("agrees with a naive search on ASCII text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", "A", " ", "\n") }),
        fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom("a", "b", "B", " ") }),
        (text, query) => {
          const lowerText = text.toLowerCase().replace(/\n/g, " ");
          const lowerQuery = query.toLowerCase();
          const expected: { start: number; end: number }[] = [];
          for (let at = lowerText.indexOf(lowerQuery); at !== -1; at = lowerText.indexOf(lowerQuery, at + lowerQuery.length)) {
            expected.push({ start: at, end: at + lowerQuery.length });
          }
          expect(findAll(text, query)).toEqual(expected);
        },
      ),
    );
  });

  it("returns hits whose folded text equals the folded query, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.nat(), fc.nat(), (text, a, b) => {
        // Queries are typed, so they hold whole code points.
        const points = Array.from(text);
        const from = Math.min(a, b) % (points.length + 1);
        const to = Math.max(a, b) % (points.length + 1);
        const query = points.slice(from, Math.max(from, to)).join("");
        for (const hit of findAll(text, query)) {
          expect(Array.from(foldQuery(text.slice(hit.start, hit.end)))).toEqual(Array.from(foldQuery(query)));
        }
      }),
    );
  });

  it("stays linear on an adversarial query over a 600k-character text", () => {
    const text = "a".repeat(600_000);
    const query = `${"a".repeat(5_000)}b`;
    const started = performance.now();
    expect(findAll(text, query)).toEqual([]);
    // Quadratic would be ~3e9 steps; linear is a few milliseconds. The bound is loose for busy machines.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe("hitIndexFrom", () => {
  const hits = [
    { start: 5, end: 7 },
    { start: 20, end: 22 },
    { start: 40, end: 42 },
  ];
  it("finds the first hit at or after an offset, wrapping around", () => {
    expect(hitIndexFrom(hits, 0)).toBe(0);
    expect(hitIndexFrom(hits, 5)).toBe(0);
    expect(hitIndexFrom(hits, 6)).toBe(1);
    expect(hitIndexFrom(hits, 41)).toBe(0);
    expect(hitIndexFrom([], 3)).toBe(-1);
  });
});
