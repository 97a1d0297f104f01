import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { coderLooks, defaultCoderColour } from "../../../../shared/coding/coderLooks";
import { retrievalNames } from "../../../../renderer/retrieval/names";
import type { CoderRecord } from "../../../../shared/model/records";

const coder = (id: string, colour: string, createdAt = "2026-01-01T00:00:00Z"): CoderRecord =>
  ({
    id,
    name: id,
    initials: id.slice(0, 2).toUpperCase(),
    colour,
    publicKey: null,
    createdAt,
    updatedAt: createdAt,
    deleted: false,
  }) as unknown as CoderRecord;

describe("coder looks (issue 14 item 8)", () => {
  it("two coders with the same orange are drawn in different colours and patterns", () => {
    const names = retrievalNames({
      codes: [],
      sources: [],
      cases: [],
      coders: [coder("amira", "#D55E00"), coder("ben", "#D55E00", "2026-02-01T00:00:00Z")],
    } as never);
    const a = names.coderLook("amira");
    const b = names.coderLook("ben");
    expect(a?.colour).toBe("#D55E00");
    expect(b?.colour).not.toBe(a?.colour);
    expect(b?.pattern).not.toBe(a?.pattern);
  });

  it("any team of up to five coders gets distinct colours and distinct patterns", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom("#D55E00", "#0072B2", "#zzz"), { minLength: 5, maxLength: 5 }),
        (ids, colours) => {
          const looks = coderLooks(ids.map((id, i) => ({ id, colour: colours[i] })));
          const all = [...looks.values()];
          expect(new Set(all.map((l) => l.colour)).size).toBe(ids.length);
          expect(new Set(all.map((l) => l.pattern)).size).toBe(ids.length);
        },
      ),
    );
  });

  it("a new coder's colour comes from their id, the same on every computer", () => {
    expect(defaultCoderColour("abc")).toBe(defaultCoderColour("abc"));
    expect(defaultCoderColour("abc")).toMatch(/^#[0-9A-F]{6}$/);
  });
});
