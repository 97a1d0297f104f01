import { describe, expect, it } from "vitest";
import { paragraphNumberAt, targetOffset, targetText } from "../../../../renderer/coding/codingTarget";
import { paragraphsFromLines } from "../../../../shared/text/transcript";

const text = "First paragraph.\nSecond one.\nThird, where the find hit is.";
const blocks = paragraphsFromLines(text);
const third = text.indexOf("Third");

describe("what a keyboard coding command codes", () => {
  it("the selection, else the caret", () => {
    expect(targetOffset({ start: third, end: third + 5 }, 2)).toBe(third);
    expect(targetOffset(null, 2)).toBe(2);
    expect(targetOffset(null, null)).toBeNull();
  });

  it("numbers paragraphs as the paragraph numbers show them", () => {
    expect(paragraphNumberAt(blocks, 0)).toBe(1);
    expect(paragraphNumberAt(blocks, text.indexOf("Second"))).toBe(2);
    expect(paragraphNumberAt(blocks, text.length)).toBe(3);
  });

  it("names the target on the status line", () => {
    expect(targetText(blocks, null, 3)).toBe("Ctrl+Shift+P codes paragraph 1");
    // With a selection (find closed on its hit), the selection is the target and its paragraph is named.
    expect(targetText(blocks, { start: third + 7, end: third + 12 }, 3)).toBe("Ctrl+K codes the selection, Ctrl+Shift+P its paragraph 3");
    expect(targetText(blocks, null, null)).toBe("");
  });
});
