import type { Block, BlockKind, Mark, Timestamp, Turn } from "../import/types";

/** A source's content with its structure typed; what the viewer renders. */
export interface Transcript {
  text: string;
  blocks: Block[];
  marks: Mark[];
  turns: Turn[];
  timestamps: Timestamp[];
  warnings: string[];
}

/** The stored content record, whose structure arrays are still untyped in storage. */
export interface StoredContent {
  text: string;
  blocks: unknown[];
  marks: unknown[];
  turns: unknown[];
  timestamps: unknown[];
  warnings: string[];
}

const BLOCK_KINDS: ReadonlySet<string> = new Set<BlockKind>(["heading", "paragraph", "listItem", "tableCell"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isSpanIn(value: Record<string, unknown>, length: number): boolean {
  const { start, end } = value;
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (start as number) <= (end as number) &&
    (end as number) <= length
  );
}

function optionalInt(value: unknown): number | undefined {
  return Number.isInteger(value) ? (value as number) : undefined;
}

function byStart<T extends { start: number }>(a: T, b: T): number {
  return a.start - b.start;
}

/** Blocks must tile the text with one "\n" between them, or selections could not map back to offsets. */
function blocksTileText(blocks: Block[], text: string): boolean {
  if (blocks.length === 0) return false;
  if (blocks[0]?.start !== 0 || blocks[blocks.length - 1]?.end !== text.length) return false;
  for (let i = 1; i < blocks.length; i++) {
    const prev = blocks[i - 1];
    const block = blocks[i];
    if (!prev || !block || block.start !== prev.end + 1 || text.charCodeAt(prev.end) !== 10) return false;
  }
  return true;
}

/** One paragraph per line: the fallback for content whose block list is missing or damaged. */
export function paragraphsFromLines(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    blocks.push({ kind: "paragraph", start, end });
    if (newline === -1) return blocks;
    start = newline + 1;
  }
}

/**
 * Types the stored arrays, dropping entries that do not fit the text (a damaged record still opens).
 * The lead will tighten SourceContentRecord's types; until then this is the one place that casts.
 */
export function readTranscript(stored: StoredContent): Transcript {
  const { text } = stored;
  const length = text.length;
  const blocks: Block[] = [];
  for (const raw of stored.blocks) {
    if (!isObject(raw) || typeof raw.kind !== "string" || !BLOCK_KINDS.has(raw.kind) || !isSpanIn(raw, length)) continue;
    const block: Block = { kind: raw.kind as BlockKind, start: raw.start as number, end: raw.end as number };
    const level = optionalInt(raw.level);
    if (level !== undefined) block.level = level;
    if (typeof raw.ordered === "boolean") block.ordered = raw.ordered;
    const table = optionalInt(raw.table);
    if (table !== undefined) {
      block.table = table;
      block.row = optionalInt(raw.row) ?? 0;
      block.column = optionalInt(raw.column) ?? 0;
    }
    blocks.push(block);
  }
  const marks: Mark[] = stored.marks
    .filter((m): m is Record<string, unknown> => isObject(m) && (m.kind === "bold" || m.kind === "italic") && isSpanIn(m, length))
    .map((m) => ({ kind: m.kind as Mark["kind"], start: m.start as number, end: m.end as number }))
    .sort(byStart);
  const turns: Turn[] = stored.turns
    .filter(
      (t): t is Record<string, unknown> =>
        isObject(t) && isSpanIn(t, length) && typeof t.speaker === "string" && Number.isInteger(t.labelEnd),
    )
    .map((t) => {
      const start = t.start as number;
      const labelEnd = Math.min(Math.max(t.labelEnd as number, start), length);
      return { start, end: t.end as number, speaker: t.speaker as string, labelEnd };
    })
    .sort(byStart);
  const timestamps: Timestamp[] = stored.timestamps
    .filter((t): t is Record<string, unknown> => isObject(t) && isSpanIn(t, length))
    .map((t) => ({ start: t.start as number, end: t.end as number }))
    .sort(byStart);
  return {
    text,
    blocks: blocksTileText(blocks, text) ? blocks : paragraphsFromLines(text),
    marks,
    turns,
    timestamps,
    warnings: stored.warnings.filter((w) => typeof w === "string"),
  };
}

/** Index of the block holding `offset` (the last block starting at or before it); 0 for an empty list. */
export function blockIndexAt(blocks: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((blocks[mid]?.start ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export interface SpeakerCount {
  speaker: string;
  turns: number;
}

/** Speakers in order of first appearance, with how many turns each takes. */
export function speakerSummary(turns: readonly Turn[]): SpeakerCount[] {
  const counts = new Map<string, number>();
  for (const turn of turns) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1);
  return [...counts].map(([speaker, count]) => ({ speaker, turns: count }));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Characters as a reader counts them (an emoji or a letter with its accents is one). Offsets stay in
 * UTF-16 units; this is only for display. Long texts are counted by code point, which is close and fast.
 */
export function countCharacters(text: string): number {
  if (text.length > 20_000) {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0xdc00 || code > 0xdfff) count++;
    }
    return count;
  }
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}
