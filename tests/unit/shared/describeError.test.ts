import { describe, expect, it } from "vitest";
import { describeError } from "../../../shared/describeError";

describe("describeError, the one way a caught value becomes a message", () => {
  it("gives an Error's own message", () => {
    expect(describeError(new Error("The disk is full."))).toBe("The disk is full.");
    expect(describeError(new TypeError("x is not a function"))).toBe("x is not a function");
  });

  it("gives anything else as text", () => {
    expect(describeError("Nothing was merged")).toBe("Nothing was merged");
    expect(describeError(42)).toBe("42");
    expect(describeError(undefined)).toBe("undefined");
    expect(describeError(null)).toBe("null");
  });
});
