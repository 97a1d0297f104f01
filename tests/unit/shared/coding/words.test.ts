import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapToWords, wordUnits, type SnapOptions } from "../../../../shared/coding/words";

const MODES: [string, SnapOptions][] = [
  ["Intl.Segmenter", {}],
  ["regex fallback", { intlSegmenter: false }],
];

/** Snaps the first occurrence of `part` in `text` and returns the snapped text. */
function snapPart(text: string, part: string, options: SnapOptions, from = 0, length = part.length): string {
  const at = text.indexOf(part);
  expect(at).toBeGreaterThanOrEqual(0);
  const r = snapToWords(text, at + from, at + from + length, options);
  return text.slice(r.start, r.end);
}

describe.each(MODES)("snapToWords (%s)", (_name, options) => {
  it("grows a partial word to the whole word, apostrophes inside words included", () => {
    expect(snapPart("I don’t know", "on", options)).toBe("don’t");
    expect(snapPart("it's fine", "t'", options)).toBe("it's");
    expect(snapPart("Staff found the portal useful", "aff fou", options)).toBe("Staff found");
  });

  it("trims white space at both ends and never grows into it", () => {
    expect(snapPart("  hello world  ", "  hello wor", options)).toBe("hello world");
    expect(snapToWords("a    b", 1, 5, options)).toEqual({ start: 5, end: 5 });
  });

  it("keeps punctuation as its own unit", () => {
    expect(snapPart("Well, fine.", "ll,", options)).toBe("Well,");
    expect(snapPart("self-care plan", "f-c", options)).toBe("self-care");
    expect(snapPart("(quite)", "ui", options)).toBe("quite");
  });

  it("never splits an emoji: skin tones, ZWJ sequences, flags, keycaps", () => {
    const text = "Nurses reacted 👍🏽 and 👩‍⚕️ to the 🇬🇧 rota 1️⃣";
    const thumbs = text.indexOf("👍🏽");
    expect(text.slice(...bounds(snapToWords(text, thumbs + 2, thumbs + 3, options)))).toBe("👍🏽");
    const nurse = text.indexOf("👩‍⚕️");
    expect(text.slice(...bounds(snapToWords(text, nurse + 2, nurse + 3, options)))).toBe("👩‍⚕️");
    const flag = text.indexOf("🇬🇧");
    expect(text.slice(...bounds(snapToWords(text, flag + 1, flag + 2, options)))).toBe("🇬🇧");
    const key = text.indexOf("1️⃣");
    expect(text.slice(...bounds(snapToWords(text, key + 1, key + 2, options)))).toBe("1️⃣");
  });

  it("never splits a surrogate pair", () => {
    const text = "x 𠀀𠀁 y";
    const r = snapToWords(text, 3, 5, options); // low half of 𠀀, high half of 𠀁
    expect(text.slice(r.start, r.end)).toBe("𠀀𠀁");
  });

  it("keeps Arabic harakat with their letters", () => {
    const text = "قَالَ المَرِيضُ إِنَّ";
    expect(snapPart(text, "المَرِيضُ", options, 3, 2)).toBe("المَرِيضُ");
    expect(snapPart(text, "قَالَ", options, 1, 1)).toBe("قَالَ");
  });

  it("treats each Chinese or Japanese character as its own word", () => {
    const text = "患者说：这个系统很好用。";
    expect(snapPart(text, "系", options)).toBe("系");
    expect(snapPart(text, "统很", options)).toBe("统很");
    expect(snapPart("ab中文cd", "b中", options)).toBe("ab中");
    expect(snapPart("カタカナ", "タ", options)).toBe("タ");
  });

  it("never grows across a block boundary", () => {
    expect(snapToWords("ab\ncd", 1, 3, options)).toEqual({ start: 0, end: 2 });
    expect(snapToWords("ab\ncd", 1, 4, options)).toEqual({ start: 0, end: 5 });
  });

  it("selects the word at a caret", () => {
    expect(snapToWords("hello world", 2, 2, options)).toEqual({ start: 0, end: 5 });
    expect(snapToWords("hello world", 5, 5, options)).toEqual({ start: 0, end: 5 });
    expect(snapToWords("hello world", 6, 6, options)).toEqual({ start: 6, end: 11 });
    expect(snapToWords("a  b", 2, 2, options)).toEqual({ start: 2, end: 2 });
  });

  it("clamps and orders its arguments", () => {
    expect(snapToWords("hello", 4, -3, options)).toEqual({ start: 0, end: 5 });
    expect(snapToWords("hello", 1, 99, options)).toEqual({ start: 0, end: 5 });
  });
});

function bounds(r: { start: number; end: number }): [number, number] {
  return [r.start, r.end];
}

describe("wordUnits", () => {
  it("tiles the text, in order, with nothing left out", () => {
    for (const [, options] of MODES) {
      const text = "Dr O’Neill said: 3.5 weeks 👩‍⚕️ 患者 ok";
      const units = wordUnits(text, options);
      expect(units.map((u) => text.slice(u.start, u.end)).join("")).toBe(text);
      expect(units.filter((u) => u.wordLike).map((u) => text.slice(u.start, u.end))).toEqual([
        "Dr",
        "O’Neill",
        "said",
        "3.5",
        "weeks",
        "患",
        "者",
        "ok",
      ]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over text mixing scripts, emoji, marks, surrogate pairs and line breaks.

const PIECES = [
  "a",
  "b",
  "Z",
  "é",
  "e\u0301",
  "’",
  "'",
  " ",
  " ",
  "  ",
  "\n",
  ",",
  ".",
  "-",
  "7",
  "👍🏽",
  "👩‍⚕️",
  "🇬🇧",
  "患",
  "者",
  "カ",
  "قَ",
  "ل",
  "𠀀",
  "\u0301",
  "\u00A0",
];
const arbText = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(""));
const arbCase = arbText.chain((text) => fc.tuple(fc.constant(text), fc.nat(text.length), fc.nat(text.length)));

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const splitsPair = (text: string, i: number) => i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Letters, marks and digits outside CJK: two of these side by side are always one word. */
const wordish = (ch: string | undefined) => ch !== undefined && /^[\p{L}\p{M}\p{N}]$/u.test(ch) && !CJK.test(ch);
/** The base character before offset i, skipping the marks attached to it (U+FE0F ends many emoji). */
const baseBefore = (text: string, i: number): string | undefined => {
  for (let j = i; j > 0;) {
    const pair = j >= 2 && isLow(text.charCodeAt(j - 1)) && isHigh(text.charCodeAt(j - 2));
    const ch = text.slice(pair ? j - 2 : j - 1, j);
    if (!/^\p{M}$/u.test(ch)) return ch;
    j -= ch.length;
  }
  return undefined;
};
const codePointAt = (text: string, i: number) => (i < text.length ? String.fromCodePoint(text.codePointAt(i) as number) : undefined);

function trimmed(text: string, start: number, end: number): [number, number] {
  let s = Math.min(start, end);
  let e = Math.max(start, end);
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return [s, e];
}

describe.each(MODES)("snapToWords properties (%s)", (_name, options) => {
  it("contains the selection's non-white-space part, ends on boundaries, never crosses a line or splits a pair", () => {
    fc.assert(
      fc.property(arbCase, ([text, a, b]) => {
        if (a === b) return;
        const [s, e] = trimmed(text, a, b);
        const r = snapToWords(text, a, b, options);
        if (s === e) {
          expect(r.start).toBe(r.end);
          return;
        }
        expect(r.start).toBeLessThanOrEqual(s);
        expect(r.end).toBeGreaterThanOrEqual(e);
        expect(splitsPair(text, r.start)).toBe(false);
        expect(splitsPair(text, r.end)).toBe(false);
        expect(/\s/.test(text[r.start] as string)).toBe(false);
        expect(/\s/.test(text[r.end - 1] as string)).toBe(false);
        expect(text.slice(r.start, s)).not.toContain("\n");
        expect(text.slice(e, r.end)).not.toContain("\n");
        expect(wordish(baseBefore(text, r.start)) && wordish(codePointAt(text, r.start))).toBe(false);
        expect(wordish(baseBefore(text, r.end)) && wordish(codePointAt(text, r.end))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(arbCase, ([text, a, b]) => {
        const once = snapToWords(text, a, b, options);
        if (once.start === once.end) return;
        expect(snapToWords(text, once.start, once.end, options)).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  it("a caret gives the word it touches, or nothing", () => {
    fc.assert(
      fc.property(arbCase, ([text, a]) => {
        const r = snapToWords(text, a, a, options);
        if (r.start === r.end) expect(r.start).toBe(a);
        else {
          expect(r.start).toBeLessThanOrEqual(a);
          expect(r.end).toBeGreaterThanOrEqual(a);
          expect(text.slice(r.start, r.end)).not.toMatch(/\s/);
        }
      }),
    );
  });
});
