import type { Block, Mark, MarkKind } from "./types";

export type BlockShape = Omit<Block, "start" | "end">;

// Anything that would break "one block = one line" (or is invisible junk) inside a block.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this strips
const LINE_BREAKING = /[\u0000-\u0008\n-\u001f\u007f\u2028\u2029]/g;

/**
 * Accumulates blocks in document order and produces the immutable text. Each block is trimmed;
 * blocks with nothing but whitespace are dropped. Strings are collected in arrays and joined once,
 * so the cost stays linear in the output size.
 */
export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly blocks: Block[] = [];
  private readonly marks: Mark[] = [];

  private shape: BlockShape | null = null;
  private pieces: string[] = [];
  private pieceLength = 0;
  private pendingMarks: Mark[] = [];
  private readonly openDepth: Record<MarkKind, number> = { bold: 0, italic: 0 };
  private readonly openStart: Record<MarkKind, number> = { bold: -1, italic: -1 };

  get inBlock(): boolean {
    return this.shape !== null;
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  startBlock(shape: BlockShape): void {
    if (this.shape) this.endBlock();
    this.shape = shape;
    if (this.openDepth.bold > 0) this.openStart.bold = 0;
    if (this.openDepth.italic > 0) this.openStart.italic = 0;
  }

  append(text: string): void {
    if (text.length === 0) return;
    if (!this.shape) this.startBlock({ kind: "paragraph" });
    LINE_BREAKING.lastIndex = 0;
    const clean = LINE_BREAKING.test(text) ? text.replace(LINE_BREAKING, " ") : text;
    this.pieces.push(clean);
    this.pieceLength += clean.length;
  }

  /** Marks may stay open across block boundaries (a bold run around a line break). */
  openMark(kind: MarkKind): void {
    if (this.openDepth[kind]++ === 0) this.openStart[kind] = this.shape ? this.pieceLength : 0;
  }

  closeMark(kind: MarkKind): void {
    if (this.openDepth[kind] === 0) return;
    if (--this.openDepth[kind] > 0) return;
    if (this.shape) this.pushPending(kind);
    else this.openStart[kind] = -1;
  }

  /** A line break inside a paragraph: end this block and continue in one of the same shape. */
  splitBlock(): void {
    const shape = this.shape;
    if (!shape) return;
    this.endBlock();
    this.startBlock(shape);
  }

  endBlock(): void {
    const shape = this.shape;
    if (!shape) return;
    if (this.openDepth.bold > 0) this.pushPending("bold");
    if (this.openDepth.italic > 0) this.pushPending("italic");
    this.shape = null;

    const raw = this.pieces.length === 1 ? (this.pieces[0] ?? "") : this.pieces.join("");
    this.pieces = [];
    this.pieceLength = 0;
    const pending = this.pendingMarks;
    this.pendingMarks = [];

    const trimmed = raw.trim();
    if (trimmed.length === 0) return;
    const lead = raw.length - raw.trimStart().length;
    const start = this.parts.length === 0 ? this.length : this.length + 1;
    const end = start + trimmed.length;
    this.parts.push(trimmed);
    this.length = end;
    this.blocks.push(toBlock(shape, start, end));

    for (const mark of pending) {
      const s = Math.max(start, start + mark.start - lead);
      const e = Math.min(end, start + mark.end - lead);
      if (e > s) this.marks.push({ kind: mark.kind, start: s, end: e });
    }
  }

  finish(): { text: string; blocks: Block[]; marks: Mark[] } {
    this.endBlock();
    return { text: this.parts.join("\n"), blocks: this.blocks, marks: mergeMarks(this.marks) };
  }

  private pushPending(kind: MarkKind): void {
    const start = this.openStart[kind];
    if (start >= 0 && this.pieceLength > start) this.pendingMarks.push({ kind, start, end: this.pieceLength });
    this.openStart[kind] = -1;
  }
}

/** Only the fields the shape has, so blocks stay small and compare cleanly as JSON. */
function toBlock(shape: BlockShape, start: number, end: number): Block {
  const block: Block = { kind: shape.kind, start, end };
  if (shape.level !== undefined) block.level = shape.level;
  if (shape.ordered !== undefined) block.ordered = shape.ordered;
  if (shape.table !== undefined) block.table = shape.table;
  if (shape.row !== undefined) block.row = shape.row;
  if (shape.column !== undefined) block.column = shape.column;
  return block;
}

/** Sorted by start; touching or overlapping ranges of one kind become one. */
function mergeMarks(marks: Mark[]): Mark[] {
  marks.sort((a, b) => a.start - b.start || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const out: Mark[] = [];
  const last: Partial<Record<MarkKind, Mark>> = {};
  for (const mark of marks) {
    const prev = last[mark.kind];
    if (prev && mark.start <= prev.end) {
      prev.end = Math.max(prev.end, mark.end);
      continue;
    }
    const copy = { ...mark };
    out.push(copy);
    last[mark.kind] = copy;
  }
  return out;
}
