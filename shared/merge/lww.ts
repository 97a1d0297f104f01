import type { RecordMeta } from "../model/records";
import type { ProjectTables } from "../model/tables";
import type { StampedTableName } from "./types";

export const STAMPED_TABLES: readonly StampedTableName[] = ["sources", "codes", "codings", "memos", "cases", "attributes", "coders"];

/** Orders two versions of one record: positive when `a` wins. updatedAt, then updatedBy, then a stable hash. */
export function compareVersions(a: RecordMeta, b: RecordMeta): number {
  void a; void b;
  throw new Error("not implemented");
}

/** Last-writer-wins join of two replicas (sources matched by content hash). Commutative, associative, idempotent. */
export function joinTables(a: ProjectTables, b: ProjectTables): ProjectTables {
  void a; void b;
  throw new Error("not implemented");
}
