/**
 * Writing a bundle as a pull stream: each table is serialised to NDJSON a slice of records at a time,
 * hashed as it goes, deflated into a streaming zip, and the zip bytes are encrypted by age as they
 * come. Nothing but the tables themselves and the (compressed, encrypted) output is held whole.
 */
import { Encrypter } from "age-encryption";
import { Zip, ZipDeflate } from "fflate";
import { PROJECT_TABLE_NAMES, type ProjectTableName, type ProjectTables } from "../model/tables";
import { stampRange } from "./delta";
import { concat } from "./bytes";
import { BundleError } from "./errors";
import { hexDigest, nobleSha256, type Sha256, type Sha256Factory } from "./hash";
import { isValidIdentity, isValidRecipient, MIN_PASSPHRASE_LENGTH, recipientOf } from "./keys";
import { MANIFEST_FILE, tableFile } from "./layout";
import { SIGNATURE_FILE, signatureFileFor } from "./signature";
import { unwritableRecord } from "./sourceSizes";
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleInfo,
  type BundleLock,
  type BundleManifest,
  type BundleProgress,
  type BundleTableEntry,
} from "./types";

/** About 256 KB of JSON per slice: big enough for deflate to work well, small enough to stay flat. */
const SLICE_CHARS = 256 * 1024;
/** Deflate level 1: about 1.5x faster to pack than level 6 for about a quarter more bytes (tests/bench/bundle-bench.ts). */
const DEFLATE_LEVEL = 1;

export interface WriteOptions {
  /** age's scrypt work factor (log2) for passphrase bundles; tests lower it, production keeps age's 18. */
  scryptWorkFactor?: number;
  /** SHA-256 for the table hashes; default @noble/hashes (see ReadOptions.hasher). */
  hasher?: Sha256Factory;
  /**
   * The exporter's own age identity (AGE-SECRET-KEY-1…): the manifest is signed with it (signature.ts),
   * so the receiver can tell who made the bundle. Without it the bundle is unsigned (receivers warn).
   */
  signWith?: string;
}

/**
 * Packs tables into an encrypted bundle: zip (manifest.json + tables/<table>.ndjson) encrypted with age to
 * the recipients or the passphrase. Tables are serialised, hashed and compressed a slice at a time.
 * Throws BundleError "bad-key" for an invalid recipient or a passphrase under 12 characters.
 */
export async function writeBundle(
  tables: ProjectTables,
  info: BundleInfo,
  lock: BundleLock,
  onProgress?: (progress: BundleProgress) => void,
  options: WriteOptions = {},
): Promise<Uint8Array> {
  const stream = await writeBundleStream(tables, info, lock, onProgress, options);
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return concat(parts);
}

/** The same bytes as writeBundle, as a stream (write it to a temporary file, then rename). */
export async function writeBundleStream(
  tables: ProjectTables,
  info: BundleInfo,
  lock: BundleLock,
  onProgress?: (progress: BundleProgress) => void,
  options: WriteOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const encrypter = makeEncrypter(lock, options);
  const signer = options.signWith === undefined ? undefined : await signerOf(options.signWith);
  return encrypter.encrypt(zipStream(tables, info, onProgress, options.hasher, signer));
}

/** The identity to sign with and its public key, checked before anything is packed. */
async function signerOf(identity: string): Promise<{ identity: string; recipient: string }> {
  const trimmed = identity.trim();
  if (!isValidIdentity(trimmed))
    throw new BundleError("bad-key", "The key to sign the bundle with is not an age secret key (AGE-SECRET-KEY-1…).");
  return { identity: trimmed, recipient: await recipientOf(trimmed) };
}

function makeEncrypter(lock: BundleLock, options: WriteOptions): Encrypter {
  const encrypter = new Encrypter();
  if ("passphrase" in lock) {
    if ([...lock.passphrase].length < MIN_PASSPHRASE_LENGTH) {
      throw new BundleError("bad-key", `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`);
    }
    encrypter.setPassphrase(lock.passphrase);
    if (options.scryptWorkFactor !== undefined) encrypter.setScryptWorkFactor(options.scryptWorkFactor);
    return encrypter;
  }
  const recipients = [...new Set(lock.recipients.map((r) => r.trim()))];
  if (recipients.length === 0) throw new BundleError("bad-key", "Choose at least one team member to lock the bundle to.");
  for (const r of recipients) {
    if (!isValidRecipient(r))
      throw new BundleError("bad-key", `“${r.slice(0, 24)}…” is not a valid public key (it should start with age1).`);
    encrypter.addRecipient(r);
  }
  return encrypter;
}

/** The plain zip of a bundle, as a pull stream (also what bundle tests and the bench inspect). */
export function zipStream(
  tables: ProjectTables,
  info: BundleInfo,
  onProgress?: (progress: BundleProgress) => void,
  hasher: Sha256Factory = nobleSha256,
  signer?: { identity: string; recipient: string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const total = PROJECT_TABLE_NAMES.reduce((n, t) => n + tables[t].length, 0);
  const entries: Partial<Record<ProjectTableName, BundleTableEntry>> = {};
  let tableIndex = 0;
  let rowIndex = 0;
  let ended = false;
  let emitted = 0;
  let current: { table: ProjectTableName; file: ZipDeflate; hash: Sha256 } | null = null;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;

  const zip = new Zip((error, data, final) => {
    if (error) {
      controller?.error(error);
      return;
    }
    if (data.length > 0) {
      emitted++;
      controller?.enqueue(data);
    }
    if (final) controller?.close();
  });

  // One slice of records per step; the consumer (age) pulls, so memory stays flat.
  const step = async () => {
    const table = PROJECT_TABLE_NAMES[tableIndex];
    if (table === undefined) {
      const manifest = buildManifest(tables, info, entries as Record<ProjectTableName, BundleTableEntry>);
      const file = new ZipDeflate(MANIFEST_FILE, { level: DEFLATE_LEVEL });
      zip.add(file);
      const manifestBytes = encoder.encode(JSON.stringify(manifest, null, 2) + "\n");
      file.push(manifestBytes, true);
      if (signer) {
        // Over the manifest's exact bytes, which hold every table's SHA-256: the signature covers it all.
        const signature = new ZipDeflate(SIGNATURE_FILE, { level: DEFLATE_LEVEL });
        zip.add(signature);
        signature.push(signatureFileFor(manifestBytes, signer.identity, signer.recipient), true);
      }
      zip.end();
      ended = true;
      return;
    }
    if (!current) {
      const file = new ZipDeflate(tableFile(table), { level: DEFLATE_LEVEL });
      zip.add(file);
      current = { table, file, hash: hasher() };
      rowIndex = 0;
    }
    const rows: readonly unknown[] = tables[table];
    let text = "";
    while (rowIndex < rows.length && text.length < SLICE_CHARS) {
      text += lineOf(tables, table, rows[rowIndex]) + "\n";
      rowIndex++;
    }
    const bytes = encoder.encode(text);
    current.hash.update(bytes);
    const last = rowIndex >= rows.length;
    current.file.push(bytes, last);
    if (last) {
      entries[table] = { file: tableFile(table), count: rows.length, sha256: await hexDigest(current.hash) };
      current = null;
      tableIndex++;
    }
    onProgress?.({ phase: "packing", done: doneBefore(tables, tableIndex) + (last ? 0 : rowIndex), total });
  };

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    async pull() {
      // Deflate buffers internally, so a step may emit nothing: keep stepping until a chunk is queued.
      const before = emitted;
      while (!ended && emitted === before) await step();
    },
  });
}

function doneBefore(tables: ProjectTables, tableIndex: number): number {
  let n = 0;
  for (let i = 0; i < tableIndex && i < PROJECT_TABLE_NAMES.length; i++) n += tables[PROJECT_TABLE_NAMES[i] as ProjectTableName].length;
  return n;
}

function buildManifest(tables: ProjectTables, info: BundleInfo, entries: Record<ProjectTableName, BundleTableEntry>): BundleManifest {
  const ordered = {} as Record<ProjectTableName, BundleTableEntry>;
  for (const t of PROJECT_TABLE_NAMES) ordered[t] = entries[t];
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    projectId: info.projectId,
    projectName: info.projectName,
    exporter: { coderId: info.exporter.coderId, name: info.exporter.name },
    createdAt: info.createdAt ?? new Date().toISOString(),
    kind: info.kind,
    since: info.since,
    hlc: stampRange(tables),
    tables: ordered,
  };
}

/** A record's line; a record JSON cannot hold (longer than the longest string) is named in the error. */
function lineOf(tables: ProjectTables, table: ProjectTableName, row: unknown): string {
  try {
    return recordLine(row);
  } catch (error) {
    throw unwritableRecord(tables, table, row, error);
  }
}

/**
 * One record as JSON with its id first, so a reader can tell which transcript a content line holds
 * from its first bytes and skip one it already has (zipReader.ts readTableSkipping).
 */
function recordLine(row: unknown): string {
  const r = row as { id?: unknown };
  if (typeof r !== "object" || r === null) return JSON.stringify(row);
  for (const key in r) {
    if (key === "id") return JSON.stringify(row);
    break;
  }
  return JSON.stringify({ id: r.id, ...r });
}
