/**
 * Search hits as keyword-in-context rows: source, where in it ("speaker turn 12 (P07)",
 * "paragraph 3", "table 1, row 2, column 3", "heading “Background”"), the words before, the hit, the
 * words after. Context is cut at a word boundary (never mid-word, never half a surrogate pair) and
 * its line breaks and runs of white space show as one space. Counts per source and in total; CSV
 * with the project's CSV writer (shared/retrieval/csv.ts: BOM, quoted fields, formula guard).
 */
import type { Block, Turn } from "../import/types";
import { locate } from "../reports/location";
import { toCsv, type CsvValue } from "../retrieval/csv";
import { blockIndexAt } from "../text/transcript";
import { foldQuery } from "../text/find";
import type { SearchHit } from "./match";

export interface KwicSource {
  id: string;
  name: string;
  text: string;
  blocks: readonly Block[];
  turns: readonly Turn[];
}

export interface KwicRow {
  sourceId: string;
  sourceName: string;
  start: number;
  end: number;
  location: string;
  left: string;
  hit: string;
  right: string;
}

export type KwicSort = "source" | "position" | "hit";

/** Characters of context on each side by default. */
export const KWIC_CONTEXT = 60;

const SPACE = /\s/;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const tidy = (s: string) => s.replace(/\s+/g, " ");

/** Up to `chars` characters before `start`, starting at a word's beginning. */
export function leftContext(text: string, start: number, chars: number): string {
  let from = Math.max(0, start - chars);
  if (from > 0 && !SPACE.test(text[from - 1] ?? "")) {
    // Cut mid-word: start after the first white space instead (or nothing, when there is none).
    let i = from;
    while (i < start && !SPACE.test(text[i] ?? "")) i++;
    from = i;
  }
  if (from < start && isLowSurrogate(text.charCodeAt(from))) from++;
  return tidy(text.slice(from, start)).replace(/^ /, "");
}

/** Up to `chars` characters after `end`, ending at a word's end. */
export function rightContext(text: string, end: number, chars: number): string {
  let to = Math.min(text.length, end + chars);
  if (to < text.length && !SPACE.test(text[to] ?? "")) {
    let i = to;
    while (i > end && !SPACE.test(text[i - 1] ?? "")) i--;
    to = i;
  }
  if (to > end && isLowSurrogate(text.charCodeAt(to))) to--;
  return tidy(text.slice(end, to)).replace(/ $/, "");
}

/** Where a hit is, in words a reader can find in the source. */
export function hitLocation(text: string, blocks: readonly Block[], turns: readonly Turn[], start: number, end: number): string {
  const where = locate(blocks, turns, start, end);
  if (where.kind !== "paragraph") return where.label;
  const block = blocks[blockIndexAt(blocks, start)];
  if (block?.table !== undefined) return `table ${block.table + 1}, row ${(block.row ?? 0) + 1}, column ${(block.column ?? 0) + 1}`;
  if (block?.kind === "heading") {
    const heading = tidy(text.slice(block.start, block.end)).trim();
    return `heading “${heading.length > 40 ? `${heading.slice(0, 39)}…` : heading}”`;
  }
  return where.label;
}

/** One row per hit (hits of sources not given are left out), in the hits' order. */
export function kwicRows(hits: readonly SearchHit[], sources: ReadonlyMap<string, KwicSource>, contextChars = KWIC_CONTEXT): KwicRow[] {
  const rows: KwicRow[] = [];
  for (const h of hits) {
    const s = sources.get(h.sourceId);
    if (!s) continue;
    const start = Math.max(0, Math.min(h.start, s.text.length));
    const end = Math.max(start, Math.min(h.end, s.text.length));
    rows.push({
      sourceId: s.id,
      sourceName: s.name,
      start,
      end,
      location: hitLocation(s.text, s.blocks, s.turns, start, end),
      left: leftContext(s.text, start, contextChars),
      hit: tidy(s.text.slice(start, end)),
      right: rightContext(s.text, end, contextChars),
    });
  }
  return rows;
}

const collator = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });
const foldKey = (s: string) => String.fromCharCode(...foldQuery(s.slice(0, 200)));

/**
 * A sorted copy. "source": by source name, then position in it; "position": by position in the source
 * (start of the text first), then source name; "hit": by the hit's words then what follows (a
 * concordance), ignoring case and accents.
 */
export function sortKwic(rows: readonly KwicRow[], sort: KwicSort): KwicRow[] {
  const bySource = (a: KwicRow, b: KwicRow) =>
    collator.compare(a.sourceName, b.sourceName) || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0);
  const byPosition = (a: KwicRow, b: KwicRow) => a.start - b.start || a.end - b.end;
  const copy = [...rows];
  if (sort === "source") return copy.sort((a, b) => bySource(a, b) || byPosition(a, b));
  if (sort === "position") return copy.sort((a, b) => byPosition(a, b) || bySource(a, b));
  const keyed = copy.map((r) => ({ r, key: `${foldKey(r.hit)}\u0000${foldKey(r.right)}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || bySource(a.r, b.r) || byPosition(a.r, b.r));
  return keyed.map((k) => k.r);
}

export interface HitCounts {
  /** Sources with at least one hit, in first-hit order. */
  perSource: { sourceId: string; sourceName: string; hits: number }[];
  total: number;
}

export function countHits(rows: readonly Pick<KwicRow, "sourceId" | "sourceName">[]): HitCounts {
  const bySource = new Map<string, { sourceId: string; sourceName: string; hits: number }>();
  for (const r of rows) {
    const entry = bySource.get(r.sourceId);
    if (entry) entry.hits++;
    else bySource.set(r.sourceId, { sourceId: r.sourceId, sourceName: r.sourceName, hits: 1 });
  }
  return { perSource: [...bySource.values()], total: rows.length };
}

export const KWIC_CSV_HEADER = ["Source", "Location", "Left context", "Hit", "Right context", "Start", "End"] as const;

export function kwicCsvRows(rows: readonly KwicRow[]): CsvValue[][] {
  return [[...KWIC_CSV_HEADER], ...rows.map((r) => [r.sourceName, r.location, r.left, r.hit, r.right, r.start, r.end])];
}

/** `bom: false` for a terminal or a pipe; files keep the byte-order mark Excel needs. */
export function kwicCsv(rows: readonly KwicRow[], options: { bom?: boolean } = {}): string {
  return toCsv(kwicCsvRows(rows), options);
}
