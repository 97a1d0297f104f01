/**
 * What every report builder needs to turn ids into the researcher's words: live codes (indexed),
 * coders, sources, cases, attributes, and the source-content cache. Tombstones are dropped here, once.
 */
import type { SourceId } from "../ids";
import type {
  AttributeRecord,
  AttributeValue,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  MemoRecord,
  SourceContentRecord,
  SourceRecord,
} from "../model/records";
import { codePath, indexCodes, type CodeIndex } from "../coding/codeTree";
import { parseDescription } from "../codebook/description";
import { parseMemo } from "../memos/parse";
import { readTranscript, type Transcript } from "../text/transcript";
import type { CodeCounts, CodeSummary, LabelledValue, ReportMemo, ReportOptions, ReportSource } from "./model";
import type { CodeCount } from "../coding/counts";
import { isLive } from "../model/live";

export interface Lookups {
  projectName: string;
  options: ReportOptions;
  codes: CodeIndex<CodeRecord>;
  coders: ReadonlyMap<string, CoderRecord>;
  sources: ReadonlyMap<string, SourceRecord>;
  /** Live sources sorted by name (numeric-aware). */
  sourceList: readonly SourceRecord[];
  cases: ReadonlyMap<string, CaseRecord>;
  /** Live attributes in their order. */
  attributes: readonly AttributeRecord[];
  memos: readonly MemoRecord[];
  source: ReportSource;
}

export const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function live<T extends { deleted: boolean }>(list: readonly T[]): T[] {
  return list.filter(isLive);
}

export async function loadLookups(source: ReportSource, options: ReportOptions): Promise<Lookups> {
  const [projectName, codes, coders, sources, cases, attributes, memos] = await Promise.all([
    source.projectName(),
    source.codes(),
    source.coders(),
    source.sources(),
    source.cases(),
    source.attributes(),
    source.memos(),
  ]);
  const sourceList = live(sources).sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return {
    projectName,
    options,
    codes: indexCodes(codes),
    // A coder removed from the team still made their codings: keep their name on them.
    coders: new Map([...coders].sort((a, b) => Number(b.deleted) - Number(a.deleted)).map((c) => [c.id, c])),
    sources: new Map(sourceList.map((s) => [s.id, s])),
    sourceList,
    cases: new Map(live(cases).map((c) => [c.id, c])),
    attributes: live(attributes).sort((a, b) => a.order - b.order || collator.compare(a.name, b.name)),
    memos: live(memos),
    source,
  };
}

export function coderLabel(l: Lookups, coderId: string): { label: string; name: string; initials: string } {
  const coder = l.coders.get(coderId);
  const name = coder?.name ?? "Unknown coder";
  const initials = coder?.initials || initialsOf(name);
  return { label: l.options.coderLabel === "initials" ? initials : name, name, initials };
}

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("")
    .slice(0, 3);
}

export function day(iso: string): string {
  return iso.slice(0, 10);
}

export function formatValue(value: AttributeValue | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? String(value) : value;
}

/** Live cases of a source, by name. */
export function casesOfSource(l: Lookups, source: SourceRecord): CaseRecord[] {
  return source.caseIds
    .map((id) => l.cases.get(id))
    .filter((c): c is CaseRecord => c !== undefined)
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** The chosen attributes of a source's cases ("Site: North"); with several cases, "Site (Case A)". */
export function chosenAttributes(l: Lookups, cases: readonly CaseRecord[]): LabelledValue[] {
  const out: LabelledValue[] = [];
  const chosen = chosenAttributeRecords(l);
  for (const c of cases) {
    for (const a of chosen) {
      const value = formatValue(c.values[a.id]);
      if (value === "") continue;
      out.push({ label: cases.length > 1 ? `${a.name} (${c.name})` : a.name, value });
    }
  }
  return out;
}

export function chosenAttributeRecords(l: Lookups): AttributeRecord[] {
  return l.options.attributeIds.map((id) => l.attributes.find((a) => a.id === id)).filter((a): a is AttributeRecord => a !== undefined);
}

/** One value per chosen attribute; a source in several cases gives its cases' values joined with "; ". */
export function attributeValues(l: Lookups, cases: readonly CaseRecord[]): string[] {
  return chosenAttributeRecords(l).map((a) =>
    [...new Set(cases.map((c) => formatValue(c.values[a.id])).filter((v) => v !== ""))].join("; "),
  );
}

/** Which sources pass the source and case filters. */
export function sourceFilter(l: Lookups): (sourceId: SourceId) => boolean {
  const onlySources = l.options.sourceIds.length > 0 ? new Set(l.options.sourceIds) : null;
  const onlyCases = l.options.caseIds.length > 0 ? new Set(l.options.caseIds) : null;
  return (sourceId) => {
    const s = l.sources.get(sourceId);
    if (!s) return false;
    if (onlySources && !onlySources.has(sourceId)) return false;
    if (onlyCases && !s.caseIds.some((id) => onlyCases.has(id))) return false;
    return true;
  };
}

export function reportMemo(l: Lookups, memo: MemoRecord): ReportMemo {
  return {
    id: memo.id,
    title: memo.title,
    body: memo.body,
    blocks: parseMemo(memo.body).blocks,
    author: coderLabel(l, memo.authorId).name,
    date: day(
      memo.updatedAt.length >= 13 && /^\d{13}/.test(memo.updatedAt)
        ? new Date(Number(memo.updatedAt.slice(0, 13))).toISOString()
        : memo.createdAt,
    ),
  };
}

const ZERO: CodeCount = { codings: 0, sources: 0, codingsWithDescendants: 0, sourcesWithDescendants: 0 };

export function codeSummary(l: Lookups, code: CodeRecord, counts: ReadonlyMap<string, CodeCount>, depth: number): CodeSummary {
  const c = counts.get(code.id) ?? ZERO;
  const summaryCounts: CodeCounts = {
    codings: c.codings,
    sources: c.sources,
    codingsWithSubcodes: c.codingsWithDescendants,
    sourcesWithSubcodes: c.sourcesWithDescendants,
  };
  return {
    id: code.id,
    name: code.name,
    path: codePath(l.codes, code.id),
    depth,
    colour: code.colour,
    isCategory: code.isCategory,
    description: parseDescription(code.description),
    counts: summaryCounts,
    memos: l.memos.filter((m) => m.targetKind === "code" && m.targetId === code.id).map((m) => reportMemo(l, m)),
  };
}

/** Loads source contents, keeping the most recently used few (a code report revisits sources). */
export class ContentCache {
  private readonly entries = new Map<string, Transcript | null>();
  constructor(
    private readonly source: ReportSource,
    private readonly capacity = 24,
  ) {}

  async get(sourceId: SourceId): Promise<Transcript | null> {
    const hit = this.entries.get(sourceId);
    if (hit !== undefined) {
      this.entries.delete(sourceId);
      this.entries.set(sourceId, hit);
      return hit;
    }
    const record: SourceContentRecord | undefined = await this.source.sourceContent(sourceId);
    const transcript = record ? readTranscript(record) : null;
    this.entries.set(sourceId, transcript);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return transcript;
  }
}
