import type { Block } from "../import/types";
import type { Transcript } from "./transcript";
import { blockIndexAt } from "./transcript";

/**
 * How a transcript's blocks are grouped into the rows of the virtual list. Most blocks are one row
 * each; consecutive list items share a row (so they form one real list), and a table is cut into
 * row-chunks (so a transcript laid out as a 600-row table is still virtualised).
 */
export type ViewItem =
  | { kind: "block"; first: number; last: number }
  | { kind: "list"; first: number; last: number }
  | { kind: "table"; first: number; last: number; table: TableChunk };

export interface TableCell {
  column: number;
  colSpan: number;
  /** Indexes of the blocks in this cell; none for an empty cell the converter did not report. */
  blocks: number[];
}

export interface TableChunk {
  /** The converter's table number; nested tables have their own. */
  table: number;
  columns: number;
  /** Column widths in percent, shared by every chunk of the table so columns line up. */
  widths: number[];
  rows: { row: number; cells: TableCell[] }[];
}

export interface TranscriptLayout {
  items: ViewItem[];
  /** Row of the virtual list that holds each block. */
  itemOfBlock: Int32Array;
  /** Displayed number of each numbered list item (0 for anything else). */
  listNumbers: Int32Array;
}

export const LIST_CHUNK = 30;
export const TABLE_CHUNK_ROWS = 20;

const isListItem = (b: Block | undefined): boolean => b?.kind === "listItem" && b.table === undefined;

export function buildLayout(blocks: readonly Block[]): TranscriptLayout {
  const items: ViewItem[] = [];
  const itemOfBlock = new Int32Array(blocks.length);
  let i = 0;
  while (i < blocks.length) {
    const block = blocks[i] as Block;
    let last = i;
    if (block.table !== undefined) {
      while (blocks[last + 1]?.table === block.table) last++;
      for (const chunk of tableChunks(blocks, i, last)) pushItem(chunk);
    } else if (isListItem(block)) {
      while (isListItem(blocks[last + 1]) && last - i + 1 < LIST_CHUNK) last++;
      pushItem({ kind: "list", first: i, last });
    } else {
      pushItem({ kind: "block", first: i, last: i });
    }
    i = last + 1;
  }
  return { items, itemOfBlock, listNumbers: listNumbers(blocks) };

  function pushItem(item: ViewItem) {
    for (let b = item.first; b <= item.last; b++) itemOfBlock[b] = items.length;
    items.push(item);
  }
}

function tableChunks(blocks: readonly Block[], first: number, last: number): ViewItem[] {
  const table = blocks[first]?.table ?? 0;
  // Rows in document order; a cell is the consecutive blocks sharing a column.
  const rows: { row: number; cells: TableCell[]; first: number; last: number }[] = [];
  let columns = 1;
  for (let b = first; b <= last; b++) {
    const block = blocks[b] as Block;
    const row = block.row ?? 0;
    const column = block.column ?? 0;
    columns = Math.max(columns, column + 1);
    let current = rows[rows.length - 1];
    if (!current || current.row !== row) {
      current = { row, cells: [], first: b, last: b };
      rows.push(current);
    }
    current.last = b;
    const cell = current.cells[current.cells.length - 1];
    if (cell && cell.column === column) cell.blocks.push(b);
    else current.cells.push({ column, colSpan: 1, blocks: [b] });
  }
  // The converter gives grid positions but not spans, so gaps are read as Word most often means them:
  // a gap between cells, or after a row's only cell, is a merged cell (a heading across the table); a
  // gap before the first cell is the foot of a cell merged from above; any other gap at the end of a
  // row is empty cells.
  const totals = new Array<number>(columns).fill(0);
  const counts = new Array<number>(columns).fill(0);
  for (const row of rows) {
    row.cells.sort((a, b) => a.column - b.column);
    const filled: TableCell[] = [];
    const firstColumn = row.cells[0]?.column ?? 0;
    if (firstColumn > 0) filled.push({ column: 0, colSpan: firstColumn, blocks: [] });
    row.cells.forEach((cell, k) => {
      const next = row.cells[k + 1];
      const lone = row.cells.length === 1 && cell.column === 0;
      cell.colSpan = Math.max(1, next ? next.column - cell.column : lone ? columns - cell.column : 1);
      filled.push(cell);
      if (!next && !lone && cell.column + 1 < columns) {
        filled.push({ column: cell.column + 1, colSpan: columns - cell.column - 1, blocks: [] });
      }
      let length = 0;
      for (const b of cell.blocks) length += (blocks[b]?.end ?? 0) - (blocks[b]?.start ?? 0);
      if (cell.colSpan === 1) {
        totals[cell.column] = (totals[cell.column] ?? 0) + length;
        counts[cell.column] = (counts[cell.column] ?? 0) + 1;
      }
    });
    row.cells = filled;
  }
  const widths = columnWidths(totals.map((total, c) => (counts[c] ? total / (counts[c] ?? 1) : 10)));
  const chunks: ViewItem[] = [];
  for (let r = 0; r < rows.length; r += TABLE_CHUNK_ROWS) {
    const slice = rows.slice(r, r + TABLE_CHUNK_ROWS);
    const head = slice[0];
    const tail = slice[slice.length - 1];
    if (!head || !tail) continue;
    chunks.push({
      kind: "table",
      first: head.first,
      last: tail.last,
      table: { table, columns, widths, rows: slice.map(({ row, cells }) => ({ row, cells })) },
    });
  }
  return chunks;
}

/** Percent widths from average cell lengths: a "Speaker | Text" table gets a narrow first column. */
export function columnWidths(averageLengths: readonly number[]): number[] {
  const weights = averageLengths.map((n) => Math.min(60, Math.max(6, n)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return weights.map((w) => Math.round((w / total) * 1000) / 10);
}

/** Numbers for numbered list items: counted per nesting level, restarting after anything that is not a list item. */
export function listNumbers(blocks: readonly Block[]): Int32Array {
  const numbers = new Int32Array(blocks.length);
  let counters: number[] = [];
  let place = "";
  blocks.forEach((block, i) => {
    const here = block.table === undefined ? "" : `${block.table}:${block.row}:${block.column}`;
    if (block.kind !== "listItem" || here !== place) counters = [];
    place = here;
    if (block.kind !== "listItem") return;
    const level = Math.max(0, Math.min(block.level ?? 0, 8));
    counters.length = level + 1;
    if (block.ordered) {
      counters[level] = (counters[level] ?? 0) + 1;
      numbers[i] = counters[level];
    } else {
      counters[level] = 0;
    }
  });
  return numbers;
}

export const BOLD = 1;
export const ITALIC = 2;
export const LABEL = 4;
export const TIMESTAMP = 8;

export interface Decoration {
  start: number;
  end: number;
  /** BOLD | ITALIC | LABEL | TIMESTAMP */
  flags: number;
}

/**
 * Bold, italic, speaker labels and timestamps as one list sorted by start, each piece cut to lie within
 * a single block, so a block finds its own decorations by binary search.
 */
export function prepareDecorations(transcript: Transcript): Decoration[] {
  const { blocks } = transcript;
  const out: Decoration[] = [];
  const add = (start: number, end: number, flags: number) => {
    if (blocks.length === 0) return;
    let b = blockIndexAt(blocks, start);
    let from = start;
    while (from < end && b < blocks.length) {
      const block = blocks[b] as Block;
      const s = Math.max(from, block.start);
      const e = Math.min(end, block.end);
      if (e > s) out.push({ start: s, end: e, flags });
      b++;
      from = blocks[b]?.start ?? end;
    }
  };
  for (const mark of transcript.marks) add(mark.start, mark.end, mark.kind === "bold" ? BOLD : ITALIC);
  for (const turn of transcript.turns) add(turn.start, turn.labelEnd, LABEL);
  for (const stamp of transcript.timestamps) add(stamp.start, stamp.end, TIMESTAMP);
  return out.sort((a, b) => a.start - b.start);
}

export interface InlineRun {
  start: number;
  end: number;
  flags: number;
}

/** The runs of one block [start, end): consecutive stretches with the same decorations, covering it exactly. */
export function inlineRuns(decorations: readonly Decoration[], start: number, end: number): InlineRun[] {
  if (end <= start) return [];
  let lo = 0;
  let hi = decorations.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((decorations[mid]?.start ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  const mine: Decoration[] = [];
  for (let k = lo; k < decorations.length; k++) {
    const d = decorations[k] as Decoration;
    if (d.start >= end) break;
    mine.push(d);
  }
  if (mine.length === 0) return [{ start, end, flags: 0 }];
  const cuts = new Set<number>([start, end]);
  for (const d of mine) {
    cuts.add(Math.max(start, d.start));
    cuts.add(Math.min(end, d.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: InlineRun[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k] as number;
    const e = points[k + 1] as number;
    let flags = 0;
    for (const d of mine) if (d.start <= s && d.end >= e) flags |= d.flags;
    const prev = runs[runs.length - 1];
    if (prev && prev.flags === flags) prev.end = e;
    else runs.push({ start: s, end: e, flags });
  }
  return runs;
}

export interface EstimateMetrics {
  charsPerLine: number;
  lineHeight: number;
  /** Space between blocks. */
  gap: number;
}

/** A first guess at a row's height from its text length; the virtualiser corrects it once measured. */
export function estimateItemHeight(item: ViewItem, blocks: readonly Block[], m: EstimateMetrics): number {
  const lines = (length: number, perLine: number) => Math.max(1, Math.ceil(length / Math.max(8, perLine)));
  const len = (b: number) => (blocks[b]?.end ?? 0) - (blocks[b]?.start ?? 0);
  if (item.kind === "table") {
    let height = m.gap;
    for (const row of item.table.rows) {
      let tallest = 1;
      for (const cell of row.cells) {
        let width = 0;
        for (let c = cell.column; c < cell.column + cell.colSpan; c++) width += item.table.widths[c] ?? 0;
        let cellLines = 0;
        for (const b of cell.blocks) cellLines += lines(len(b), (m.charsPerLine * width) / 100 - 2);
        tallest = Math.max(tallest, cellLines);
      }
      height += tallest * m.lineHeight + 12;
    }
    return height;
  }
  let height = 0;
  for (let b = item.first; b <= item.last; b++) {
    const block = blocks[b];
    const scale = block?.kind === "heading" ? 1.3 : 1;
    height += lines(len(b), m.charsPerLine / scale) * m.lineHeight * scale + (item.kind === "list" ? 4 : m.gap);
  }
  return height;
}
