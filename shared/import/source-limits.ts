/**
 * How large one source may be, checked wherever a source's text enters Margin: DOCX and TXT import
 * (./convert.ts), REFI-QDA import (shared/refi/importSources.ts) and bundle and backup reading
 * (shared/bundle/zipReader.ts). Issue 13 item 7: a source is stored, and written into bundles and
 * backups, as one JSON line; a 13-million-line source made that line longer than the longest string
 * JavaScript can hold (about 512 MiB), so it imported but could never be exported or backed up.
 *
 * The limits are far above real material (a two-hour interview is about 100,000 characters and 2,000
 * paragraphs; seed scale's largest source is 600,000 characters) and keep the worst case of one
 * source's line under the string limit: 10M characters at up to 6 JSON characters each (60M), 1M
 * paragraphs at up to about 130 characters (130M), 2M bold/italic ranges at about 50 (100M), speaker
 * turns and timestamps (at most about one per paragraph, 150M with their labels): under 450M.
 */
import { ImportError } from "./errors";

export const MAX_SOURCE_CHARACTERS = 10_000_000;
export const MAX_SOURCE_PARAGRAPHS = 1_000_000;
export const MAX_SOURCE_FORMATTING = 2_000_000;

export interface SourceSize {
  /** Left out where only the paragraphs are known yet. */
  characters?: number;
  /** Paragraphs, headings and list items (blocks); for plain text, its lines. */
  paragraphs: number;
  /** Bold and italic ranges. */
  formatting?: number;
}

const n = (count: number): string => count.toLocaleString("en-GB");

/** What is too large about a source, in the researcher's words ("it has 24,000,001 paragraphs…"), or null when it fits. */
export function sourceSizeProblem(size: SourceSize): string | null {
  if ((size.characters ?? 0) > MAX_SOURCE_CHARACTERS) {
    return `it has ${n(size.characters ?? 0)} characters of text; Margin takes at most ${n(MAX_SOURCE_CHARACTERS)} in one source`;
  }
  if (size.paragraphs > MAX_SOURCE_PARAGRAPHS) {
    return `it has ${n(size.paragraphs)} paragraphs (lines); Margin takes at most ${n(MAX_SOURCE_PARAGRAPHS)} in one source`;
  }
  if ((size.formatting ?? 0) > MAX_SOURCE_FORMATTING) {
    return `it has ${n(size.formatting ?? 0)} bold or italic ranges; Margin takes at most ${n(MAX_SOURCE_FORMATTING)} in one source`;
  }
  return null;
}

/** Throws the import's "too large" error, naming the file, when a source is over a limit. */
export function checkSourceSize(fileName: string, size: SourceSize): void {
  const problem = sourceSizeProblem(size);
  if (problem)
    throw new ImportError(
      fileName,
      "tooLarge",
      `“${fileName}” is too large to import: ${problem}. Split it into smaller documents and import those.`,
    );
}

/** Lines of plain text ("\r\n", "\r" and "\n" each end one), blank ones included, counted without splitting the text. */
export function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  // A lone "\r" (not followed by "\n") ends a line too.
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== 10) lines++;
  return lines;
}

/**
 * At least as many as the paragraphs TXT import makes (it drops blank lines), counted without
 * splitting the text: lines holding something other than spaces, tabs and control characters.
 */
export function countNonBlankLines(text: string): number {
  let lines = 0;
  let filled = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (filled) lines++;
      filled = false;
    } else if (c > 32) filled = true;
  }
  return filled ? lines + 1 : lines;
}
