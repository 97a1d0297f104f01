/**
 * Format versions. Each migration lifts a bundle one version, so a bundle of any older version reaches
 * the current one step by step. Version 0 is the pre-release draft (manifest `version` instead of
 * `formatVersion`, `exportedBy` instead of `exporter`, no kind/since/hlc, records without `deleted`):
 * nothing was ever shipped in it, but it keeps the migration path exercised by a test.
 * Version 2 added three researcher-written tables (savedSearches, speakers, casePassages): an older
 * bundle reads as one with those tables empty.
 */
import { PROJECT_TABLE_NAMES, type ProjectTableName } from "../model/tables";
import { BundleError, subject } from "./errors";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleManifest, type BundleTableEntry } from "./types";

export interface RawBundle {
  manifest: Record<string, unknown>;
  tables: Record<string, unknown[]>;
}

type Migration = (raw: RawBundle) => RawBundle;

/** The tables added by format version 2; a bundle of an older version has none of them. */
const ADDED_IN_V2: readonly ProjectTableName[] = ["savedSearches", "speakers", "casePassages"];

/** The tables a bundle of this format version lists in its manifest, in PROJECT_TABLE_NAMES order. */
export function tablesOfVersion(version: number): readonly ProjectTableName[] {
  return version >= 2 ? PROJECT_TABLE_NAMES : PROJECT_TABLE_NAMES.filter((t) => !ADDED_IN_V2.includes(t));
}

/** MIGRATIONS[v] lifts version v to v + 1. */
const MIGRATIONS: Record<number, Migration> = {
  0: (raw) => {
    const { version: _version, exportedBy, ...rest } = raw.manifest;
    const by = (exportedBy ?? {}) as { id?: unknown; name?: unknown };
    const tables: Record<string, unknown[]> = {};
    for (const [table, rows] of Object.entries(raw.tables)) {
      tables[table] = table === "sourceContent" ? rows : rows.map((r) => ({ deleted: false, ...(r as object) }));
    }
    return {
      manifest: {
        ...rest,
        formatVersion: 1,
        exporter: { coderId: String(by.id ?? ""), name: String(by.name ?? "") },
        kind: "whole",
        since: null,
        hlc: { from: null, to: null },
      },
      tables,
    };
  },
  1: (raw) => {
    const tables: Record<string, unknown[]> = { ...raw.tables };
    for (const table of ADDED_IN_V2) tables[table] = [];
    return { manifest: { ...raw.manifest, formatVersion: 2 }, tables };
  },
};

export function readVersion(manifest: Record<string, unknown>): number | null {
  const v = manifest.formatVersion ?? manifest.version;
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null;
}

export function migrate(raw: RawBundle, from: number): RawBundle {
  let current = raw;
  for (let v = from; v < BUNDLE_FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new BundleError("bad-manifest", `Bundle format ${v} is not one Margin knows how to read.`);
    current = step(current);
  }
  return current;
}

/** The manifest after migration, checked field by field. */
export function validateManifest(m: Record<string, unknown>, name: string | undefined): BundleManifest {
  const bad = (what: string) => new BundleError("bad-manifest", `${subject(name)} has a manifest with ${what}.`, name);
  const str = (v: unknown): v is string => typeof v === "string";
  const strOrNull = (v: unknown): v is string | null => v === null || typeof v === "string";
  if (m.format !== BUNDLE_FORMAT || m.formatVersion !== BUNDLE_FORMAT_VERSION) throw bad("an unexpected format");
  if (!str(m.projectId) || !str(m.projectName)) throw bad("no project id or name");
  const exporter = m.exporter as { coderId?: unknown; name?: unknown } | null;
  if (!exporter || !str(exporter.coderId) || !str(exporter.name)) throw bad("no exporting coder");
  if (!str(m.createdAt)) throw bad("no creation time");
  if (m.kind !== "whole" && m.kind !== "delta") throw bad("an unknown kind (whole or delta)");
  if (!strOrNull(m.since)) throw bad("an invalid “since” stamp");
  const hlc = m.hlc as { from?: unknown; to?: unknown } | null;
  if (!hlc || !strOrNull(hlc.from ?? null) || !strOrNull(hlc.to ?? null)) throw bad("an invalid clock range");
  const tablesIn = (m.tables ?? {}) as Record<string, BundleTableEntry>;
  const tables = {} as Record<ProjectTableName, BundleTableEntry>;
  for (const t of PROJECT_TABLE_NAMES) {
    tables[t] = tablesIn[t] ?? { file: "", count: 0, sha256: "" };
  }
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    projectId: m.projectId,
    projectName: m.projectName,
    exporter: { coderId: exporter.coderId, name: exporter.name },
    createdAt: m.createdAt,
    kind: m.kind,
    since: m.since,
    hlc: { from: (hlc.from as string | null | undefined) ?? null, to: (hlc.to as string | null | undefined) ?? null },
    tables,
  };
}
