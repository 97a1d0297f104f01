/**
 * Reads the plain zip of a bundle as it streams in: every table file is hashed, split into lines and
 * parsed while it is inflated, so the decompressed text is never held whole. `finish()` then checks
 * the manifest, migrates an older format and compares every table's SHA-256 and record count.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from "fflate";
import { PROJECT_TABLE_NAMES, emptyProjectTables, type ProjectTableName, type ProjectTables } from "../model/tables";
import { BundleError, subject } from "./errors";
import { MANIFEST_FILE } from "./layout";
import { migrate, readVersion, validateManifest } from "./migrate";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type OpenedBundle } from "./types";

interface FileState {
  hash: ReturnType<typeof sha256.create>;
  decoder: TextDecoder;
  pending: string;
  records: unknown[];
  complete: boolean;
  broken: string | null;
}

export class BundleZipReader {
  private readonly unzip: Unzip;
  private readonly files = new Map<string, FileState>();
  private manifestParts: Uint8Array[] = [];
  private manifestSeen = false;
  private failure: unknown = null;

  /** `tamperCode`: what a damaged inside means: "tampered" (decrypted bundle) or "not-a-bundle" (foreign zip). */
  constructor(private readonly fileName: string | undefined) {
    this.unzip = new Unzip((file) => this.onFile(file));
    this.unzip.register(UnzipInflate);
    this.unzip.register(UnzipPassThrough);
  }

  push(chunk: Uint8Array, final = false): void {
    if (this.failure) return;
    try {
      this.unzip.push(chunk, final);
    } catch (error) {
      this.failure = error;
    }
  }

  finish(): OpenedBundle {
    this.push(new Uint8Array(0), true);
    const name = this.fileName;
    const tableFiles = [...this.files.keys()];
    if (!this.manifestSeen) {
      throw new BundleError(
        "not-a-bundle",
        `${subject(name)} is not a Margin bundle: it holds no ${MANIFEST_FILE}${this.failure || tableFiles.length === 0 ? "" : " (it may be incomplete)"}.`,
        name,
      );
    }
    if (this.failure) {
      throw new BundleError("tampered", `${subject(name)} is damaged: its contents cannot be unpacked.`, name);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(concat(this.manifestParts)));
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
      const state = this.files.get(e.file);
      if (!state) throw new BundleError("tampered", `${subject(name)} is damaged: the table file ${e.file} is missing.`, name);
      if (!state.complete || state.broken) {
        throw new BundleError("tampered", `${subject(name)} is damaged: ${e.file} ${state.broken ?? "is incomplete"}.`, name);
      }
      const digest = bytesToHex(state.hash.digest());
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

  private onFile(file: UnzipFile): void {
    if (file.name === MANIFEST_FILE) {
      this.manifestSeen = true;
      file.ondata = (error, data) => {
        if (error) this.failure = error;
        else this.manifestParts.push(data);
      };
      file.start();
      return;
    }
    if (file.name.endsWith("/")) return;
    const state: FileState = {
      hash: sha256.create(),
      decoder: new TextDecoder("utf-8", { fatal: true }),
      pending: "",
      records: [],
      complete: false,
      broken: null,
    };
    this.files.set(file.name, state);
    file.ondata = (error, data, final) => {
      if (error) {
        state.broken = "cannot be unpacked";
        return;
      }
      if (state.broken) return;
      state.hash.update(data);
      try {
        const text = state.pending + state.decoder.decode(data, { stream: !final });
        const lines = text.split("\n");
        state.pending = final ? "" : (lines.pop() ?? "");
        for (const line of lines) if (line.length > 0) state.records.push(JSON.parse(line));
      } catch {
        state.broken = "is not valid UTF-8 JSON lines";
      }
      if (final) state.complete = true;
    };
    file.start();
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
