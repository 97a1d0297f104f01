/**
 * Plain bundle zips built by hand, with correct hashes and counts for whatever they hold: the fuzz
 * corpus for record validation and limits is generated here, in code (no binary fixtures). An
 * authentic-but-forged bundle is exactly this, encrypted by anyone who has a member's public key.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { strToU8, zipSync, Zip, ZipDeflate } from "fflate";
import { expect } from "vitest";
import { BUNDLE_FORMAT_VERSION, BundleError } from "../../../../shared/bundle";
import { PROJECT_TABLE_NAMES, type ProjectTables } from "../../../../shared/model/tables";
import { INFO } from "../bundle/fixtures";

/** A table as records (one JSON line each) or as raw NDJSON text. */
export type TableText = readonly unknown[] | string;

export interface ForgeOptions {
  /** Replaces fields of the manifest (e.g. kind: "delta"). */
  manifest?: Record<string, unknown>;
  /** Tables left out of the manifest (their files are still written). */
  omit?: readonly string[];
  /** Declared counts instead of the true ones. */
  counts?: Partial<Record<string, number>>;
}

/** A value written as 100,000 nested arrays (JSON.stringify of the real thing would overflow the stack). */
export const DEEP = "\u0000deep\u0000";
const DEEP_JSON = JSON.stringify(DEEP);
const DEEP_TEXT = "[".repeat(100_000) + "]".repeat(100_000);

export function ndjson(rows: TableText): string {
  return typeof rows === "string" ? rows : rows.map((r) => `${JSON.stringify(r).replaceAll(DEEP_JSON, DEEP_TEXT)}\n`).join("");
}

/** The manifest of a plain bundle of INFO's project listing `tables` (kind "whole" unless told). */
export function manifestOf(tables: Record<string, unknown>, kind = "whole") {
  return {
    format: "margin-bundle",
    formatVersion: BUNDLE_FORMAT_VERSION,
    projectId: INFO.projectId,
    projectName: INFO.projectName,
    exporter: INFO.exporter,
    createdAt: INFO.createdAt,
    kind,
    since: null,
    hlc: { from: null, to: null },
    tables,
  };
}

/** Streamed pieces joined into one array of bytes. */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A bundle's plain zip holding `tables` (plus any extra table names), hashes and counts made to match. */
export function forgeZip(tables: ProjectTables | Record<string, TableText>, options: ForgeOptions = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const entries: Record<string, { file: string; count: number; sha256: string }> = {};
  const names = new Set<string>([...PROJECT_TABLE_NAMES, ...Object.keys(tables)]);
  for (const name of names) {
    const rows = (tables as Record<string, TableText | undefined>)[name] ?? [];
    const bytes = strToU8(ndjson(rows));
    const file = `tables/${name}.ndjson`;
    files[file] = bytes;
    if (options.omit?.includes(name)) continue;
    const count = typeof rows === "string" ? rows.split("\n").filter(Boolean).length : rows.length;
    // defineProperty: a table named "__proto__" must become an own key of the manifest, as in hostile JSON.
    Object.defineProperty(entries, name, {
      value: { file, count: options.counts?.[name] ?? count, sha256: bytesToHex(sha256(bytes)) },
      enumerable: true,
    });
  }
  const manifest = { ...manifestOf(entries), ...options.manifest };
  files["manifest.json"] = strToU8(JSON.stringify(manifest));
  return zipSync(files, { level: 1 });
}

/**
 * A zip of one big table streamed through deflate piece by piece (never held whole), hashed as it goes:
 * `lines(i)` gives line i; `count` lines in all; `others` fills other tables. For bombs and many tiny records.
 */
export function streamedTableZip(
  table: string,
  count: number,
  line: (i: number) => string,
  declared = count,
  others: Record<string, readonly unknown[]> = {},
): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  const file = `tables/${table}.ndjson`;
  const entry = new ZipDeflate(file, { level: 1 });
  zip.add(entry);
  const hash = sha256.create();
  let batch: string[] = [];
  const flush = (last: boolean) => {
    const bytes = strToU8(batch.join(""));
    hash.update(bytes);
    entry.push(bytes, last);
    batch = [];
  };
  for (let i = 0; i < count; i++) {
    batch.push(`${line(i)}\n`);
    if (batch.length >= 10_000) flush(false);
  }
  flush(true);
  const empty = bytesToHex(sha256(new Uint8Array(0)));
  const entries: Record<string, { file: string; count: number; sha256: string }> = {};
  for (const name of PROJECT_TABLE_NAMES) {
    if (name === table) continue;
    const other = new ZipDeflate(`tables/${name}.ndjson`, { level: 1 });
    zip.add(other);
    const rows = others[name] ?? [];
    const bytes = strToU8(ndjson(rows));
    other.push(bytes, true);
    entries[name] = { file: `tables/${name}.ndjson`, count: rows.length, sha256: rows.length === 0 ? empty : bytesToHex(sha256(bytes)) };
  }
  entries[table] = { file, count: declared, sha256: bytesToHex(hash.digest()) };
  const manifest = new ZipDeflate("manifest.json", { level: 1 });
  zip.add(manifest);
  manifest.push(strToU8(JSON.stringify(manifestOf(entries, "delta"))), true);
  zip.end();
  return joinParts(parts);
}

/** Awaits a read that must be refused with a BundleError of `code` (its message shown if the code differs). */
export async function refused(promise: Promise<unknown>, code: string): Promise<BundleError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the bundle was accepted").toBeInstanceOf(BundleError);
  expect((error as BundleError).code, (error as BundleError).message).toBe(code);
  return error as BundleError;
}
