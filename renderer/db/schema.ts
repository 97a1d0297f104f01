/**
 * ⚠ SCHEMA FILE. The IndexedDB stores and indexes of a Margin project.
 * Changing a store, an index or the shape of a stored field needs a NEW numbered version below with an
 * upgrade function, and an upgrade test in tests/unit/renderer/db/ (one test per migration). Never edit a
 * released version in place, never rename a store or field without a migration: researchers' projects
 * live in these databases.
 */

/** Version 1: every table of the data model (docs/architecture.md). */
export const PROJECT_SCHEMA_V1 = {
  meta: "&key",
  sources: "&id, name, kind, contentHash, updatedAt, importedAt, *caseIds",
  sourceContent: "&id",
  codes: "&id, parentId, name, updatedAt",
  codings: "&id, [sourceId+codeId], sourceId, codeId, coderId, updatedAt",
  memos: "&id, [targetKind+targetId], authorId, updatedAt",
  cases: "&id, name, updatedAt",
  attributes: "&id, name, updatedAt",
  coders: "&id, name",
  journal: "++seq, at, recordId, coderId, table, batchId",
} as const;

/**
 * Version 2 (issue 16): three researcher-written tables. New stores only, so the upgrade has nothing to
 * rewrite: every v1 record stays as it is and the new stores start empty.
 *  - savedSearches: searches kept by name;
 *  - speakers: a role and a speaker name per speaker label of the transcripts' turns;
 *  - casePassages: passages of sources coded to a case (passage-level cases).
 */
export const PROJECT_SCHEMA_V2 = {
  ...PROJECT_SCHEMA_V1,
  savedSearches: "&id, name, updatedAt",
  speakers: "&id, label, name, updatedAt",
  casePassages: "&id, caseId, sourceId, [caseId+sourceId], coderId, updatedAt",
} as const;

export const PROJECT_SCHEMA_VERSION = 2;

/** The registry: which projects exist on this machine, and this machine's coder profile. */
export const REGISTRY_SCHEMA_V1 = {
  projects: "&id, name, lastOpenedAt",
  settings: "&key",
} as const;

export const REGISTRY_DB_NAME = "margin-registry";

export function projectDbName(projectId: string): string {
  return `margin-project-${projectId}`;
}
