/**
 * REFI-QDA (QDA-XML 1.0) as parsed data: the intermediate that import reads into and export writes
 * from. It mirrors the XML elements Margin uses, with positions still in the file's own units
 * (see docs/refi-qda.md "Positions"), so the reader and writer stay thin and the Margin mapping lives
 * in one place on each side.
 */

import type { ProjectTables, StampedTableName } from "../model/tables";

/** The `origin` attribute of <Project>, e.g. "NVivo for Windows 12.6", "ATLAS.ti 8.4", "qc 1.3.2". */
export type RefiOrigin = string;

export interface RefiUser {
  guid: string;
  name: string;
  /** Some tools (NVivo for Mac 15) add a non-standard id attribute. */
  id?: string;
}

export interface RefiCode {
  guid: string;
  name: string;
  /** "#RRGGBB" when the file has one. */
  color?: string;
  description?: string;
  isCodable: boolean;
  children: RefiCode[];
  /** Notes attached to the code (<NoteRef>); absent when none. */
  noteRefs?: string[];
}

export interface RefiCoding {
  guid: string;
  codeGuid: string;
  creatingUser?: string;
  creationDateTime?: string;
}

export interface RefiPlainTextSelection {
  guid: string;
  /** NVivo stores the selected text here; other tools a label. */
  name?: string;
  description?: string;
  /** In the file's units (REFI: Unicode code points over the text as stored). */
  startPosition: number;
  endPosition: number;
  creatingUser?: string;
  creationDateTime?: string;
  codings: RefiCoding[];
  noteRefs: string[];
}

export type RefiSourceKind = "text" | "pdf" | "picture" | "audio" | "video";

/** A selection Margin cannot hold (PDF region, picture rectangle, audio/video span, ...). */
export interface RefiOtherSelection {
  guid: string;
  element: string;
  name?: string;
  codings: RefiCoding[];
}

export interface RefiSource {
  guid: string;
  name: string;
  kind: RefiSourceKind;
  description?: string;
  /** Path as written in the file (internal://, relative://, absolute://, or a bare name). */
  plainTextPath?: string;
  richTextPath?: string;
  /** Media path for non-text sources (path attribute). */
  path?: string;
  /** Inline <PlainTextContent>. */
  plainTextContent?: string;
  creatingUser?: string;
  creationDateTime?: string;
  selections: RefiPlainTextSelection[];
  otherSelections: RefiOtherSelection[];
  /** Codings directly on the source (whole-source coding). */
  codings: RefiCoding[];
  noteRefs: string[];
  variableValues: RefiVariableValue[];
}

export interface RefiNote {
  guid: string;
  name?: string;
  description?: string;
  /** Inline <PlainTextContent> or the content read from plainTextPath. */
  text: string;
  plainTextPath?: string;
  creatingUser?: string;
  creationDateTime?: string;
  modifiedDateTime?: string;
}

export type RefiVariableType = "Text" | "Boolean" | "Integer" | "Float" | "Date" | "DateTime";

export interface RefiVariable {
  guid: string;
  name: string;
  typeOfVariable: RefiVariableType;
  description?: string;
}

export interface RefiVariableValue {
  variableGuid: string;
  /** The value as text, as written in the file (TextValue, BooleanValue, ...). */
  value: string | null;
}

export interface RefiCase {
  guid: string;
  name: string;
  description?: string;
  codeRefs: string[];
  variableValues: RefiVariableValue[];
  memberSources: string[];
}

export interface RefiSet {
  guid: string;
  name: string;
  description?: string;
  memberCodes: string[];
  memberSources: string[];
  memberNotes: string[];
}

export interface RefiProject {
  name: string;
  origin?: RefiOrigin;
  creatingUserGuid?: string;
  creationDateTime?: string;
  modifiedDateTime?: string;
  basePath?: string;
  description?: string;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sources: RefiSource[];
  notes: RefiNote[];
  /** Project-level notes: <Project><NoteRef> (export) — notes not referenced anywhere are also project memos. */
  projectNoteRefs: string[];
  sets: RefiSet[];
  /** <Link> ends; Margin reads a link from a note to a case as a case memo (its export writes them so). */
  links?: { originGuid?: string; targetGuid?: string }[];
  /** Counts of elements Margin does not hold (e.g. "Graph": 1, "Link": 3). */
  unsupported: Record<string, number>;
}

/**
 * Margin's tables REFI-QDA has a place for. Saved searches, speaker roles and case passages have none
 * (docs/refi-qda.md): an export leaves them out and an import has none to give.
 */
export type RefiTableName = Exclude<StampedTableName, "savedSearches" | "speakers" | "casePassages">;

/** Kinds counted in an import report. */
export type RefiCountKind = RefiTableName | "sets";

export interface RefiSkipped {
  kind: string;
  name: string;
  reason: string;
}

export interface RefiImportReport {
  fileName: string;
  origin: string;
  /** How positions were read, e.g. "code points, CRLF as 2" (docs/refi-qda.md). */
  positionConvention: string;
  imported: Record<RefiCountKind, number>;
  skipped: RefiSkipped[];
  /** Things that imported but may not be exactly as in the other tool. */
  problems: string[];
}

export interface RefiImportResult {
  projectName: string;
  /** REFI guid (lower case) -> Margin id, for every record made from an element with a guid. */
  idMap: Record<string, string>;
  tables: ProjectTables;
  report: RefiImportReport;
}
