/**
 * The entries of a plain zip, found through its central directory (which records every entry's
 * compressed size even when the writer streamed it with data descriptors), and each entry's data
 * inflated as a stream. Native inflate (the web-standard DecompressionStream, in browsers, workers
 * and Node) when there is one: fflate's streaming Unzip has to scan every compressed byte for the
 * next signature and inflates in JS, together about half of reading a bundle.
 */
import { Inflate } from "fflate";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else cannot be read. */
  method: number;
  /** The entry's compressed bytes (a view into the zip). */
  data: Uint8Array;
}

/** Why a zip cannot be listed: no end record (not a zip, or cut short) or a damaged directory. */
export class ZipStructureError extends Error {
  constructor(readonly missingEnd: boolean) {
    super(missingEnd ? "no end of central directory" : "damaged central directory");
  }
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function listZip(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  // The end record is the last 22 bytes plus a comment of up to 64 KiB.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipStructureError(true);
  try {
    let count = u16(end + 10);
    let dirAt = u32(end + 16);
    if ((count === 0xffff || dirAt === 0xffffffff) && end >= 20 && u32(end - 20) === EOCD64_LOCATOR) {
      const at64 = u64(end - 12);
      if (u32(at64) !== EOCD64) throw new ZipStructureError(false);
      count = u64(at64 + 32);
      dirAt = u64(at64 + 48);
    }
    const names = new TextDecoder();
    const entries: ZipEntry[] = [];
    let at = dirAt;
    for (let i = 0; i < count; i++) {
      if (u32(at) !== CENTRAL) throw new ZipStructureError(false);
      const method = u16(at + 10);
      let size = u32(at + 20);
      const nameLength = u16(at + 28);
      const extraLength = u16(at + 30);
      const commentLength = u16(at + 32);
      let local = u32(at + 42);
      const name = names.decode(zip.subarray(at + 46, at + 46 + nameLength));
      // Zip64: sizes and offset that do not fit 32 bits are in extra field 0x0001, in this order.
      if (size === 0xffffffff || local === 0xffffffff) {
        const usize = u32(at + 24);
        for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; x += 4 + u16(x + 2)) {
          if (u16(x) !== 1) continue;
          let f = x + 4;
          if (usize === 0xffffffff) f += 8;
          if (size === 0xffffffff) {
            size = u64(f);
            f += 8;
          }
          if (local === 0xffffffff) local = u64(f);
        }
      }
      if (u32(local) !== LOCAL) throw new ZipStructureError(false);
      const start = local + 30 + u16(local + 26) + u16(local + 28);
      if (start + size > zip.length) throw new ZipStructureError(false);
      entries.push({ name, method, data: zip.subarray(start, start + size) });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } catch (error) {
    if (error instanceof ZipStructureError) throw error;
    // A DataView read past the end: the directory points outside the file.
    throw new ZipStructureError(false);
  }
}

/** Whether this runtime has a native raw-deflate decompressor. */
const nativeInflate: boolean = (() => {
  try {
    return typeof DecompressionStream === "function" && !!new DecompressionStream("deflate-raw");
  } catch {
    return false;
  }
})();

const PIECE = 256 * 1024;

/**
 * Feeds an entry's uncompressed bytes to `onData` a chunk at a time, in order. Rejects if the data
 * cannot be inflated or the method is unknown.
 */
export async function inflateEntry(entry: ZipEntry, onData: (chunk: Uint8Array) => void): Promise<void> {
  if (entry.method === 0) {
    for (let at = 0; at < entry.data.length; at += PIECE) onData(entry.data.subarray(at, at + PIECE));
    return;
  }
  if (entry.method !== 8) throw new Error(`unknown compression method ${entry.method}`);
  if (entry.data.length === 0) throw new Error("empty deflate stream");
  if (!nativeInflate) {
    let failure: unknown = null;
    const inflate = new Inflate((chunk) => onData(chunk));
    try {
      for (let at = 0; at < entry.data.length; at += PIECE)
        inflate.push(entry.data.subarray(at, at + PIECE), at + PIECE >= entry.data.length);
    } catch (error) {
      failure = error;
    }
    if (failure) throw failure;
    return;
  }
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  // Errors surface through the reader below; these promises only need a handler.
  writer.write(entry.data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      onData(next.value);
    }
  } catch (error) {
    // `onData` stopping the reading (a limit passed): inflate no further.
    reader.cancel().catch(() => undefined);
    throw error;
  }
}
