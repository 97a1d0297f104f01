/**
 * Autocoding (issue 16 items 2 and 4): the codings a batch would make, planned before anything is
 * written, so the researcher sees a preview and the app applies it as ONE journaled batch.
 *
 * The plan is what coding the ranges one at a time would do: each range goes through planCodeRange
 * (shared/coding/codeRange.ts), so a range touching this coder's coding of the code extends it, as
 * coding by hand does. Ranges are spread first (./spread.ts), then overlapping and touching ones are
 * joined (coding them one after another would join them too). A range wholly inside an existing
 * coding changes nothing and counts as "already coded".
 *
 * Autocode by structure: every section under a heading (./spread.ts headingSections) is coded to a code
 * named after the heading, nested by heading level; the same heading path in several sources is one code.
 */
import { nameKey } from "../coding/codeTree";
import { planCodeRange, type CodingForPlan } from "../coding/codeRange";
import { contains, unionRanges, type Range } from "../coding/ranges";
import { MAX_CODE_NAME, normaliseCodeName } from "../coding/codeName";
import type { Block } from "../import/types";
import type { SearchHit } from "./match";
import { headingSections, spreadHit, type HeadingSection, type SpreadSource, type SpreadUnit } from "./spread";

export interface CodingUpdate {
  id: string;
  start: number;
  end: number;
  note: string;
}

export interface AutocodeSourcePlan {
  sourceId: string;
  /** Ranges asked for (hits, or sections), before joining. */
  ranges: number;
  /** Ranges wholly inside this coder's existing coding of the code: nothing to do for them. */
  alreadyCoded: number;
  /** New codings to create. */
  creates: Range[];
  /** Existing codings that grow (they absorb touching ranges and codings). */
  updates: CodingUpdate[];
  /** Existing codings absorbed into another, to delete. */
  removeIds: string[];
}

export interface AutocodePlan {
  codeId: string;
  coderId: string;
  /** Sources with something asked for, in first-hit order. */
  sources: AutocodeSourcePlan[];
  totals: { ranges: number; alreadyCoded: number; creates: number; updates: number; removes: number };
}

interface Held {
  id: string;
  start: number;
  end: number;
  note: string;
  /** false for a coding the plan creates. */
  existing: boolean;
}

/**
 * Plans coding `rangesBySource` with the code for the coder. `codings`: any codings (other codes,
 * coders and tombstones are ignored).
 */
export function planCodingRanges(
  rangesBySource: ReadonlyMap<string, readonly Range[]>,
  codings: readonly (CodingForPlan & { sourceId: string })[],
  codeId: string,
  coderId: string,
): AutocodePlan {
  const mineBySource = new Map<string, Held[]>();
  for (const c of codings) {
    if (c.deleted || c.codeId !== codeId || c.coderId !== coderId || !rangesBySource.has(c.sourceId)) continue;
    const held: Held = { id: c.id, start: c.start, end: c.end, note: c.note, existing: true };
    const list = mineBySource.get(c.sourceId);
    if (list) list.push(held);
    else mineBySource.set(c.sourceId, [held]);
  }
  const sources: AutocodeSourcePlan[] = [];
  const totals = { ranges: 0, alreadyCoded: 0, creates: 0, updates: 0, removes: 0 };
  for (const [sourceId, ranges] of rangesBySource) {
    if (ranges.length === 0) continue;
    const initial = mineBySource.get(sourceId) ?? [];
    const plan = planOneSource(sourceId, ranges, initial, codeId, coderId);
    sources.push(plan);
    totals.ranges += plan.ranges;
    totals.alreadyCoded += plan.alreadyCoded;
    totals.creates += plan.creates.length;
    totals.updates += plan.updates.length;
    totals.removes += plan.removeIds.length;
  }
  return { codeId, coderId, sources, totals };
}

function planOneSource(
  sourceId: string,
  ranges: readonly Range[],
  initial: readonly Held[],
  codeId: string,
  coderId: string,
): AutocodeSourcePlan {
  const alreadyCoded = ranges.filter((r) => r.end > r.start && initial.some((c) => contains(c, r))).length;
  let held: Held[] = initial.map((c) => ({ ...c }));
  let made = 0;
  for (const range of unionRanges(ranges)) {
    // Only codings near the range can take part; planCodeRange decides which.
    const near = held.filter((c) => c.start <= range.end && range.start <= c.end);
    const plan = planCodeRange(
      near.map((c) => ({ ...c, deleted: false, codeId, coderId })),
      codeId,
      coderId,
      range,
    );
    if (plan.kind === "create") {
      held.push({ id: `new:${made++}`, start: plan.start, end: plan.end, note: "", existing: false });
      continue;
    }
    const removed = new Set(plan.removeIds);
    const keep = held.find((c) => c.id === plan.keepId);
    if (keep) Object.assign(keep, { start: plan.start, end: plan.end, note: plan.note });
    held = held.filter((c) => !removed.has(c.id));
  }
  const before = new Map(initial.map((c) => [c.id, c]));
  const after = new Set(held.map((c) => c.id));
  return {
    sourceId,
    ranges: ranges.length,
    alreadyCoded,
    creates: held
      .filter((c) => !c.existing)
      .map((c) => ({ start: c.start, end: c.end }))
      .sort((a, b) => a.start - b.start),
    updates: held
      .filter((c) => {
        const was = before.get(c.id);
        return c.existing && was !== undefined && (was.start !== c.start || was.end !== c.end || was.note !== c.note);
      })
      .map((c) => ({ id: c.id, start: c.start, end: c.end, note: c.note }))
      .sort((a, b) => a.start - b.start),
    removeIds: initial.filter((c) => !after.has(c.id)).map((c) => c.id),
  };
}

/** Spreads search hits to a unit and plans coding them (sources without their text are left out). */
export function planAutocode(input: {
  hits: readonly SearchHit[];
  sources: ReadonlyMap<string, SpreadSource>;
  codings: readonly (CodingForPlan & { sourceId: string })[];
  codeId: string;
  coderId: string;
  unit: SpreadUnit;
}): AutocodePlan {
  const rangesBySource = new Map<string, Range[]>();
  for (const hit of input.hits) {
    const source = input.sources.get(hit.sourceId);
    if (!source) continue;
    const range = spreadHit(source, hit, input.unit);
    const list = rangesBySource.get(hit.sourceId);
    if (list) list.push(range);
    else rangesBySource.set(hit.sourceId, [range]);
  }
  return planCodingRanges(rangesBySource, input.codings, input.codeId, input.coderId);
}

export interface StructureCode {
  /** Code names from the top: ["Findings", "Barriers"]. */
  path: string[];
  /** The path's names as nameKey compares them, joined with "/": the same code in every source. */
  key: string;
  /** The parent's key, or null at the top of the codebook. */
  parentKey: string | null;
  level: number;
  /** The sections to code, by source. */
  sections: Map<string, Range[]>;
}

/**
 * Codes named after headings, nested by heading level (a level-3 heading under a level-1 one is its
 * child when no level-2 heading is between), with the sections under each. Headings without text are
 * skipped; names are tidied as code names are and cut to the longest a code name may be.
 * `maxLevel`: leave out deeper headings (default: all six levels).
 */
export function planStructureAutocode(
  sources: readonly { id: string; text: string; blocks: readonly Block[] }[],
  options: { maxLevel?: number } = {},
): StructureCode[] {
  return structureFromSections(
    sources.map((s) => ({ id: s.id, sections: headingSections(s.text, s.blocks) })),
    options,
  );
}

/**
 * planStructureAutocode over heading sections already worked out (./spread.ts headingSections): the app
 * reads one source at a time and keeps only these, never the whole corpus's text.
 */
export function structureFromSections(
  sources: Iterable<{ id: string; sections: readonly HeadingSection[] }>,
  options: { maxLevel?: number } = {},
): StructureCode[] {
  const maxLevel = options.maxLevel ?? 6;
  const codes = new Map<string, StructureCode>();
  for (const source of sources) {
    const open: { level: number; code: StructureCode }[] = [];
    for (const section of source.sections) {
      const name = normaliseCodeName(section.title).slice(0, MAX_CODE_NAME);
      if (name === "" || section.level > maxLevel) continue;
      while (open.length > 0 && (open[open.length - 1]?.level ?? 0) >= section.level) open.pop();
      const parent = open[open.length - 1]?.code ?? null;
      const path = [...(parent?.path ?? []), name];
      const key = path.map(nameKey).join("/");
      let code = codes.get(key);
      if (!code) {
        code = { path, key, parentKey: parent?.key ?? null, level: path.length, sections: new Map() };
        codes.set(key, code);
      }
      const list = code.sections.get(source.id) ?? [];
      list.push({ start: section.start, end: section.end });
      code.sections.set(source.id, list);
      open.push({ level: section.level, code });
    }
  }
  return [...codes.values()];
}
