/**
 * Autocode plans (shared/search/autocode.ts): the batch plan must leave exactly the codings that coding
 * the spread hits one at a time with planCodeRange (what the coding repository does) would leave.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { planCodeRange, type CodingForPlan } from "../../../../shared/coding/codeRange";
import { convertDocx } from "../../../../shared/import";
import type { ConvertedSource } from "../../../../shared/import/types";
import { planAutocode, planCodingRanges, planStructureAutocode, type AutocodePlan } from "../../../../shared/search/autocode";
import { spreadHit, SPREAD_UNITS, type SpreadSource } from "../../../../shared/search/spread";
import { FEATURE, makeFeatureDocx } from "../../../fixtures/docx/generate";

type Coding = CodingForPlan & { sourceId: string };

const TEXT = "One two. Three four five.\nSix seven.\nEight nine ten eleven.\nTwelve.";
function lineBlocks(text: string) {
  let start = 0;
  return text.split("\n").map((line) => {
    const b = { kind: "paragraph" as const, start, end: start + line.length };
    start += line.length + 1;
    return b;
  });
}
const SOURCE: SpreadSource = { text: TEXT, blocks: lineBlocks(TEXT), turns: [] };

/** What coding the ranges one at a time leaves: this coder's live codings of the code, as sorted [start, end, note]. */
function oneAtATime(existing: readonly Coding[], ranges: readonly { start: number; end: number }[], codeId: string, coderId: string) {
  let state = existing.map((c) => ({ ...c }));
  let n = 0;
  for (const r of ranges) {
    if (r.start >= r.end) continue; // the coding repository refuses an empty range (renderer/db/codings.ts)
    const plan = planCodeRange(state, codeId, coderId, r);
    if (plan.kind === "create")
      state.push({ id: `made-${n++}`, sourceId: "s", deleted: false, codeId, coderId, start: plan.start, end: plan.end, note: "" });
    else {
      const keep = state.find((c) => c.id === plan.keepId);
      if (keep) Object.assign(keep, { start: plan.start, end: plan.end, note: plan.note });
      state = state.filter((c) => !plan.removeIds.includes(c.id));
    }
  }
  return final(state, codeId, coderId);
}

function final(codings: readonly Coding[], codeId: string, coderId: string) {
  return codings
    .filter((c) => !c.deleted && c.codeId === codeId && c.coderId === coderId)
    .map((c) => [c.start, c.end, c.note] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Applies a plan to the codings. */
function applyPlan(existing: readonly Coding[], plan: AutocodePlan) {
  const source = plan.sources[0];
  let state = existing.map((c) => ({ ...c }));
  if (!source) return final(state, plan.codeId, plan.coderId);
  state = state.filter((c) => !source.removeIds.includes(c.id));
  for (const u of source.updates) Object.assign(state.find((c) => c.id === u.id) ?? {}, { start: u.start, end: u.end, note: u.note });
  source.creates.forEach((r, i) =>
    state.push({
      id: `plan-${i}`,
      sourceId: "s",
      deleted: false,
      codeId: plan.codeId,
      coderId: plan.coderId,
      start: r.start,
      end: r.end,
      note: "",
    }),
  );
  return final(state, plan.codeId, plan.coderId);
}

const rangeArb = fc.tuple(fc.nat(TEXT.length), fc.nat(12)).map(([start, w]) => ({ start, end: Math.min(TEXT.length, start + w + 1) }));
const codingArb = fc
  .tuple(rangeArb, fc.constantFrom("A", "B"), fc.constantFrom("me", "other"), fc.boolean(), fc.constantFrom("", "why", "note"))
  .map(([r, codeId, coderId, deleted, note]) => ({ ...r, codeId, coderId, deleted: deleted && Math.random() < 0.3, note, sourceId: "s" }));

describe("planAutocode equals coding one at a time", () => {
  it("for random existing codings, hits and every spread unit", () => {
    fc.assert(
      fc.property(
        fc.array(codingArb, { maxLength: 8 }),
        fc.array(rangeArb, { minLength: 1, maxLength: 10 }),
        fc.constantFrom(...SPREAD_UNITS),
        (raw, hits, unit) => {
          const existing: Coding[] = raw.map((c, i) => ({ ...c, id: `c${i}` }));
          const plan = planAutocode({
            hits: hits.map((h) => ({ sourceId: "s", ...h })),
            sources: new Map([["s", SOURCE]]),
            codings: existing,
            codeId: "A",
            coderId: "me",
            unit,
          });
          const spread = hits.map((h) => spreadHit(SOURCE, h, unit));
          expect(applyPlan(existing, plan)).toEqual(oneAtATime(existing, spread, "A", "me"));
          // Counting: each spread range wholly inside an existing live coding of A by me is "already coded".
          const mine = existing.filter((c) => !c.deleted && c.codeId === "A" && c.coderId === "me");
          expect(plan.totals.alreadyCoded).toBe(
            spread.filter((r) => r.end > r.start && mine.some((c) => c.start <= r.start && r.end <= c.end)).length,
          );
          expect(plan.totals.ranges).toBe(hits.length);
          // Nothing but this coder's codings of this code is touched.
          const touched = new Set([...(plan.sources[0]?.removeIds ?? []), ...(plan.sources[0]?.updates.map((u) => u.id) ?? [])]);
          for (const c of existing) if (touched.has(c.id)) expect([c.codeId, c.coderId, c.deleted]).toEqual(["A", "me", false]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("planAutocode preview", () => {
  it("counts new, extended and already-coded per source", () => {
    const at = (word: string) => {
      const start = TEXT.indexOf(word);
      return { sourceId: "s", start, end: start + word.length };
    };
    const existing: Coding[] = [{ id: "old", sourceId: "s", codeId: "A", coderId: "me", deleted: false, start: 26, end: 36, note: "kept" }];
    const plan = planAutocode({
      hits: [at("two"), at("four"), at("seven"), at("nine")],
      sources: new Map([["s", SOURCE]]),
      codings: existing,
      codeId: "A",
      coderId: "me",
      unit: "sentence",
    });
    expect(plan.sources).toHaveLength(1);
    const s = plan.sources[0];
    expect(s?.alreadyCoded).toBe(1); // "Six seven." is already coded
    expect(s?.creates.map((r) => TEXT.slice(r.start, r.end))).toEqual(["One two.", "Three four five.", "Eight nine ten eleven."]);
    expect(s?.updates).toEqual([]);
    expect(plan.totals).toEqual({ ranges: 4, alreadyCoded: 1, creates: 3, updates: 0, removes: 0 });
  });

  it("a range touching an existing coding extends it and absorbs the others it touches", () => {
    const existing: Coding[] = [
      { id: "a", sourceId: "s", codeId: "A", coderId: "me", deleted: false, start: 0, end: 3, note: "first" },
      { id: "b", sourceId: "s", codeId: "A", coderId: "me", deleted: false, start: 8, end: 12, note: "second" },
    ];
    const plan = planCodingRanges(new Map([["s", [{ start: 3, end: 8 }]]]), existing, "A", "me");
    expect(plan.sources[0]?.updates).toEqual([{ id: "a", start: 0, end: 12, note: "first\n\nsecond" }]);
    expect(plan.sources[0]?.removeIds).toEqual(["b"]);
  });
});

describe("planStructureAutocode", () => {
  let feature: ConvertedSource;
  beforeAll(async () => {
    feature = await convertDocx(await makeFeatureDocx(), "feature.docx");
  }, 30_000);

  it("makes one code per heading path, nested by level, coding each section", () => {
    const codes = planStructureAutocode([{ id: "f", text: feature.text, blocks: feature.blocks }]);
    expect(codes.map((c) => c.path.join(" / "))).toEqual([
      FEATURE.title,
      `${FEATURE.title} / ${FEATURE.subtitle}`,
      FEATURE.h1,
      `${FEATURE.h1} / ${FEATURE.h2}`,
      `${FEATURE.h1} / ${FEATURE.h2} / ${FEATURE.h3}`,
      "Notes",
    ]);
    const recruitment = codes[4];
    expect(recruitment?.parentKey).toBe(codes[3]?.key);
    const [range] = recruitment?.sections.get("f") ?? [];
    expect(range && feature.text.slice(range.start, range.end).startsWith(`${FEATURE.h3}\n${FEATURE.numbered[0]}`)).toBe(true);
    expect(
      planStructureAutocode([{ id: "f", text: feature.text, blocks: feature.blocks }], { maxLevel: 1 }).map((c) => c.path.join("/")),
    ).toEqual([FEATURE.title, FEATURE.h1, "Notes"]);
  });

  it("the same heading in two sources is one code, compared as code names are", () => {
    const a = {
      id: "a",
      text: "Barriers\nx",
      blocks: [
        { kind: "heading" as const, start: 0, end: 8, level: 1 },
        { kind: "paragraph" as const, start: 9, end: 10 },
      ],
    };
    const b = {
      id: "b",
      text: "BARRIERS \ny",
      blocks: [
        { kind: "heading" as const, start: 0, end: 9, level: 2 },
        { kind: "paragraph" as const, start: 10, end: 11 },
      ],
    };
    const codes = planStructureAutocode([a, b]);
    expect(codes).toHaveLength(1);
    expect([...(codes[0]?.sections.keys() ?? [])]).toEqual(["a", "b"]);
  });
});
