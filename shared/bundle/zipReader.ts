/**
 * Reads the plain zip of a bundle: the compressed zip is collected as it is decrypted (about a fifth of
 * the text's size). `finish()` reads and checks the manifest, then inflates each table it lists as a
 * stream, hashing, splitting into lines and parsing chunk by chunk (the decompressed text is never
 * held whole), compares every table's SHA-256 and record count, and migrates an older format.
 */
import { PROJECT_TABLE_NAMES, emptyProjectTables, type ProjectTableName, type ProjectTables } from "../model/tables";
import { BundleError, subject } from "./errors";
import { hexDigest, nobleSha256, type Sha256, type Sha256Factory } from "./hash";
import { MANIFEST_FILE } from "./layout";
import { migrate, readVersion, validateManifest } from "./migrate";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type OpenedBundle } from "./types";
import { inflateEntry, listZip, ZipStructureError, type ZipEntry } from "./zipEntries";

interface FileState {
  hash: Sha256;
  records: unknown[];
  broken: string | null;
}

export class BundleZipReader {
  private parts: Uint8Array[] = [];

  constructor(
    private readonly fileName: string | undefined,
    private readonly hasher: Sha256Factory = nobleSha256,
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
    for (const [table, entry] of Object.entries(entries as Record<string, unknown>)) {
      const e = entry as { file?: unknown; count?: unknown; sha256?: unknown } | null;
      if (!e || typeof e.file !== "string" || typeof e.count !== "number" || typeof e.sha256 !== "string") {
        throw new BundleError("bad-manifest", `${subject(name)} has a manifest entry for “${table}” without file, count and SHA-256.`, name);
      }
      const zipEntry = zipEntries.get(e.file);
      if (!zipEntry || zipEntry.name.endsWith("/")) throw new BundleError("tampered", `${subject(name)} is damaged: the table file ${e.file} is missing.`, name);
      const state: FileState = { hash: this.hasher(), records: [], broken: null };
      await readTable(zipEntry, state);
      if (state.broken) throw new BundleError("tampered", `${subject(name)} is damaged: ${e.file} ${state.broken}.`, name);
      const digest = await hexDigest(state.hash);
      if (digest !== e.sha256.toLowerCase()) {
        throw new BundleError("tampered", `${subject(name)} has been changed since it was made: ${e.file} does not match its SHA-256 in the manifest.`, name);
      }
      if (state.records.length !== e.count) {
        throw new BundleError("tampered", `${subject(name)} is damaged: ${e.file} holds ${state.records.length} records, the manifest says ${e.count}.`, name);
      }
      rawTables[table] = state.records;
    }

    const migrated = migrate({ manifest: manifestIn, tables: rawTables }, version);
    const manifest = validateManifest(migrated.manifest, name);
    const tables: ProjectTables = emptyProjectTables();
    for (const table of PROJECT_TABLE_NAMES) {
      const rows = migrated.tables[table] ?? [];
      checkRecords(table, rows, name);
      (tables[table] as unknown[]) = rows;
    }
    return { manifest, tables };
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
  try {
    await inflateEntry(entry, onData);
  } catch {
    state.broken = "cannot be unpacked";
    return;
  }
  if (state.broken) return;
  try {
    const rest = pending + decoder.decode();
    if (rest.length > 0) state.records.push(JSON.parse(rest));
  } catch {
    state.broken = "is not valid UTF-8 JSON lines";
  }
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
