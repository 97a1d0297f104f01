/**
 * Reads the plain zip of a bundle: the compressed zip is collected as it is decrypted (about a fifth of
 * the text's size). `finish()` reads and checks the manifest, then inflates each table it lists as a
 * stream, hashing, splitting into lines and parsing chunk by chunk (the decompressed text is never
 * held whole), compares every table's SHA-256 and record count, and migrates an older format.
 */
import { PROJECT_TABLE_NAMES, emptyProjectTables, type ProjectTableName, type ProjectTables } from "../model/tables";
import { BundleError, subject } from "./errors";
import { checkSourceSizes } from "./sourceSizes";
import { hexDigest, nobleSha256, type Sha256, type Sha256Factory } from "./hash";
import { MANIFEST_FILE } from "./layout";
import { migrate, readVersion, validateManifest } from "./migrate";
import { readSignature } from "./signature";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type OpenedBundle, type SkipContent } from "./types";
import { inflateEntry, listZip, ZipStructureError, type ZipEntry } from "./zipEntries";

interface FileState {
  hash: Sha256;
  records: unknown[];
  /** Ids of content lines counted and hashed but not parsed (ReadOptions.skipContent). */
  leftOut: string[];
  broken: string | null;
}

interface TableJob {
  table: string;
  file: string;
  count: number;
  sha256: string;
  entry: ZipEntry;
  state: FileState;
}

export class BundleZipReader {
  private parts: Uint8Array[] = [];

  constructor(
    private readonly fileName: string | undefined,
    private readonly hasher: Sha256Factory = nobleSha256,
    private readonly skipContent?: SkipContent,
  ) {}

  push(chunk: Uint8Array): void {
    this.parts.push(chunk);
  }

  /** The zip's entries by name, from its central directory. */
  private list(): Map<string, ZipEntry> {
    const name = this.fileName;
    const zip = concat(this.parts);
    this.parts = [];
    try {
      return new Map(listZip(zip).map((e) => [e.name, e]));
    } catch (error) {
      if (!(error instanceof ZipStructureError)) throw error;
      if (error.missingEnd) {
        throw new BundleError("not-a-bundle", `${subject(name)} is not a Margin bundle: it is not a complete zip file (it may have been cut short).`, name);
      }
      throw new BundleError("tampered", `${subject(name)} is damaged: its contents cannot be unpacked.`, name);
    }
  }

  /** Each table's hash and record count against the manifest; the records go into `into`. */
  private async checkTables(jobs: readonly TableJob[], into: Record<string, unknown[]>): Promise<void> {
    const name = this.fileName;
    for (const { table, file, count: expected, sha256, state } of jobs) {
      if (state.broken) throw new BundleError("tampered", `${subject(name)} is damaged: ${file} ${state.broken}.`, name);
      const digest = await hexDigest(state.hash);
      if (digest !== sha256.toLowerCase()) {
        throw new BundleError("tampered", `${subject(name)} has been changed since it was made: ${file} does not match its SHA-256 in the manifest.`, name);
      }
      const count = state.records.length + state.leftOut.length;
      if (count !== expected) {
        throw new BundleError("tampered", `${subject(name)} is damaged: ${file} holds ${count} records, the manifest says ${expected}.`, name);
      }
      into[table] = state.records;
    }
  }

  /** The manifest first (a foreign zip is refused before anything is inflated), then each table it lists. */
  async finish(): Promise<OpenedBundle> {
    const name = this.fileName;
    const zipEntries = this.list();
    const manifestEntry = zipEntries.get(MANIFEST_FILE);
    if (!manifestEntry) throw new BundleError("not-a-bundle", `${subject(name)} is not a Margin bundle: it holds no ${MANIFEST_FILE}.`, name);
    const manifestChunks: Uint8Array[] = [];
    try {
      await inflateEntry(manifestEntry, (c) => manifestChunks.push(c));
    } catch {
      throw new BundleError("tampered", `${subject(name)} is damaged: its contents cannot be unpacked.`, name);
    }
    const manifestBytes = concat(manifestChunks);
    // Checked before any table is read: a bad signature is refused at once.
    const signature = await readSignature(zipEntries, manifestBytes, name);
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(manifestBytes));
    } catch {
      throw new BundleError("bad-manifest", `${subject(name)} has a manifest that is not valid JSON.`, name);
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new BundleError("bad-manifest", `${subject(name)} has a manifest that is not a JSON object.`, name);
    }
    const manifestIn = raw as Record<string, unknown>;
    if (manifestIn.format !== BUNDLE_FORMAT) {
      throw new BundleError("not-a-bundle", `${subject(name)} is not a Margin bundle (its manifest says format “${String(manifestIn.format)}”).`, name);
    }
    const version = readVersion(manifestIn);
    if (version === null) throw new BundleError("bad-manifest", `${subject(name)} has a manifest without a valid format version.`, name);
    if (version > BUNDLE_FORMAT_VERSION) {
      throw new BundleError(
        "newer-version",
        `${subject(name)} was made by a newer version of Margin (bundle format ${version}); this version reads format ${BUNDLE_FORMAT_VERSION} and older. Update Margin, then import it again.`,
        name,
      );
    }

    // Hashes and counts are checked against the manifest as written, before any migration.
    const entries = manifestIn.tables;
    if (typeof entries !== "object" || entries === null) throw new BundleError("bad-manifest", `${subject(name)} has a manifest without its list of tables.`, name);
    const rawTables: Record<string, unknown[]> = {};
    const skip = this.skipContent && this.skipContent.projectId === manifestIn.projectId && this.skipContent.sourceIds.size > 0 ? this.skipContent.sourceIds : null;
    const contentLeftOut: string[] = [];
    const jobs: TableJob[] = [];
    for (const [table, entry] of Object.entries(entries as Record<string, unknown>)) {
      const e = entry as { file?: unknown; count?: unknown; sha256?: unknown } | null;
      if (!e || typeof e.file !== "string" || typeof e.count !== "number" || typeof e.sha256 !== "string") {
        throw new BundleError("bad-manifest", `${subject(name)} has a manifest entry for “${table}” without file, count and SHA-256.`, name);
      }
      const zipEntry = zipEntries.get(e.file);
      if (!zipEntry || zipEntry.name.endsWith("/")) throw new BundleError("tampered", `${subject(name)} is damaged: the table file ${e.file} is missing.`, name);
      jobs.push({ table, file: e.file, count: e.count, sha256: e.sha256, entry: zipEntry, state: { hash: this.hasher(), records: [], leftOut: [], broken: null } });
    }
    // All tables at once: native inflate works off the main thread, so one table inflates while another
    // is parsed. Each table keeps its own order, hash and records. With transcripts to skip, their
    // table waits for the sources: when the project already has every source's text, nothing in it
    // could be used (content is only taken for sources new to the project), so it is not even inflated.
    const contentJob = skip ? jobs.find((j) => j.table === "sourceContent") : undefined;
    const first = jobs.filter((j) => j !== contentJob);
    await Promise.all(first.map((job) => readTable(job.entry, job.state)));
    await this.checkTables(first, rawTables);
    if (contentJob && skip) {
      const sources = rawTables.sources;
      const ids = sources?.map((r) => (r as { id?: unknown } | null)?.id);
      if (ids && ids.every((id) => typeof id === "string" && skip.has(id))) {
        contentLeftOut.push(...(ids as string[]));
        rawTables[contentJob.table] = [];
      } else {
        await readTableSkipping(contentJob.entry, contentJob.state, skip);
        await this.checkTables([contentJob], rawTables);
        contentLeftOut.push(...contentJob.state.leftOut);
      }
    }

    const migrated = migrate({ manifest: manifestIn, tables: rawTables }, version);
    const manifest = validateManifest(migrated.manifest, name);
    const tables: ProjectTables = emptyProjectTables();
    for (const table of PROJECT_TABLE_NAMES) {
      const rows = migrated.tables[table] ?? [];
      checkRecords(table, rows, name);
      (tables[table] as unknown[]) = rows;
    }
    checkSourceSizes(tables, name);
    return { manifest, tables, contentLeftOut, ...(signature ? { signature } : {}) };
  }
}

/** Inflates one table, hashing the bytes and parsing each complete line as soon as it has arrived. */
async function readTable(entry: ZipEntry, state: FileState): Promise<void> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  const onData = (data: Uint8Array) => {
    if (state.broken) return;
    state.hash.update(data);
    try {
      // Line ends are looked for in the new piece only: searching `pending + piece` would copy a long
      // record (a transcript, ~80 KB) again for every chunk it spans.
      const piece = decoder.decode(data, { stream: true });
      let nl = piece.indexOf("\n");
      if (nl < 0) {
        pending += piece;
        return;
      }
      const first = pending + piece.slice(0, nl);
      if (first.length > 0) state.records.push(JSON.parse(first));
      let from = nl + 1;
      for (nl = piece.indexOf("\n", from); nl >= 0; nl = piece.indexOf("\n", from)) {
        if (nl > from) state.records.push(JSON.parse(piece.slice(from, nl)));
        from = nl + 1;
      }
      pending = piece.slice(from);
    } catch {
      state.broken = "is not valid UTF-8 JSON lines";
    }
  };
  await inflateLines(entry, state, onData, () => {
    const rest = pending + decoder.decode();
    if (rest.length > 0) state.records.push(JSON.parse(rest));
  });
}

/** Inflates an entry through `onData`, then `lastLine` for what follows the last newline; failures mark the table broken. */
async function inflateLines(entry: ZipEntry, state: FileState, onData: (data: Uint8Array) => void, lastLine: () => void): Promise<void> {
  try {
    await inflateEntry(entry, onData);
  } catch {
    state.broken = "cannot be unpacked";
    return;
  }
  if (state.broken) return;
  try {
    lastLine();
  } catch {
    state.broken = "is not valid UTF-8 JSON lines";
  }
}

/**
 * Like readTable, for the content table when the caller already has some transcripts: lines are split
 * on the newline byte (never part of a multi-byte UTF-8 character, and escaped inside JSON strings), a
 * line starting `{"id":"<id>"` with a known id is only hashed and counted, the others are parsed. A
 * line in any other shape is parsed, so a bundle written differently still reads correctly.
 */
async function readTableSkipping(entry: ZipEntry, state: FileState, skip: ReadonlySet<string>): Promise<void> {
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
    if (!skipping && size > 0) state.records.push(JSON.parse(decoder.decode(concat(parts))));
    parts = [];
    size = 0;
    decided = false;
    skipping = false;
  };
  const onData = (data: Uint8Array) => {
    if (state.broken) return;
    state.hash.update(data);
    try {
      let from = 0;
      for (;;) {
        const nl = data.indexOf(0x0a, from);
        const end = nl < 0 ? data.length : nl;
        if (end > from && !skipping) parts.push(data.subarray(from, end));
        size += end - from;
        if (!decided && size >= ID_PREFIX_LIMIT) decide();
        if (nl < 0) return;
        endLine();
        from = nl + 1;
      }
    } catch {
      state.broken = "is not valid UTF-8 JSON lines";
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

/** Every record must at least be an object with an id; stamped tables also need their stamp. */
function checkRecords(table: ProjectTableName, rows: readonly unknown[], name: string | undefined): void {
  const stamped = table !== "sourceContent";
  for (const row of rows) {
    const r = row as Record<string, unknown> | null;
    const ok =
      typeof r === "object" && r !== null && typeof r.id === "string" && (!stamped || (typeof r.updatedAt === "string" && typeof r.updatedBy === "string" && typeof r.deleted === "boolean"));
    if (!ok) throw new BundleError("bad-manifest", `${subject(name)} has a record in ${table} without an id, stamp or tombstone flag.`, name);
  }
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
