/**
 * Inflating one table of a bundle as a stream: hashing the bytes and parsing each complete line as soon
 * as it has arrived (the table's text is never held whole). Inflated bytes (all tables together) and
 * records (per table) are counted as they come; past a limit reading stops at once, before memory
 * runs out (shared/bundle/limits.ts).
 */
import type { Sha256 } from "./hash";
import { concat } from "./bytes";
import { inflateEntry, type ZipEntry } from "./zipEntries";

/** Inflated bytes of every table of one bundle, against the limit. */
export interface ByteBudget {
  used: number;
  readonly max: number;
}

export interface FileState {
  readonly file: string;
  hash: Sha256;
  records: unknown[];
  /** Ids of content lines counted and hashed but not parsed (ReadOptions.skipContent). */
  leftOut: string[];
  /** Why the table cannot be read ("line 3 is not valid JSON"), or null. */
  broken: string | null;
  /** Which limit was passed (reading stopped there), or null. */
  overLimit: string | null;
  /** Non-empty lines so far. */
  lines: number;
  readonly maxRecords: number;
  /** Longest line (record) allowed: a longer one would reach the engine's string limit, or near it. */
  readonly maxLine: number;
  readonly budget: ByteBudget;
}

export function newFileState(file: string, hash: Sha256, maxRecords: number, maxLine: number, budget: ByteBudget): FileState {
  return { file, hash, records: [], leftOut: [], broken: null, overLimit: null, lines: 0, maxRecords, maxLine, budget };
}

/** Thrown inside the inflate loop to stop it; the reason is in `state.overLimit`. */
class LimitReached extends Error {}

/** Counts a chunk's bytes against the bundle's budget; stops reading past it. */
function spend(state: FileState, data: Uint8Array): void {
  state.budget.used += data.length;
  if (state.budget.used > state.budget.max) {
    state.overLimit = `unpacks to more than ${state.budget.max.toLocaleString("en-GB")} bytes in all (reading stopped in ${state.file})`;
    throw new LimitReached();
  }
}

/** Stops reading at a line longer than the limit (`length` so far: it is checked as the line grows). */
function checkLength(state: FileState, length: number): void {
  if (length > state.maxLine) {
    state.overLimit = `has a record longer than ${state.maxLine.toLocaleString("en-GB")} characters (line ${state.lines + 1} of ${state.file})`;
    throw new LimitReached();
  }
}

/** Counts one more line (record) of the table; stops reading past the table's limit. */
function countLine(state: FileState): void {
  state.lines++;
  if (state.lines > state.maxRecords) {
    state.overLimit = `holds more than ${state.maxRecords.toLocaleString("en-GB")} records in ${state.file}`;
    throw new LimitReached();
  }
}

function parseLine(state: FileState, line: string): void {
  countLine(state);
  try {
    state.records.push(JSON.parse(line));
  } catch (error) {
    // Also a RangeError from a line too deep or too long for the engine: the table and line are named all the same.
    throw new BadLine(`line ${state.lines} is not valid JSON${error instanceof RangeError ? ` (${error.message})` : ""}`);
  }
}

class BadLine extends Error {}

/** Inflates one table, hashing the bytes and parsing each complete line as soon as it has arrived. */
export async function readTable(entry: ZipEntry, state: FileState): Promise<void> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  const onData = (data: Uint8Array) => {
    spend(state, data);
    if (state.broken) return;
    state.hash.update(data);
    try {
      // Line ends are looked for in the new piece only: searching `pending + piece` would copy a long
      // record (a transcript, ~80 KB) again for every chunk it spans.
      const piece = decoder.decode(data, { stream: true });
      let nl = piece.indexOf("\n");
      if (nl < 0) {
        checkLength(state, pending.length + piece.length);
        pending += piece;
        return;
      }
      const first = pending + piece.slice(0, nl);
      if (first.length > 0) parseLine(state, first);
      let from = nl + 1;
      for (nl = piece.indexOf("\n", from); nl >= 0; nl = piece.indexOf("\n", from)) {
        if (nl > from) parseLine(state, piece.slice(from, nl));
        from = nl + 1;
      }
      pending = piece.slice(from);
    } catch (error) {
      brokenBy(state, error);
    }
  };
  await inflateLines(entry, state, onData, () => {
    const rest = pending + decoder.decode();
    if (rest.length > 0) parseLine(state, rest);
  });
}

/** A line that is not JSON, or bytes that are not UTF-8, break the table; a limit stops the reading. */
function brokenBy(state: FileState, error: unknown): void {
  if (error instanceof LimitReached) throw error;
  state.broken = error instanceof BadLine ? error.message : "is not valid UTF-8 JSON lines";
}

/** Inflates an entry through `onData`, then `lastLine` for what follows the last newline; failures mark the table broken. */
async function inflateLines(entry: ZipEntry, state: FileState, onData: (data: Uint8Array) => void, lastLine: () => void): Promise<void> {
  try {
    await inflateEntry(entry, onData);
  } catch (error) {
    if (!(error instanceof LimitReached) && !state.broken) state.broken = "cannot be unpacked";
    return;
  }
  if (state.broken) return;
  try {
    lastLine();
  } catch (error) {
    if (!(error instanceof LimitReached)) brokenBy(state, error);
  }
}

/**
 * Like readTable, for the content table when the caller already has some transcripts: lines are split
 * on the newline byte (never part of a multi-byte UTF-8 character, and escaped inside JSON strings), a
 * line starting `{"id":"<id>"` with a known id is only hashed and counted, the others are parsed. A
 * line in any other shape is parsed, so a bundle written differently still reads correctly.
 */
export async function readTableSkipping(entry: ZipEntry, state: FileState, skip: ReadonlySet<string>): Promise<void> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let parts: Uint8Array[] = [];
  let size = 0;
  let decided = false;
  let skipping = false;
  const decide = () => {
    decided = true;
    const first = parts[0];
    const id = lineId(first && first.length >= ID_PREFIX_LIMIT ? first : concat(parts));
    skipping = id !== null && skip.has(id);
    if (skipping && id !== null) {
      state.leftOut.push(id);
      parts = [];
    }
  };
  const endLine = () => {
    if (!decided && size > 0) decide();
    if (skipping) countLine(state);
    else if (size > 0) parseLine(state, decoder.decode(concat(parts)));
    parts = [];
    size = 0;
    decided = false;
    skipping = false;
  };
  const onData = (data: Uint8Array) => {
    spend(state, data);
    if (state.broken) return;
    state.hash.update(data);
    try {
      let from = 0;
      for (;;) {
        const nl = data.indexOf(0x0a, from);
        const end = nl < 0 ? data.length : nl;
        if (end > from && !skipping) parts.push(data.subarray(from, end));
        size += end - from;
        checkLength(state, size);
        if (!decided && size >= ID_PREFIX_LIMIT) decide();
        if (nl < 0) return;
        endLine();
        from = nl + 1;
      }
    } catch (error) {
      brokenBy(state, error);
    }
  };
  await inflateLines(entry, state, onData, endLine);
}

/** Enough of a line's start to hold `{"id":"` and any id Margin writes. */
const ID_PREFIX_LIMIT = 256;
const ID_PREFIX = [0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22]; // {"id":"

/** The id of a line that starts `{"id":"…"` with a plain (unescaped) id, else null. */
function lineId(head: Uint8Array): string | null {
  for (let i = 0; i < ID_PREFIX.length; i++) if (head[i] !== ID_PREFIX[i]) return null;
  const close = head.indexOf(0x22, ID_PREFIX.length);
  if (close < 0) return null;
  let id = "";
  for (let i = ID_PREFIX.length; i < close; i++) {
    const b = head[i] as number;
    // A backslash or a non-ASCII byte: leave it to JSON.parse.
    if (b === 0x5c || b >= 0x80 || b < 0x20) return null;
    id += String.fromCharCode(b);
  }
  return id;
}
