/**
 * Code report: for the chosen codes (with sub-codes), each code's path, definition, counts and memos,
 * then every coded segment with its source, cases, chosen attributes, coder, location, optional
 * context and annotation. Grouped by code (code → source → segments), by source (source → code) or
 * by case (case → code; a source in two cases appears under both).
 *
 * Segments are assembled without text first (so the header knows the contents and the total), and
 * text is read per source as the sections are produced, so the first page needs only its own sources.
 */
import type { CaseRecord, CodeRecord, CodingRecord, SourceRecord } from "../model/records";
import { codeCounts } from "../coding/counts";
import { descendantIds } from "../coding/codeTree";
import { segmentContext, segmentText } from "../retrieval/context";
import type { ContentsEntry, HeadingSection, ReportSection, ReportSegment } from "./model";
import { ReportError } from "./model";
import {
  attributeValues,
  casesOfSource,
  chosenAttributes,
  coderLabel,
  codeSummary,
  collator,
  ContentCache,
  day,
  sourceFilter,
  type Lookups,
} from "./lookups";
import { locate } from "./location";
import { plural, type ReportPlan } from "./plan";
import type { CodeId, SourceId } from "../ids";
import { cutToKept, keptBySpeakers, SPEAKER_SCOPE_LABELS } from "../retrieval/speakers";
import { readTranscript } from "../text/transcript";

/** The chosen codes in the researcher's order, each followed by its sub-codes (tree order), once each. */
export function reportCodes(l: Lookups): CodeRecord[] {
  const { codeIds, includeSubcodes } = l.options;
  const roots = codeIds.length > 0 ? codeIds : (l.codes.children.get(null) ?? []).map((c) => c.id);
  const out: CodeRecord[] = [];
  const seen = new Set<string>();
  for (const id of roots) {
    const code = l.codes.byId.get(id);
    if (!code) throw new ReportError(`The code “${id}” is not in this project (it may have been deleted).`);
    const ids = codeIds.length === 0 || includeSubcodes ? [id, ...descendantIds(l.codes, id)] : [id];
    for (const d of ids) {
      const c = l.codes.byId.get(d);
      if (c && !seen.has(d)) {
        seen.add(d);
        out.push(c);
      }
    }
  }
  return out;
}

/** Past this many entries the contents list stops adding level-2 headings (it would run to pages). */
const MAX_CONTENTS = 400;

interface Group {
  heading: Omit<HeadingSection, "type">;
  children: Group[];
  codings: CodingRecord[];
  /** A parent code coded only through its sub-codes: its heading stands for the branch, with no "No coded segments" line. */
  codedBelow?: boolean;
}

export async function planCodeReport(l: Lookups): Promise<ReportPlan> {
  const codes = reportCodes(l);
  const all = new Set<CodeId>();
  for (const c of codes) for (const id of [c.id, ...descendantIds(l.codes, c.id)]) all.add(id);
  const fetched = (await l.source.codingsForCodes([...all])).filter((c) => !c.deleted && l.sources.has(c.sourceId));
  const counts = codeCounts(l.codes, fetched);
  const inReport = new Set(codes.map((c) => c.id));
  const passes = sourceFilter(l);
  const sourceRank = new Map(l.sourceList.map((s, i) => [s.id, i]));
  // Sorted by source (name order), then place: the source's rank looked up once per coding, not per comparison.
  let codings = fetched
    .filter((c) => inReport.has(c.codeId) && passes(c.sourceId))
    .map((c) => ({ c, rank: sourceRank.get(c.sourceId) ?? 0 }))
    .sort((a, b) => a.rank - b.rank || a.c.start - b.c.start || a.c.end - b.c.end || (a.c.id < b.c.id ? -1 : 1))
    .map((x) => x.c);

  const pieceNumber = new Map<CodingRecord, number>();
  if (l.options.speakers !== "all") codings = await cutCodings(l, codings, pieceNumber);

  const byCode = groupBy(codings, (c) => c.codeId);
  const depthOf = (code: CodeRecord) => {
    let d = 0;
    for (let p = l.codes.parentOf.get(code.id) ?? null; p !== null; p = l.codes.parentOf.get(p) ?? null) d++;
    return d;
  };
  const codeHeading = (code: CodeRecord, level: 1 | 2, n: number, key: string): Omit<HeadingSection, "type"> => {
    const summary = codeSummary(l, code, counts, depthOf(code));
    return {
      id: `${key}code-${code.id}`,
      level,
      text: level === 1 ? summary.path : code.name,
      about: "code",
      code: summary,
      details: [{ label: "Segments in this report", value: String(n) }],
    };
  };
  const sourceHeading = (s: SourceRecord, level: 1 | 2, n: number, key: string): Omit<HeadingSection, "type"> => ({
    id: `${key}source-${s.id}`,
    level,
    text: s.name,
    about: "source",
    code: null,
    details: [
      { label: "Kind", value: s.kind },
      ...(casesOfSource(l, s).length > 0
        ? [
            {
              label: "Cases",
              value: casesOfSource(l, s)
                .map((c) => c.name)
                .join(", "),
            },
          ]
        : []),
      { label: "Segments", value: String(n) },
    ],
  });
  const bySource = (list: CodingRecord[], key: string): Group[] =>
    [...groupBy(list, (c) => c.sourceId)].map(([sid, items]) => ({
      heading: sourceHeading(l.sources.get(sid) as SourceRecord, 2, items.length, key),
      children: [],
      codings: items,
    }));
  const byCodeIn = (list: CodingRecord[], key: string): Group[] => {
    const grouped = groupBy(list, (c) => c.codeId);
    return codes
      .filter((c) => grouped.has(c.id))
      .map((c) => {
        const items = grouped.get(c.id) ?? [];
        return { heading: codeHeading(c, 2, items.length, key), children: [], codings: items };
      });
  };

  let groups: Group[];
  const groupBy_ = l.options.groupBy;
  if (groupBy_ === "source") {
    groups = [...groupBy(codings, (c) => c.sourceId)].map(([sid, items]) => ({
      heading: sourceHeading(l.sources.get(sid) as SourceRecord, 1, items.length, ""),
      children: byCodeIn(items, `s${sid}-`),
      codings: [],
    }));
  } else if (groupBy_ === "case") {
    const caseBuckets = new Map<string, { record: CaseRecord | null; items: CodingRecord[] }>();
    const onlyCases = l.options.caseIds.length > 0 ? new Set(l.options.caseIds) : null;
    for (const c of codings) {
      const s = l.sources.get(c.sourceId) as SourceRecord;
      const cases = casesOfSource(l, s).filter((k) => !onlyCases || onlyCases.has(k.id));
      if (cases.length === 0) push(caseBuckets, "", { record: null, items: [] }, c);
      for (const k of cases) push(caseBuckets, k.id, { record: k, items: [] }, c);
    }
    groups = [...caseBuckets.entries()]
      .sort(([, a], [, b]) => (a.record === null ? 1 : b.record === null ? -1 : collator.compare(a.record.name, b.record.name)))
      .map(([id, { record, items }]) => ({
        heading: {
          id: `case-${id || "none"}`,
          level: 1,
          text: record ? record.name : "No case",
          about: "case",
          code: null,
          details: [
            ...(record ? l.attributes.filter((a) => l.options.attributeIds.length === 0 || l.options.attributeIds.includes(a.id)) : [])
              .map((a) => ({ label: a.name, value: record ? String(record.values[a.id] ?? "") : "" }))
              .filter((v) => v.value !== ""),
            { label: "Segments", value: String(items.length) },
          ],
        },
        children: byCodeIn(items, `c${id || "none"}-`),
        codings: [],
      }));
  } else {
    groups = codes.map((code) => {
      const items = byCode.get(code.id) ?? [];
      const group: Group = { heading: codeHeading(code, 1, items.length, ""), children: bySource(items, `k${code.id}-`), codings: [] };
      const below = items.length === 0 ? descendantIds(l.codes, code.id).reduce((n, id) => n + (byCode.get(id)?.length ?? 0), 0) : 0;
      if (below > 0) {
        group.codedBelow = true;
        group.heading.details = [{ label: "Segments in this report", value: `none coded here directly; ${below} in its sub-codes below` }];
      }
      return group;
    });
  }

  const contents: ContentsEntry[] = [];
  let total = 0;
  const codesFirst = groupBy_ !== "code";
  if (codesFirst) {
    contents.push({ id: "codes", level: 1, text: "Codes" });
    total += 1 + codes.length;
  }
  for (const g of groups) {
    contents.push({ id: g.heading.id, level: 1, text: g.heading.text });
    total += 1;
    if (g.children.length === 0 && g.codings.length === 0 && !g.codedBelow) total += 1;
    for (const c of g.children) {
      if (contents.length < MAX_CONTENTS) contents.push({ id: c.heading.id, level: 2, text: c.heading.text });
      total += 1 + c.codings.length;
    }
  }

  const cache = new ContentCache(l.source);
  async function segment(c: CodingRecord): Promise<ReportSegment> {
    const s = l.sources.get(c.sourceId) as SourceRecord;
    const t = await cache.get(c.sourceId);
    const text = t?.text ?? "";
    const cases = casesOfSource(l, s);
    const coder = coderLabel(l, c.coderId);
    const ctx = t && l.options.contextChars > 0 ? segmentContext(text, t.blocks, c.start, c.end, l.options.contextChars) : null;
    return {
      codingId: c.id,
      codeId: c.codeId,
      codePath: codeSummaryPath(l, c.codeId),
      sourceId: s.id,
      sourceName: s.name,
      cases: cases.map((k) => k.name),
      attributes: chosenAttributes(l, cases),
      attributeValues: attributeValues(l, cases),
      coder: coder.label,
      coderName: coder.name,
      coderInitials: coder.initials,
      location: locate(t?.blocks ?? [], t?.turns ?? [], c.start, c.end),
      start: c.start,
      end: c.end,
      text: t ? segmentText(text, c.start, c.end) : "(the text of this source is missing)",
      context: ctx ? { before: ctx.before, after: ctx.after, clippedBefore: ctx.clippedBefore, clippedAfter: ctx.clippedAfter } : null,
      note: c.note,
      date: day(c.createdAt),
    };
  }

  async function* sections(): AsyncGenerator<ReportSection> {
    if (codesFirst) {
      yield { type: "heading", id: "codes", level: 1, text: "Codes", about: "other", code: null, details: [] };
      for (const code of codes) yield { type: "codebookEntry", id: `entry-${code.id}`, code: codeSummary(l, code, counts, depthOf(code)) };
    }
    for (const g of groups) {
      yield { type: "heading", ...g.heading };
      if (g.children.length === 0 && !g.codedBelow) yield { type: "text", id: `${g.heading.id}-empty`, text: "No coded segments." };
      for (const c of g.children) {
        yield { type: "heading", ...c.heading };
        for (const coding of c.codings) {
          const piece = pieceNumber.get(coding);
          yield { type: "segment", id: `${c.heading.id}-${coding.id}${piece ? `-${piece}` : ""}`, segment: await segment(coding) };
        }
      }
    }
  }

  const filters = [
    l.options.codeIds.length === 0
      ? "all codes"
      : `${plural(l.options.codeIds.length, "code")}${l.options.includeSubcodes ? " with sub-codes" : ""}`,
    l.options.sourceIds.length > 0 ? plural(l.options.sourceIds.length, "source") : null,
    l.options.caseIds.length > 0 ? plural(l.options.caseIds.length, "case") : null,
    plural(codings.length, "segment"),
    l.options.speakers === "all" ? null : SPEAKER_SCOPE_LABELS[l.options.speakers].toLowerCase(),
    `grouped by ${groupBy_}`,
  ].filter((x): x is string => x !== null);
  return {
    title:
      l.options.codeIds.length === 1 && l.options.codeIds[0] ? `Code report: ${codeSummaryPath(l, l.options.codeIds[0])}` : "Code report",
    subtitle: filters.join(" · "),
    contents,
    total,
    legend: [],
    laneCount: 0,
    sections: sections(),
  };
}

/**
 * The codings cut to the kept speaker turns (shared/retrieval/speakers.ts), reading one source's
 * content at a time: each piece is a copy of its coding with the piece's offsets (the second and
 * later pieces numbered in `pieceNumber`); a coding with nothing kept goes. Order is kept.
 */
async function cutCodings(l: Lookups, codings: readonly CodingRecord[], pieceNumber: Map<CodingRecord, number>): Promise<CodingRecord[]> {
  const bySource = groupBy(codings, (c) => c.sourceId);
  const cut = new Map<CodingRecord, CodingRecord[]>();
  for (const [sourceId, list] of bySource) {
    const content = await l.source.sourceContent(sourceId as SourceId);
    if (!content) continue;
    const { text, turns } = readTranscript(content);
    const kept = keptBySpeakers({ id: content.id, text, turns }, l.options.speakers, l.options.interviewerLabels);
    for (const c of list) {
      const pieces = cutToKept(text, c, kept).map((r, i) => {
        const piece = { ...c, start: r.start, end: r.end };
        if (i > 0) pieceNumber.set(piece, i + 1);
        return piece;
      });
      cut.set(c, pieces);
    }
  }
  return codings.flatMap((c) => cut.get(c) ?? [c]);
}

function codeSummaryPath(l: Lookups, id: CodeId): string {
  const names: string[] = [];
  for (let at: CodeId | null = id; at !== null; at = l.codes.parentOf.get(at) ?? null) names.push(l.codes.byId.get(at)?.name ?? "");
  return names.reverse().join("/");
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const bucket = out.get(k);
    if (bucket) bucket.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function push<V extends { items: CodingRecord[] }>(map: Map<string, V>, key: string, fresh: V, item: CodingRecord): void {
  const existing = map.get(key);
  if (existing) existing.items.push(item);
  else {
    fresh.items.push(item);
    map.set(key, fresh);
  }
}
