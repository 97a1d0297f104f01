/**
 * Issue 13 item 6: giving palette colours to many new codes is linear. The tally must pick exactly
 * what the one-at-a-time rule (nextCodeColour over every colour so far) picks, and a codebook of n
 * codes must not lower-case colours n² times, as the old rescan did (about 2 million calls for 2,000
 * codes; now a few per code).
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CODE_COLOURS, CodeColourTally, nextCodeColour } from "../../../../shared/coding/palette";
import { buildCodes, type RecordFactory } from "../../../../shared/refi/importRecords";
import type { RefiCode } from "../../../../shared/refi/types";

/** The old rule, kept here as the reference: the least-used palette colour over everything so far. */
function bruteForce(used: readonly string[]): string {
  let best: string = CODE_COLOURS[0];
  let bestCount = Infinity;
  for (const colour of CODE_COLOURS) {
    const count = used.filter((u) => u.toLowerCase() === colour.toLowerCase()).length;
    if (count < bestCount) [best, bestCount] = [colour, count];
  }
  return best;
}

const anyColour = fc.oneof(
  fc.constantFrom(...CODE_COLOURS),
  fc.constantFrom(...CODE_COLOURS).map((c) => c.toLowerCase()),
  fc.constantFrom("#000000", "#123456", "not a colour"),
);

const factory = (): RecordFactory => {
  let n = 0;
  return {
    idMap: {},
    idOf: () => undefined,
    meta: () => ({ id: `id-${n++}`, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: String(n), updatedBy: "me", deleted: false }),
  };
};

describe("code colours for many new codes", () => {
  afterEach(() => vi.restoreAllMocks());

  it("the tally picks what the one-at-a-time rule picks, whatever was used before and whatever is given", () => {
    fc.assert(
      fc.property(
        fc.array(anyColour, { maxLength: 60 }),
        fc.array(fc.option(anyColour, { nil: null }), { maxLength: 60 }),
        (before, steps) => {
          const used = [...before];
          const tally = new CodeColourTally(before);
          for (const given of steps) {
            expect(tally.next()).toBe(bruteForce(used));
            const colour = given ?? tally.next();
            tally.add(colour);
            used.push(colour);
          }
          expect(nextCodeColour(used)).toBe(bruteForce(used));
        },
      ),
    );
  });

  it("a 2,000-code import lower-cases each colour a bounded number of times, not once per earlier code", () => {
    const codes: RefiCode[] = Array.from({ length: 2000 }, (_, i) => ({ guid: `g${i}`, name: `Code ${i}`, isCodable: true, children: [] }));
    const lower = vi.spyOn(String.prototype, "toLowerCase");
    const built = buildCodes(codes, factory(), []);
    expect(built).toHaveLength(2000);
    expect(new Set(built.slice(0, CODE_COLOURS.length).map((c) => c.colour)).size).toBe(CODE_COLOURS.length);
    // Linear: a handful per code. The old rescan made about n²/2 = 2,000,000 calls.
    expect(lower.mock.calls.length).toBeLessThan(10 * codes.length);
  });
});
