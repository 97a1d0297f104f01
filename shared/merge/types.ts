/**
 * Public types of merging a bundle into a project (issue 5 item 4). Rules: docs/bundle-format.md "Merge".
 */
import type { ProjectTables, StampedTableName } from "../model/tables";
import type { CodeId } from "../ids";

/** Tables whose records carry RecordMeta (sourceContent travels with its source); defined with the table list. */
export type { StampedTableName };

export interface MergeOptions {
  /**
   * HLC stamp of my last exchange with the bundle's exporter: a record changed on both sides after it
   * is a conflict. Null or absent: every record that differs and was last changed by different coders is.
   */
  lastExchangeAt?: string | null;
  /**
   * Finer than lastExchangeAt, per side (each overrides it for its side): my last export to the exporter
   * reached `sentUpTo`, so they have seen my versions stamped up to it; their last bundle I merged reached
   * `receivedUpTo`. A conflict needs my version unseen by them AND theirs unseen by me. Null: not known.
   */
  sentUpTo?: string | null;
  receivedUpTo?: string | null;
}

export interface ChangeCounts {
  /** Records the project does not have yet. */
  new: number;
  /** Records the bundle updates (it has the later edit). */
  changed: number;
  /** Records the bundle deletes (its tombstone is the later edit). */
  deleted: number;
  /** Records already as in the bundle, or newer here. */
  unchanged: number;
  /** Concurrent edits listed in `conflicts` (also counted in changed/unchanged by their default). */
  conflicts: number;
}

/** Two live codes with the same name under the same parent, one from each side: the researcher decides. */
export interface CodeClash {
  /** The code from the bundle. */
  incomingId: CodeId;
  /** The code already in the project. */
  localId: CodeId;
  name: string;
  parentId: CodeId | null;
  /** Live codings of the incoming code (after merging). */
  incomingCodings: number;
  localCodings: number;
}

export type ClashResolution = "merge" | "keep-both";

/** A record both sides changed since the last exchange, to different values, by different coders. */
export interface MergeConflict {
  table: StampedTableName;
  id: string;
  local: Record<string, unknown>;
  incoming: Record<string, unknown>;
  /** Fields whose values differ (metadata excluded). */
  fields: string[];
  /** Last writer on the HLC: the default resolution. */
  winner: "local" | "incoming";
}

export interface MergePlan {
  /** Incoming source id → local source id, for sources matched by content hash. */
  sourceMap: Record<string, string>;
  /** Per table: the incoming records that win (already remapped), i.e. what to write with no other choice. */
  winners: ProjectTables;
  codeClashes: CodeClash[];
  conflicts: MergeConflict[];
  preview: {
    byTable: Record<StampedTableName, ChangeCounts>;
    /** Coder id (the record's updatedBy in the bundle) → per-table counts. */
    byCoder: Record<string, Record<StampedTableName, ChangeCounts>>;
  };
  /** Highest stamp in the bundle: the renderer folds it into its clock (clock.receive) before stamping. */
  maxIncomingStamp: string | null;
  /** True when merging would change nothing (e.g. the same bundle imported twice). */
  empty: boolean;
}

export interface MergeResolutions {
  /**
   * incomingId → resolution; a clash without one is kept as two codes. Either way the ids decide: "merge"
   * merges the code with the larger id into the other, "keep-both" renames the one with the larger id.
   */
  clashes?: Record<string, ClashResolution>;
  /** `${table}:${id}` → side to keep; default is the conflict's winner. */
  conflicts?: Record<string, "local" | "incoming">;
}

/** New edits made by the merge itself (clash resolutions, picking a conflict's losing side) need stamps. */
export interface ApplyContext {
  /** A fresh HLC stamp, later than everything in both sides (clock.receive(maxIncomingStamp) first). */
  stamp: () => string;
  /** The coder doing the merge. */
  coderId: string;
}

export interface MergeSummary {
  byTable: Record<StampedTableName, ChangeCounts>;
  codesMerged: number;
  codesRenamed: number;
  conflictsKeptLocal: number;
  conflictsTookIncoming: number;
  /** Live codings moved off merged-away codes by their redirects (settle.ts), this merge or earlier ones. */
  codingsRepointed: number;
  /** What settling had to repair (codes restored or recovered because live codings were on them): show these. */
  repairs: string[];
}

export interface AppliedMerge {
  /** Records to put (whole records, remapped and stamped), per table. Write them in ONE transaction. */
  puts: ProjectTables;
  summary: MergeSummary;
}
