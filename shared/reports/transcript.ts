/**
 * Coded transcript: a source's blocks in order, each with the coding stripes beside it (lanes from
 * shared/text/stripes, assigned across the whole source so a stripe keeps its column from page to
 * page), labelled with the code name where the stripe starts and given a greyscale pattern, plus the
 * codings' annotations as numbered notes at the end.
 */
import type { CodeRecord, CodingRecord } from "../model/records";
import { assignLanes, mergeStripeSegments } from "../text/stripes";
import { codePath } from "../coding/codeTree";
import type { ContentsEntry, LegendEntry, ReportNote, ReportSection, StripeMark } from "./model";
import { PATTERN_COUNT, ReportError } from "./model";
import { coderLabel, collator, ContentCache, type Lookups } from "./lookups";
import { reportCodes } from "./codeReport";
import { locate } from "./location";
import { plural, type ReportPlan } from "./plan";

export async function planTranscript(l: Lookups): Promise<ReportPlan> {
  const sourceId = l.options.sourceIds[0];
  if (sourceId === undefined) throw new ReportError("Choose the source to print as a coded transcript.");
  const source = l.sources.get(sourceId);
  if (!source) throw new ReportError(`The source “${sourceId}” is not in this project (it may have been deleted).`);
  const t = await new ContentCache(l.source, 1).get(sourceId);
  if (!t) throw new ReportError(`The text of “${source.name}” is missing from this project.`);

  const allowed = l.options.codeIds.length > 0 ? new Set(reportCodes(l).map((c) => c.id)) : null;
  const codings = (await l.source.codingsForSource(sourceId))
    .filter((c) => !c.deleted && l.codes.byId.has(c.codeId) && (!allowed || allowed.has(c.codeId)))
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));

  // Legend: codes present, by path; the pattern index gives each a greyscale cue besides its label.
  const codeIds = [...new Set(codings.map((c) => c.codeId))];
  const legend: LegendEntry[] = codeIds
    .map((id) => ({ codeId: id, codePath: codePath(l.codes, id), colour: (l.codes.byId.get(id) as CodeRecord).colour, pattern: 0 }))
    .sort((a, b) => collator.compare(a.codePath, b.codePath))
    .map((e, i) => ({ ...e, pattern: i % PATTERN_COUNT }));
  const legendOf = new Map(legend.map((e) => [e.codeId, e]));

  const notes: ReportNote[] = [];
  const noteOf = new Map<string, number>();
  for (const c of codings) {
    if (c.note.trim() === "") continue;
    const number = notes.length + 1;
    noteOf.set(c.id, number);
    const excerpt = t.text.slice(c.start, c.end).replace(/\s+/g, " ").trim();
    notes.push({
      number,
      codingId: c.id,
      codePath: codePath(l.codes, c.codeId),
      coder: coderLabel(l, c.coderId).label,
      location: locate(t.blocks, t.turns, c.start, c.end).label,
      excerpt: excerpt.length > 80 ? `${excerpt.slice(0, 79)}…` : excerpt,
      text: c.note.trim(),
    });
  }

  const segments = mergeStripeSegments(codings.map((c) => ({ id: c.id, key: c.codeId, start: c.start, end: c.end })));
  const { lanes, count } = assignLanes(segments, 1);
  const codingById = new Map<string, CodingRecord>(codings.map((c) => [c.id, c]));
  const turnStarts = new Map(t.turns.map((turn) => [turn.start, turn.speaker]));

  const contents: ContentsEntry[] = t.blocks
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => b.kind === "heading" && (b.level ?? 1) <= 2)
    .map(({ b, i }) => ({ id: `block-${i + 1}`, level: ((b.level ?? 1) <= 1 ? 1 : 2) as 1 | 2, text: t.text.slice(b.start, b.end) }));

  function* sections(): Generator<ReportSection> {
    let next = 0; // segments before `next` have started
    let active: number[] = [];
    for (let i = 0; i < t!.blocks.length; i++) {
      const b = t!.blocks[i]!;
      while (next < segments.length && segments[next]!.start < Math.max(b.end, b.start + 1)) active.push(next++);
      active = active.filter((k) => segments[k]!.end > b.start);
      const stripes: StripeMark[] = [];
      for (const k of active) {
        const s = segments[k]!;
        const e = legendOf.get(s.key)!;
        stripes.push({
          codeId: s.key,
          codeName: l.codes.byId.get(s.key)?.name ?? "",
          codePath: e.codePath,
          colour: e.colour,
          pattern: e.pattern,
          lane: lanes[k] ?? 0,
          startsHere: s.start >= b.start,
          endsHere: s.end <= b.end + 1,
          from: Math.max(0, Math.min(s.start, b.end) - b.start),
          to: Math.max(0, Math.min(s.end, b.end) - b.start),
          noteNumbers: s.ids
            .map((id) => codingById.get(id))
            .filter((c): c is CodingRecord => c !== undefined && c.start >= b.start && c.start <= b.end && noteOf.has(c.id))
            .map((c) => noteOf.get(c.id) as number),
        });
      }
      stripes.sort((x, y) => x.lane - y.lane);
      yield {
        type: "block",
        id: `block-${i + 1}`,
        number: i + 1,
        blockKind: b.kind,
        level: b.level ?? null,
        start: b.start,
        end: b.end,
        text: t!.text.slice(b.start, b.end),
        speaker: turnStarts.get(b.start) ?? null,
        stripes,
      };
    }
    if (notes.length > 0) yield { type: "notes", id: "notes", title: "Annotations", notes };
  }

  if (notes.length > 0) contents.push({ id: "notes", level: 1, text: "Annotations" });
  return {
    title: `Coded transcript: ${source.name}`,
    subtitle: [source.kind, plural(codings.length, "coding"), plural(legend.length, "code"), plural(notes.length, "annotation")].join(
      " · ",
    ),
    contents,
    total: t.blocks.length + (notes.length > 0 ? 1 : 0),
    legend,
    laneCount: count,
    sections: sections(),
  };
}

/** A run of a block's text with the same codings over all of it (`marks`: indices into the block's stripes). */
export interface CodedRun {
  from: number;
  to: number;
  marks: number[];
}

/** A block's text cut where codings start and end (and at `cuts`), for marking the coded words. */
export function codedRuns(length: number, stripes: readonly StripeMark[], cuts: readonly number[] = []): CodedRun[] {
  const coded = (s: StripeMark) => s.to > s.from;
  const at = [...new Set([0, length, ...cuts, ...stripes.filter(coded).flatMap((s) => [s.from, s.to])])]
    .filter((c) => c >= 0 && c <= length)
    .sort((a, b) => a - b);
  const out: CodedRun[] = [];
  for (let k = 0; k + 1 < at.length; k++) {
    const from = at[k] as number;
    const to = at[k + 1] as number;
    out.push({ from, to, marks: stripes.flatMap((s, i) => (coded(s) && s.from <= from && s.to >= to ? [i] : [])) });
  }
  return out;
}
