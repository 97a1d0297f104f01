/**
 * Live records: the ones not tombstoned. Records are never hard-deleted (a merge could bring them back),
 * so nearly every list shows only these; the type says a list was filtered, and `isLive` is the one filter.
 */

/** A record known not to be a tombstone. */
export type Live<T extends { deleted: boolean }> = T & { deleted: false };

/** True for a record that is not a tombstone; as a filter it narrows the list to Live<T>[]. */
export function isLive<T extends { deleted: boolean }>(record: T): record is Live<T> {
  return !record.deleted;
}

/** The record when it exists and is not a tombstone (a lookup by id that may find either). */
export function liveOrUndefined<T extends { deleted: boolean }>(record: T | undefined): Live<T> | undefined {
  return record && isLive(record) ? record : undefined;
}
