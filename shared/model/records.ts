/**
 * The project's records, one interface per table (see docs/architecture.md "Data model").
 * Every record carries the same metadata so merge, undo and the audit trail treat them alike.
 */

import type {
  AttributeId,
  CaseId,
  CasePassageId,
  CodeId,
  CoderId,
  CodingId,
  MemoId,
  ProjectId,
  SavedSearchId,
  SourceId,
  SpeakerId,
} from "../ids";
import type { SearchScope } from "../search/scope";
import type { Block, Mark, Timestamp, Turn } from "../import/types";
import type { StampedTableName } from "./tables";

/** `I` is the record's branded id (shared/ids.ts); code over records of any table uses plain RecordMeta. */
export interface RecordMeta<I extends string = string> {
  /** UUIDv7. */
  id: I;
  /** ISO-8601 time the record was first made, for display. */
  createdAt: string;
  /** Hybrid logical clock stamp of the last change: the merge order. */
  updatedAt: string;
  /** Coder id of the last change. */
  updatedBy: CoderId;
  /** Tombstone: records are never hard-deleted while a merge could bring them back. */
  deleted: boolean;
}

export const SOURCE_KINDS = ["interview", "group interview", "observation", "document", "other"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** List-sized row: everything the sources list shows, nothing heavy. */
export interface SourceRecord extends RecordMeta<SourceId> {
  name: string;
  kind: SourceKind;
  /** Original file name and format at import. */
  fileName: string;
  format: "docx" | "txt";
  importedAt: string;
  charCount: number;
  wordCount: number;
  /** SHA-256 of the plain text: duplicate detection, and merge identity across coders. */
  contentHash: string;
  caseIds: CaseId[];
  /** Source memo (short note beside the text). */
  memo: string;
}

/** The heavy part of a source, loaded one source at a time. `id` equals the source id. */
export interface SourceContentRecord {
  id: SourceId;
  text: string;
  blocks: Block[];
  marks: Mark[];
  turns: Turn[];
  timestamps: Timestamp[];
  warnings: string[];
}

export interface CodeRecord extends RecordMeta<CodeId> {
  parentId: CodeId | null;
  name: string;
  description: string;
  colour: string;
  order: number;
  isCategory: boolean;
  /**
   * Set (with `deleted`) when this code was merged into another: a redirect every replica follows, so
   * codings that reach it later land on that code (shared/merge/settle.ts). A version carrying it wins
   * over one without, whatever their stamps: a merge is not undone by a concurrent edit elsewhere.
   */
  mergedInto?: CodeId;
}

export interface CodingRecord extends RecordMeta<CodingId> {
  sourceId: SourceId;
  codeId: CodeId;
  /** UTF-16 offsets into the source's plain text. */
  start: number;
  end: number;
  coderId: CoderId;
  note: string;
  /**
   * Only on a version settling wrote (its stamp ends with the settled mark): the code the coder applied,
   * whose redirect moved the coding to `codeId`. Ignored on any other version (shared/merge/settle.ts).
   */
  codedAs?: CodeId;
}

export type MemoTargetKind = "project" | "source" | "code" | "coding" | "case";

export interface MemoRecord extends RecordMeta<MemoId> {
  targetKind: MemoTargetKind;
  targetId: string;
  title: string;
  body: string;
  authorId: CoderId;
}

export type AttributeValue = string | number | null;

export interface CaseRecord extends RecordMeta<CaseId> {
  name: string;
  description: string;
  /** Attribute id -> value. */
  values: Record<string, AttributeValue>;
}

export type AttributeType = "text" | "number" | "date" | "category";

export interface AttributeRecord extends RecordMeta<AttributeId> {
  name: string;
  type: AttributeType;
  /** Allowed values when type is "category". */
  options: string[];
  order: number;
}

export interface CoderRecord extends RecordMeta<CoderId> {
  name: string;
  initials: string;
  colour: string;
  publicKey: string | null;
}

/** A search kept by name to run again (the Search view); `scope` is stored as plain JSON. */
export interface SavedSearchRecord extends RecordMeta<SavedSearchId> {
  name: string;
  query: string;
  regex: boolean;
  matchCase: boolean;
  wholeWords: boolean;
  scope: SearchScope;
  /** Also search memos and coding annotations. */
  notes: { memos: boolean; annotations: boolean };
}

export const SPEAKER_ROLES = ["interviewer", "facilitator", "participant"] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

/**
 * What the researcher said about one speaker label of the transcripts' turns. At most one live record
 * per label is intended; if two replicas each made one for the same label, readers take the live one
 * with the newest `updatedAt` (shared/search/speakers.ts `speakerRecordsByLabel`).
 */
export interface SpeakerRecord extends RecordMeta<SpeakerId> {
  /** The label exactly as detected in turns, e.g. "P07 (ward manager)". */
  label: string;
  /** The speaker it belongs to: merged variants share one name (default: the label). */
  name: string;
  role: SpeakerRole | null;
}

/** A passage of a source coded to a case (passage-level cases). Offsets as a coding's. */
export interface CasePassageRecord extends RecordMeta<CasePassageId> {
  caseId: CaseId;
  sourceId: SourceId;
  start: number;
  end: number;
  coderId: CoderId;
}

export interface ProjectMetaRecord {
  key: "project";
  projectId: ProjectId;
  name: string;
  createdAt: string;
}

/**
 * Rows of the project's meta table besides "project": per team member (public key), how far our
 * exchanges with them reached, so "only changes since my last exchange" knows where to start.
 */
export interface ExchangeMetaRecord {
  key: `exchange:${string}`;
  /** Journal stamp up to which everything here was sent to them. */
  sentUpTo: string | null;
  /** Highest record stamp in the last bundle received from them. */
  receivedUpTo: string | null;
}

/** Tables whose records carry RecordMeta and are journaled. */
export type JournaledTable = StampedTableName;

export type JournalOp = "create" | "update" | "delete" | "restore";

/** One entry per record change: the audit trail, undo, and delta bundles. */
export interface JournalEntry {
  seq?: number;
  /** HLC stamp of the change (equals the record's new updatedAt). */
  at: string;
  coderId: CoderId;
  table: JournaledTable;
  recordId: string;
  op: JournalOp;
  /** A short human description, e.g. "Renamed source". Changes made together share a batch id. */
  label: string;
  batchId: string;
  before: unknown;
  after: unknown;
}
