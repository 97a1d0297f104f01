import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  moveCaret,
  nextCharacter,
  nextParagraphEnd,
  nextSentenceEnd,
  nextWordEnd,
  nextWordStart,
  previousCharacter,
  previousParagraphStart,
  previousSentenceStart,
  previousWordEnd,
  previousWordStart,
  type BlockSpan,
  type CaretOptions,
} from "../../../../shared/text/caret";
import { paragraphsFromLines } from "../../../../shared/text/transcript";

const MODES: [string, CaretOptions][] = [
  ["Intl.Segmenter", {}],
  ["fallback", { intlSegmenter: false }],
];

/** Every caret stop from the start to the end, stepping forward. */
function walk(text: string, step: (at: number) => number): number[] {
  const stops = [0];
  for (let at = 0, guard = 0; at < text.length && guard < 10_000; guard++) {
    at = step(at);
    stops.push(at);
  }
  return stops;
}

/** Every caret stop from the end to the start, stepping back. */
function walkBack(text: string, step: (at: number) => number): number[] {
  const stops = [text.length];
  for (let at = text.length, guard = 0; at > 0 && guard < 10_000; guard++) {
    at = step(at);
    stops.push(at);
  }
  return stops;
}

const pieces = (text: string, stops: number[]) => stops.slice(1).map((stop, i) => text.slice(stops[i], stop));

describe.each(MODES)("by character (%s)", (_name, options) => {
  it("steps over whole emoji clusters: skin tone, ZWJ sequence, flag, keycap", () => {
    const text = "a👍🏽b👩‍⚕️c🇬🇧d1️⃣";
    const forward = pieces(
      text,
      walk(text, (at) => nextCharacter(text, at, options)),
    );
    expect(forward).toEqual(["a", "👍🏽", "b", "👩‍⚕️", "c", "🇬🇧", "d", "1️⃣"]);
    const back = walkBack(text, (at) => previousCharacter(text, at, options));
    expect(back.reverse()).toEqual(walk(text, (at) => nextCharacter(text, at, options)));
  });

  it("keeps combining marks with their letter and Arabic harakat with theirs", () => {
    const text = "Jose\u0301 مُحَمَّد";
    const forward = pieces(
      text,
      walk(text, (at) => nextCharacter(text, at, options)),
    );
    expect(forward).toEqual(["J", "o", "s", "e\u0301", " ", "مُ", "حَ", "مَّ", "د"]);
  });

  it("never stops inside a surrogate pair", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (text) => {
        for (const stop of walk(text, (at) => nextCharacter(text, at, options))) {
          const code = text.charCodeAt(stop);
          expect(stop === text.length || !(code >= 0xdc00 && code <= 0xdfff)).toBe(true);
        }
        for (const stop of walkBack(text, (at) => previousCharacter(text, at, options))) {
          const code = text.charCodeAt(stop);
          expect(stop === text.length || !(code >= 0xdc00 && code <= 0xdfff)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("crosses the line break between blocks in one step and stops at the ends", () => {
    const text = "ab\ncd";
    expect(nextCharacter(text, 2, options)).toBe(3);
    expect(previousCharacter(text, 3, options)).toBe(2);
    expect(nextCharacter(text, 5, options)).toBe(5);
    expect(previousCharacter(text, 0, options)).toBe(0);
  });
});

describe.each(MODES)("by word (%s)", (_name, options) => {
  it("forward goes to word ends, backward to word starts, and a line end is a stop", () => {
    const text = "Staff found it, honestly.\nNext line";
    const forward = walk(text, (at) => nextWordEnd(text, at, options));
    expect(forward.map((at) => text.slice(0, at).split("\n").pop())).toEqual([
      "",
      "Staff",
      "Staff found",
      "Staff found it",
      "Staff found it, honestly",
      "Staff found it, honestly.",
      "Next",
      "Next line",
    ]);
    const back = walkBack(text, (at) => previousWordStart(text, at, options));
    // A line start is a stop going back, as a line end is going forward.
    expect(back.map((at) => text.slice(at, at + 4))).toEqual(["", "line", "Next", "hone", "it, ", "foun", "Staf"]);
  });

  it("treats Arabic words and emoji as units", () => {
    const text = "قال المريض 👍🏽 ok";
    const forward = walk(text, (at) => nextWordEnd(text, at, options));
    // An emoji is passed over like punctuation: the stop is the next word's end.
    expect(pieces(text, forward).map((p) => p.trim())).toEqual(["قال", "المريض", "👍🏽 ok"]);
    expect(previousWordStart(text, text.length, options)).toBe(text.indexOf("ok"));
  });

  it("moves a coding's edges by a word: next start, previous end", () => {
    const text = "one two, three\nfour";
    expect(text.slice(nextWordStart(text, 0, options))).toBe("two, three\nfour");
    expect(text.slice(nextWordStart(text, text.indexOf("three"), options))).toBe("four");
    expect(text.slice(0, previousWordEnd(text, text.length, options))).toBe("one two, three");
    expect(text.slice(0, previousWordEnd(text, text.indexOf(","), options))).toBe("one");
    expect(previousWordEnd(text, 2, options)).toBe(0);
    expect(nextWordStart(text, text.length - 1, options)).toBe(text.length);
  });
});

describe.each(MODES)("by sentence (%s)", (_name, options) => {
  it("forward to each sentence end (without the space after), backward to each start", () => {
    const text = "It was chaotic. The nurses adapted! Did it work?\nYes. Mostly";
    const blocks = paragraphsFromLines(text);
    const forward = walk(text, (at) => nextSentenceEnd(text, blocks, at, options));
    expect(
      forward.map((at) =>
        text
          .slice(0, at)
          .split("\n")
          .pop()
          ?.split(/(?<=[.!?]) /)
          .pop(),
      ),
    ).toEqual(["", "It was chaotic.", "The nurses adapted!", "Did it work?", "Yes.", "Mostly"]);
    const back = walkBack(text, (at) => previousSentenceStart(text, blocks, at, options));
    expect(back.map((at) => text.slice(at, at + 3))).toEqual(["", "Mos", "Yes", "Did", "The", "It "]);
  });

  it("works in Arabic", () => {
    const text = "قال المريض إن النظام مفيد. شكرا لك.";
    const blocks = paragraphsFromLines(text);
    expect(text.slice(0, nextSentenceEnd(text, blocks, 0, options))).toBe("قال المريض إن النظام مفيد.");
    expect(text.slice(previousSentenceStart(text, blocks, text.length, options))).toBe("شكرا لك.");
  });
});

describe("by paragraph", () => {
  const text = "First block.\n\nThird block here.";
  const blocks: BlockSpan[] = paragraphsFromLines(text);

  it("forward to the block end, then the next block's end (empty blocks included)", () => {
    expect(walk(text, (at) => nextParagraphEnd(text, blocks, at))).toEqual([0, 12, 13, text.length]);
  });

  it("backward to the block start, then the previous block's start", () => {
    expect(walkBack(text, (at) => previousParagraphStart(text, blocks, at))).toEqual([text.length, 14, 13, 0]);
  });
});

describe("moveCaret", () => {
  it("dispatches every unit and direction", () => {
    const text = "Hi there. Bye now.\nNext";
    const blocks = paragraphsFromLines(text);
    expect(moveCaret(text, blocks, 0, "character", 1)).toBe(1);
    expect(moveCaret(text, blocks, 0, "word", 1)).toBe(2);
    expect(moveCaret(text, blocks, 0, "sentence", 1)).toBe(9);
    expect(moveCaret(text, blocks, 0, "paragraph", 1)).toBe(18);
    expect(moveCaret(text, blocks, 5, "document", 1)).toBe(text.length);
    expect(moveCaret(text, blocks, 5, "document", -1)).toBe(0);
    expect(moveCaret(text, blocks, 12, "sentence", -1)).toBe(10);
    expect(moveCaret(text, blocks, 20, "paragraph", -1)).toBe(19);
  });

  it("always moves in the asked direction (or stays at the edge), for any text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 60 }),
        fc.nat(),
        fc.constantFrom("character", "word", "sentence", "paragraph", "document" as const),
        (text, seed, unit) => {
          const blocks = paragraphsFromLines(text);
          const at = seed % (text.length + 1);
          const next = moveCaret(text, blocks, at, unit, 1);
          const previous = moveCaret(text, blocks, at, unit, -1);
          expect(next >= at && next <= text.length).toBe(true);
          expect(previous <= at && previous >= 0).toBe(true);
          if (at < text.length) expect(next).toBeGreaterThan(at);
          if (at > 0) expect(previous).toBeLessThan(at);
        },
      ),
      { numRuns: 300 },
    );
  });
});
