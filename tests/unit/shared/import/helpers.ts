import { createHash } from "node:crypto";
import { expect } from "vitest";
import { ImportError, type Block, type ConvertedSource, type ImportErrorReason } from "../../../../shared/import";

export const blockText = (source: ConvertedSource, block: Block): string => source.text.slice(block.start, block.end);

/** Every block's text with its shape, for readable toEqual assertions. */
export function outline(source: ConvertedSource): Array<Omit<Block, "start" | "end"> & { text: string }> {
  return source.blocks.map(({ start, end, ...shape }) => ({ ...shape, text: source.text.slice(start, end) }));
}

export function texts(source: ConvertedSource): string[] {
  return source.blocks.map((b) => blockText(source, b));
}

/** The invariants every ConvertedSource must keep, whatever the input. */
export function expectWellFormed(source: ConvertedSource): void {
  const { text, blocks } = source;
  expect(text).not.toContain("\r");
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks[0]?.start).toBe(0);
  expect(blocks[blocks.length - 1]?.end).toBe(text.length);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    expect(b.end).toBeGreaterThan(b.start);
    const t = text.slice(b.start, b.end);
    expect(t).not.toContain("\n");
    expect(t.trim()).toBe(t);
    const next = blocks[i + 1];
    if (next) {
      expect(next.start).toBe(b.end + 1);
      expect(text[b.end]).toBe("\n");
    }
  }
  // The text is exactly the blocks joined by single newlines.
  expect(blocks.map((b) => text.slice(b.start, b.end)).join("\n")).toBe(text);
  for (const m of source.marks) {
    expect(m.end).toBeGreaterThan(m.start);
    expect(blocks.some((b) => b.start <= m.start && m.end <= b.end)).toBe(true);
  }
  let previousEnd = -1;
  for (const t of source.turns) {
    expect(t.start).toBeGreaterThan(previousEnd);
    expect(t.labelEnd).toBeGreaterThan(t.start);
    expect(t.labelEnd).toBeLessThanOrEqual(t.end);
    expect(blocks.some((b) => b.start === t.start)).toBe(true);
    expect(blocks.some((b) => b.end === t.end)).toBe(true);
    previousEnd = t.end;
  }
  for (const s of source.timestamps) expect(text.slice(s.start, s.end)).toMatch(/^[[(]?\d{1,2}:\d{2}(:\d{2})?([.,]\d{1,3})?[\])]?$/);
  expect(source.charCount).toBe(text.length);
  expect(source.contentHash).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  // Plain data: survives JSON (and so structured clone and IndexedDB) unchanged.
  expect(JSON.parse(JSON.stringify(source))).toEqual(source);
}

/** Awaits the conversion and returns its ImportError, failing if it resolves or throws anything else. */
export async function importError(promise: Promise<unknown>): Promise<ImportError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the conversion to fail").toBeInstanceOf(ImportError);
  return caught as ImportError;
}

export async function expectImportError(promise: Promise<unknown>, fileName: string, reason: ImportErrorReason): Promise<ImportError> {
  const error = await importError(promise);
  expect(error.reason).toBe(reason);
  expect(error.fileName).toBe(fileName);
  expect(error.message).toContain(fileName);
  return error;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
