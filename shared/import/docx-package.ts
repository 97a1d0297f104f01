import { describeError } from "../describeError";
import { Inflate, zipSync, type Zippable } from "fflate";
import * as errors from "./errors";
import { checkXmlShape, type XmlShapeLimits } from "./xml-shape";

/**
 * Reads a DOCX's zip ourselves, so that no part is ever inflated past our limits: the sizes a zip
 * declares can lie (fflate stops at the declared size; mammoth's JSZip then inflated everything),
 * so every part is inflated as a stream with a byte counter that stops at the limit. Mammoth is
 * then handed `repack(...)`, a fresh zip built from the parts we checked, never the original.
 */

export interface DocxLimits extends XmlShapeLimits {
  /** Entries in the zip (a real DOCX has tens; one with many pictures, a few thousand). */
  maxParts: number;
  /** Bytes one part may unpack to. */
  maxPartBytes: number;
  /** Bytes all the parts we unpack may unpack to together. */
  maxTotalBytes: number;
}

/**
 * Generous for real documents, small enough that mammoth stays in bounds (docs/import.md, "Limits").
 * The largest real file we have (18 MB of XML, 600k characters in 249 tables) has 458k elements
 * and nests 16 deep; mammoth needs about 1.7 KB of memory and 26 µs per element.
 */
export const DOCX_LIMITS: DocxLimits = {
  maxParts: 10_000,
  maxPartBytes: 100 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxElements: 1_000_000,
  maxDepth: 256,
};

export interface DocxPackage {
  /** Every entry name in the zip, in directory order. */
  names: string[];
  /** Inflated XML parts (names ending .xml or .rels, and the main document part). */
  parts: Map<string, Uint8Array>;
  /** Path of the main document part, or null when the package has none. */
  mainPart: string | null;
}

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const RELS = "_rels/.rels";
const DEFAULT_MAIN = "word/document.xml";
/** Input bytes fed to the inflater at a time: deflate expands at most ~1032×, so one push adds ≤ 17 MB past a limit. */
const CHUNK = 16 * 1024;

const isXmlName = (name: string): boolean => /\.(xml|rels)$/i.test(name);

/** Throws ImportError: `corrupt` for a damaged zip, `tooLarge` when a limit is passed. */
export function readDocxPackage(bytes: Uint8Array, fileName: string, limits: DocxLimits = DOCX_LIMITS): DocxPackage {
  const entries = readCentralDirectory(bytes, fileName, limits.maxParts);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const parts = new Map<string, Uint8Array>();
  let total = 0;
  const unpack = (entry: Entry): void => {
    if (parts.has(entry.name)) return;
    const data = inflateEntry(bytes, entry, fileName, limits.maxPartBytes, limits.maxTotalBytes - total, limits);
    total += data.length;
    parts.set(entry.name, data);
  };
  for (const entry of byName.values()) if (isXmlName(entry.name)) unpack(entry);

  const rels = parts.get(RELS);
  let mainPart = rels ? mainPartFromRels(new TextDecoder("utf-8").decode(rels)) : null;
  if (mainPart === null || !byName.has(mainPart)) mainPart = byName.has(DEFAULT_MAIN) ? DEFAULT_MAIN : null;
  const main = mainPart === null ? undefined : byName.get(mainPart);
  if (main) unpack(main);

  // One budget for the whole package: mammoth parses every XML part it is pointed at.
  let elements = 0;
  for (const xml of parts.values()) {
    const shape = checkXmlShape(xml, { maxDepth: limits.maxDepth, maxElements: limits.maxElements - elements });
    if (shape.tooDeep) throw errors.tooDeeplyNested(fileName, limits.maxDepth);
    if (shape.tooMany) throw errors.tooManyElements(fileName, limits.maxElements);
    elements += shape.elements;
  }
  return { names: entries.map((entry) => entry.name), parts, mainPart };
}

/**
 * A stored (uncompressed) zip of the checked XML parts, for mammoth. Other parts (pictures,
 * embedded files) are kept as empty entries: mammoth may ask whether they exist, and we never
 * read pictures.
 */
export function repack(pkg: DocxPackage): Uint8Array {
  const files: Zippable = {};
  for (const name of pkg.names) files[name] = [pkg.parts.get(name) ?? new Uint8Array(0), { level: 0 }];
  return zipSync(files);
}

/** Target of the officeDocument relationship (transitional or strict namespace alike). */
export function mainPartFromRels(xml: string): string | null {
  for (const match of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = match[0];
    const type = /\bType="([^"]*)"/.exec(tag)?.[1] ?? "";
    const target = /\bTarget="([^"]*)"/.exec(tag)?.[1];
    if (target !== undefined && type.endsWith("/officeDocument")) return target.replace(/^\//, "");
  }
  return null;
}

// ---- zip structure (APPNOTE.TXT): end of central directory, central directory, local headers ----

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
}
/** Little-endian 64-bit as a number; anything past 2^53 is far past every limit anyway. */
function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 0x100000000;
}

function readCentralDirectory(bytes: Uint8Array, fileName: string, maxParts: number): Entry[] {
  const corrupt = (why: string): errors.ImportError => errors.corrupt(fileName, new Error(why));
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw corrupt("no end of central directory");
  let count = u16(bytes, eocd + 10);
  let size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  let end = eocd;
  if ((count === 0xffff || offset === MAX32 || size === MAX32) && u32(bytes, eocd - 20) === ZIP64_LOCATOR) {
    const at = u64(bytes, eocd - 12);
    if (u32(bytes, at) !== ZIP64_EOCD) throw corrupt("bad zip64 end of central directory");
    count = u64(bytes, at + 32);
    size = u64(bytes, at + 40);
    offset = u64(bytes, at + 48);
    end = at;
  }
  if (count > maxParts) throw errors.tooManyParts(fileName, count, maxParts);
  // Bytes before the zip (a self-extractor stub, say) shift every offset; JSZip allows it too.
  const shift = end - (offset + size);
  if (shift < 0) throw corrupt("central directory out of range");

  const names = new TextDecoder("utf-8");
  const entries: Entry[] = [];
  let at = offset + shift;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) throw corrupt("bad central directory entry");
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let compressedSize = u32(bytes, at + 20);
    let localOffset = u32(bytes, at + 42);
    const zip64 = zip64Extra(bytes, at + 46 + nameLength, extraLength);
    if (zip64) {
      // Fields appear only for the values that overflowed, in this order.
      let field = zip64;
      if (u32(bytes, at + 24) === MAX32) field += 8;
      if (compressedSize === MAX32) {
        compressedSize = u64(bytes, field);
        field += 8;
      }
      if (localOffset === MAX32) localOffset = u64(bytes, field);
    }
    entries.push({ name, flags: u16(bytes, at + 8), method: u16(bytes, at + 10), compressedSize, localOffset: localOffset + shift });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Offset of the zip64 extended-information field's data, or 0. */
function zip64Extra(bytes: Uint8Array, start: number, length: number): number {
  for (let at = start; at + 4 <= start + length; at += 4 + u16(bytes, at + 2)) {
    if (u16(bytes, at) === 0x0001) return at + 4;
  }
  return 0;
}

class LimitPassed extends Error {}

function inflateEntry(bytes: Uint8Array, entry: Entry, fileName: string, maxPart: number, budget: number, limits: DocxLimits): Uint8Array {
  const corrupt = (why: string): errors.ImportError => errors.corrupt(fileName, new Error(`${entry.name}: ${why}`));
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) throw corrupt("bad local header");
  if (entry.flags & 1) throw corrupt("encrypted zip entry");
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt("data runs past the end of the file");
  const data = bytes.subarray(start, end);
  const limit = Math.min(maxPart, budget);
  const tooLarge = (): errors.ImportError =>
    errors.unpacksTooLarge(
      fileName,
      entry.name,
      limit === maxPart ? limits.maxPartBytes : limits.maxTotalBytes,
      limit === maxPart ? "part" : "total",
    );

  if (entry.method === 0) {
    if (data.length > limit) throw tooLarge();
    return data.slice();
  }
  if (entry.method !== 8) throw corrupt(`unsupported compression method ${entry.method}`);
  const chunks: Uint8Array[] = [];
  let inflated = 0;
  const inflater = new Inflate((chunk) => {
    inflated += chunk.length;
    if (inflated > limit) throw new LimitPassed();
    chunks.push(chunk);
  });
  try {
    // The last push says "final", so a stream that ends early throws instead of passing as shorter.
    for (let pos = 0; ; pos += CHUNK) {
      const last = pos + CHUNK >= data.length;
      inflater.push(data.subarray(pos, pos + CHUNK), last);
      if (last) break;
    }
  } catch (error) {
    if (error instanceof LimitPassed) throw tooLarge();
    throw corrupt(describeError(error));
  }
  const out = new Uint8Array(inflated);
  let pos = 0;
  for (const chunk of chunks) {
    out.set(chunk, pos);
    pos += chunk.length;
  }
  return out;
}
