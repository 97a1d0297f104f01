import { describe, expect, it } from "vitest";
import { segmentContext, segmentText } from "../../../../shared/retrieval/context";
import type { Block } from "../../../../shared/import/types";

const paragraphs = [
  "Interviewer: How was go-live?",
  "P01: Mixed. Logging in takes three minutes. Then it is fine.",
  "Interviewer: Thanks.",
];
const text = paragraphs.join("\n");
const blocks: Block[] = [];
let at = 0;
for (const p of paragraphs) {
  blocks.push({ kind: "paragraph", start: at, end: at + p.length });
  at += p.length + 1;
}

describe("segmentContext", () => {
  it("gives the whole paragraph around a segment, not the neighbouring ones", () => {
    const start = text.indexOf("Logging");
    const end = text.indexOf(" Then");
    const ctx = segmentContext(text, blocks, start, end);
    expect(ctx).toEqual({
      before: "P01: Mixed. ",
      text: "Logging in takes three minutes.",
      after: " Then it is fine.",
      clippedBefore: false,
      clippedAfter: false,
    });
  });

  it("spans every paragraph a segment crosses", () => {
    const start = text.indexOf("fine.");
    const end = text.indexOf("Thanks");
    const ctx = segmentContext(text, blocks, start, end);
    expect(ctx.before).toBe("P01: Mixed. Logging in takes three minutes. Then it is ");
    expect(ctx.after).toBe("Thanks.");
  });

  it("cuts long paragraphs at word boundaries and says so", () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    const long = `${words} TARGET ${words}`;
    const s = long.indexOf("TARGET");
    const ctx = segmentContext(long, [{ kind: "paragraph", start: 0, end: long.length }], s, s + 6, 50);
    expect(ctx.text).toBe("TARGET");
    expect(ctx.clippedBefore).toBe(true);
    expect(ctx.clippedAfter).toBe(true);
    expect(ctx.before.length).toBeLessThanOrEqual(50);
    expect(ctx.before).toMatch(/^word\d+ /);
    expect(ctx.after).toMatch(/ word\d+$/);
  });

  it("falls back to ±N characters without blocks, and clamps offsets", () => {
    const ctx = segmentContext("abcdefghij", [], 4, 6, 2);
    expect(ctx).toMatchObject({ before: "cd", text: "ef", after: "gh" });
    expect(segmentText("abc", -5, 99)).toBe("abc");
  });
});
