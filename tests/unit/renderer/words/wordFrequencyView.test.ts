/** The word-frequency view's pure parts: the scope form → SearchScope, the table's sort, the cloud's sizes and seed. */
import { describe, expect, it } from "vitest";
import type { WordFrequencyRow } from "../../../../shared/search/wordFrequency";
import { fontSize, seededRandom } from "../../../../renderer/words/cloudLayout";
import { WHOLE_PROJECT, wordScope } from "../../../../renderer/words/WordScopeForm";
import { sortWordRows } from "../../../../renderer/words/WordTable";

const row = (word: string, count: number, sources = 1): WordFrequencyRow => ({
  word,
  length: word.length,
  count,
  sources,
  weightedPercent: count,
  forms: [{ word, count }],
});

describe("the scope form", () => {
  it("is the whole project by default, and each control limits it", () => {
    expect(wordScope(WHOLE_PROJECT)).toEqual({});
    expect(
      wordScope(
        {
          kind: "interview",
          caseId: "c1",
          attribute: { attributeId: "role", value: "Nurse" },
          speakers: "participants",
          coding: "outside",
          codeIds: ["k"],
        },
        ["Int"],
      ),
    ).toEqual({
      sourceKinds: ["interview"],
      cases: { caseIds: ["c1"], attribute: { attributeId: "role", value: "Nurse" } },
      speakers: "participants",
      interviewerLabels: ["Int"],
      coding: { codeIds: ["k"], inside: false },
    });
  });

  it("ignores an attribute without a value and a code limit without codes", () => {
    expect(wordScope({ ...WHOLE_PROJECT, attribute: { attributeId: "role", value: "" }, coding: "inside", codeIds: [] })).toEqual({});
  });
});

describe("the table's sort", () => {
  const rows = [row("ward", 5, 2), row("agency", 3, 2), row("rota", 3, 1), row("nurse", 9, 1)];
  it("sorts by any column, keeping the counted order on ties", () => {
    expect(sortWordRows(rows, { key: "word", descending: false }).map((r) => r.word)).toEqual(["agency", "nurse", "rota", "ward"]);
    expect(sortWordRows(rows, { key: "count", descending: true }).map((r) => r.word)).toEqual(["nurse", "ward", "agency", "rota"]);
    expect(sortWordRows(rows, { key: "sources", descending: true }).map((r) => r.word)).toEqual(["ward", "agency", "rota", "nurse"]);
    expect(sortWordRows(rows, { key: "length", descending: false }).map((r) => r.word)).toEqual(["ward", "rota", "nurse", "agency"]);
  });
});

describe("the cloud", () => {
  it("sizes words by the square root of their count, from the least to the most", () => {
    expect(fontSize(1, 1, 101)).toBe(12);
    expect(fontSize(101, 1, 101)).toBe(54);
    expect(fontSize(26, 1, 101)).toBe(33);
    expect(fontSize(5, 5, 5)).toBe(33);
  });

  it("draws its random numbers from a seed: the same seed, the same numbers", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });
});
