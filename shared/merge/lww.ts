/**
 * Last-writer-wins per record: the order every replica agrees on, and the plain join built on it.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { RecordMeta } from "../model/records";
import { setRows, type ProjectTableName, type ProjectTables, type RecordOf } from "../model/tables";

export { STAMPED_TABLES } from "../model/tables";

/** JSON with object keys sorted, so equal records give equal text whatever order their fields were set in. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(",")}}`;
}

function recordHash(r: RecordMeta): string {
  return bytesToHex(sha256(new TextEncoder().encode(stableStringify(r))));
}

/**
 * Orders two versions of one record: positive when `a` wins, 0 only when they are identical.
 * A code's redirect (mergedInto) first; then updatedAt (HLC); then updatedBy; then a hash of the whole record, so even two different
 * versions with the same stamp and coder (which a correct clock never makes) resolve the same way
 * on every replica.
 */
export function compareVersions(a: RecordMeta, b: RecordMeta): number {
  // A merged-away code's redirect wins over any version without one: merging is a decision every
  // replica keeps, not an edit a concurrent rename elsewhere could undo (settle.ts relies on it).
  const ra = (a as { mergedInto?: unknown }).mergedInto !== undefined;
  const rb = (b as { mergedInto?: unknown }).mergedInto !== undefined;
  if (ra !== rb) return ra ? 1 : -1;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? 1 : -1;
  if (a.updatedBy !== b.updatedBy) return a.updatedBy > b.updatedBy ? 1 : -1;
  // The usual case by far: the same version on both sides. Checked field by field, cheaply.
  if (a === b || shallowEqual(a, b)) return 0;
  const sa = stableStringify(a);
  const sb = stableStringify(b);
  if (sa === sb) return 0;
  const ha = recordHash(a);
  const hb = recordHash(b);
  return ha === hb ? (sa > sb ? 1 : -1) : ha > hb ? 1 : -1;
}

function shallowEqual(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const k of keys) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
    if (stableStringify(x) !== stableStringify(y)) return false;
  }
  return true;
}

/** Fields that describe the change rather than the content. */
const META_FIELDS = new Set(["updatedAt", "updatedBy", "createdAt"]);

/** Content fields whose values differ between two versions of a record (metadata left out). */
export function differingFields(a: object, b: object): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  const out: string[] = [];
  for (const k of keys) {
    if (META_FIELDS.has(k)) continue;
    if (stableStringify(ra[k]) !== stableStringify(rb[k])) out.push(k);
  }
  return out.sort();
}

/** `base` with `puts` written over it (by id), in a stable order: base's order, then new ids. */
export function overlay(base: ProjectTables, puts: ProjectTables): ProjectTables {
  const out = {} as ProjectTables;
  for (const table of Object.keys(base) as (keyof ProjectTables)[]) setRows(out, table, overlayTable(base, puts, table));
  return out;
}

function overlayTable<K extends ProjectTableName>(base: ProjectTables, puts: ProjectTables, table: K): RecordOf<K>[] {
  const byId = new Map<string, RecordOf<K>>();
  for (const r of base[table]) byId.set(r.id, r);
  for (const r of puts[table]) byId.set(r.id, r);
  return [...byId.values()];
}
