import { describe, expect, it } from "vitest";
import { contrastRatio, readableTextColour } from "../../../shared/colour";
import { CODER_COLOURS } from "../../../renderer/db/profile";

describe("colour contrast", () => {
  it("matches the WCAG reference values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });

  it("picks a text colour with at least 4.5:1 contrast on every coder colour", () => {
    for (const colour of CODER_COLOURS) {
      expect(contrastRatio(colour, readableTextColour(colour))).toBeGreaterThanOrEqual(4.5);
    }
    expect(readableTextColour("#E69F00")).toBe("#000000");
    expect(readableTextColour("#0072B2")).toBe("#ffffff");
  });
});
