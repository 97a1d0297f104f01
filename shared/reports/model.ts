/**
 * The report model: what every report (code report, coded transcript, codebook, memos, overview)
 * says, as plain data, independent of how it is shown. The app's preview and print path (React),
 * the DOCX, HTML and CSV writers and the CLI all render this one model, so a printed report and
 * its DOCX never disagree. Pure.
 *
 * Building is progressive: `streamReport` is an async generator of chunks (the header first, then
 * sections in reading order, with progress), so a 5,000-segment code report shows its first page
 * while the rest is still being assembled. `buildReport` collects the whole report.
 */
import type {
  AttributeRecord,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  MemoRecord,
  MemoTargetKind,
  SourceContentRecord,
  SourceRecord,
} from "../model/records";
import type { BlockKind } from "../import/types";
import type { MemoBlock } from "../memos/ast";
import type { DescriptionParts } from "../codebook/description";
import type { CaseId, CodeId, SourceId } from "../ids";
import type { SpeakerScope } from "../search/scope";

// ---------------------------------------------------------------------------------------------
// Input: where a report reads the project from.

/**
 * The project as a report reads it. The renderer implements it over IndexedDB
 * (renderer/reports/reportData.ts), the CLI over ProjectTables (`reportSourceFromTables`).
 * Lists may include tombstones: builders drop records with `deleted` set.
 */
export interface ReportSource {
  projectName(): Promise<string>;
  codes(): Promise<readonly CodeRecord[]>;
  coders(): Promise<readonly CoderRecord[]>;
  sources(): Promise<readonly SourceRecord[]>;
  cases(): Promise<readonly CaseRecord[]>;
  attributes(): Promise<readonly AttributeRecord[]>;
  memos(): Promise<readonly MemoRecord[]>;
  /** Every coding (codebook counts, overview). */
  codings(): Promise<readonly CodingRecord[]>;
  /** Codings of these codes only (the code report). */
  codingsForCodes(codeIds: readonly CodeId[]): Promise<readonly CodingRecord[]>;
  /** Codings of one source (the coded transcript). */
  codingsForSource(sourceId: SourceId): Promise<readonly CodingRecord[]>;
  /** A source's text and structure; undefined when it is missing. Loaded one source at a time. */
  sourceContent(sourceId: SourceId): Promise<SourceContentRecord | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Options: what the researcher chose in the preview (and the CLI flags).

export type ReportKind = "code" | "transcript" | "codebook" | "memos" | "overview";
export type ReportGroupBy = "code" | "case" | "source";
export type CoderLabel = "name" | "initials";
export type PageSize = "A4" | "Letter";

export const REPORT_KINDS: readonly ReportKind[] = ["code", "transcript", "codebook", "memos", "overview"];

export const REPORT_KIND_TITLES: Readonly<Record<ReportKind, string>> = {
  code: "Code report",
  transcript: "Coded transcript",
  codebook: "Codebook",
  memos: "Memos",
  overview: "Coding overview",
};

export interface ReportOptions {
  kind: ReportKind;
  /** Chosen codes (code report; codebook: the branches to show). Empty: every code. */
  codeIds: readonly CodeId[];
  /** Each chosen code stands for itself and every code below it. Default true. */
  includeSubcodes: boolean;
  /** Sources to include (coded transcript: the first is the transcript). Empty: every source. */
  sourceIds: readonly SourceId[];
  /** Only segments from sources linked to these cases. Empty: no case filter. */
  caseIds: readonly CaseId[];
  /** Memos report: chosen memos. Empty: every memo. */
  memoIds: readonly string[];
  /** Characters of surrounding context on each side of a segment; 0: no context. */
  contextChars: number;
  groupBy: ReportGroupBy;
  coderLabel: CoderLabel;
  pageSize: PageSize;
  includeCharts: boolean;
  /** Case attributes shown beside each segment (attribute ids, in this order). */
  attributeIds: readonly string[];
  /**
   * Code report: speaker turns kept (shared/retrieval/speakers.ts): "all", or each segment cut to leave
   * out the interviewer's and facilitator's turns ("withoutInterviewers") or to participants' turns.
   */
  speakers: SpeakerScope;
  /** The labels marked as interviewer or facilitator; absent: the labels isInterviewerLabel recognises. */
  interviewerLabels?: readonly string[];
}

export const DEFAULT_REPORT_OPTIONS: Readonly<ReportOptions> = {
  kind: "code",
  codeIds: [],
  includeSubcodes: true,
  sourceIds: [],
  caseIds: [],
  memoIds: [],
  contextChars: 0,
  groupBy: "code",
  coderLabel: "name",
  pageSize: "A4",
  includeCharts: true,
  attributeIds: [],
  speakers: "all",
};

/** Fills missing options with the defaults. */
export function reportOptions(partial: Partial<ReportOptions> & Pick<ReportOptions, "kind">): ReportOptions {
  return { ...DEFAULT_REPORT_OPTIONS, ...partial };
}

// ---------------------------------------------------------------------------------------------
// Output: the model.

export interface ReportHeader {
  kind: ReportKind;
  /** "Code report", or "Coded transcript: P01 interview". */
  title: string;
  /** One line saying what was chosen, e.g. "3 codes with sub-codes · 2 sources · grouped by case". */
  subtitle: string;
  projectName: string;
  /** ISO-8601; the caller may fix it for reproducible output. */
  generatedAt: string;
  options: ReportOptions;
  /** Contents list (level-1 and level-2 headings), known before the sections are built. */
  contents: ContentsEntry[];
  /** Sections the report will have (progress: chunk.done / total). */
  total: number;
  /** Names of the chosen case attributes (options.attributeIds), in order: CSV columns. */
  attributeNames: string[];
  /** Coded transcript: the legend of codes drawn as stripes. Empty otherwise. */
  legend: LegendEntry[];
  /** Coded transcript: lanes (stripe columns) needed in the margin. 0 otherwise. */
  laneCount: number;
}

export interface ContentsEntry {
  /** Anchor of the heading section it points to (`section.id`). */
  id: string;
  level: 1 | 2;
  text: string;
}

export interface LegendEntry {
  codeId: string;
  codePath: string;
  colour: string;
  /** Greyscale cue beside the label (0..PATTERN_COUNT-1): solid, dashed, dotted, double… */
  pattern: number;
}

export const PATTERN_COUNT = 6;

export interface CodeCounts {
  codings: number;
  sources: number;
  codingsWithSubcodes: number;
  sourcesWithSubcodes: number;
}

export interface ReportMemo {
  id: string;
  title: string;
  /** Markdown subset as stored. */
  body: string;
  /** Parsed body (shared/memos), for rendering headings, lists, bold, links. */
  blocks: MemoBlock[];
  author: string;
  /** YYYY-MM-DD of the last change. */
  date: string;
}

export interface CodeSummary {
  id: string;
  name: string;
  /** "Technology/Usability". */
  path: string;
  /** 0 for a top-level code. */
  depth: number;
  colour: string;
  isCategory: boolean;
  description: DescriptionParts;
  counts: CodeCounts;
  memos: ReportMemo[];
}

export interface LabelledValue {
  label: string;
  value: string;
}

export interface SegmentLocation {
  kind: "paragraph" | "turn" | "characters";
  /** 1-based paragraph (block) or speaker-turn number; 0 for "characters". */
  number: number;
  speaker: string | null;
  /** "paragraph 12", "speaker turn 7 (Interviewer)", "characters 120–180". */
  label: string;
}

export interface ReportSegment {
  codingId: string;
  codeId: string;
  codePath: string;
  sourceId: string;
  sourceName: string;
  /** Cases of the source (names). */
  cases: string[];
  /** Chosen attributes of those cases: "Site: North" (one entry per case × attribute with a value). */
  attributes: LabelledValue[];
  /** The same, one value per chosen attribute (header.attributeNames order); several cases joined with "; ". */
  attributeValues: string[];
  /** Coder's name or initials, as the options say. */
  coder: string;
  coderName: string;
  coderInitials: string;
  location: SegmentLocation;
  start: number;
  end: number;
  text: string;
  /** Surrounding text when contextChars > 0. */
  context: { before: string; after: string; clippedBefore: boolean; clippedAfter: boolean } | null;
  /** The coding's annotation ("" for none). */
  note: string;
  /** YYYY-MM-DD the coding was made. */
  date: string;
}

/** A heading that opens a group: a code (with its summary), a source, or a case. */
export interface HeadingSection {
  type: "heading";
  id: string;
  level: 1 | 2 | 3;
  text: string;
  /** What the heading stands for. */
  about: "code" | "source" | "case" | "other";
  /** Present when `about` is "code": definition, counts and code memos. */
  code: CodeSummary | null;
  /** Source kind, case attributes, "12 segments"… */
  details: LabelledValue[];
}

export interface SegmentSection {
  type: "segment";
  id: string;
  segment: ReportSegment;
}

export interface StripeMark {
  codeId: string;
  codeName: string;
  codePath: string;
  colour: string;
  pattern: number;
  lane: number;
  /** The stripe begins in this block: print its label here. */
  startsHere: boolean;
  endsHere: boolean;
  /**
   * The coded characters in this block, as offsets into the block's `text` (from < to, or both 0 for a
   * stripe beside an empty block): the printed page marks these words and draws the stripe beside
   * their lines only.
   */
  from: number;
  to: number;
  /** Annotation numbers of codings of this stripe that start in this block. */
  noteNumbers: number[];
}

/** Coded transcript: one block of the source with the stripes beside it. */
export interface TranscriptBlockSection {
  type: "block";
  id: string;
  /** 1-based paragraph number. */
  number: number;
  blockKind: BlockKind;
  /** Heading level or list depth. */
  level: number | null;
  start: number;
  end: number;
  text: string;
  /** Speaker label when a turn starts in this block. */
  speaker: string | null;
  stripes: StripeMark[];
}

export interface ReportNote {
  number: number;
  codingId: string;
  codePath: string;
  coder: string;
  /** Where the annotated passage is, and its first words. */
  location: string;
  excerpt: string;
  text: string;
}

/** Numbered annotations (end of a coded transcript). */
export interface NotesSection {
  type: "notes";
  id: string;
  title: string;
  notes: ReportNote[];
}

/** Codebook: one code with its definition parts and counts. */
export interface CodebookEntrySection {
  type: "codebookEntry";
  id: string;
  code: CodeSummary;
}

export interface MemoSection {
  type: "memo";
  id: string;
  memo: ReportMemo;
  targetKind: MemoTargetKind;
  /** "Project", "Code: Technology/Usability", "Source: P01 interview", "Coding in P01 interview (paragraph 4)". */
  target: string;
}

export interface TableRow {
  label: string;
  values: number[];
}

/** Overview tables; each may be drawn as a chart (bar: `chartColumn`; heatmap: all values). */
export interface TableSection {
  type: "table";
  id: string;
  title: string;
  caption: string;
  /** Header of the row-label column, e.g. "Code". */
  rowHeader: string;
  columns: string[];
  rows: TableRow[];
  chart: { kind: "bar"; column: number } | { kind: "heatmap" } | null;
}

/** Plain paragraph: empty-report explanations and similar. */
export interface TextSection {
  type: "text";
  id: string;
  text: string;
}

export type ReportSection =
  HeadingSection | SegmentSection | TranscriptBlockSection | NotesSection | CodebookEntrySection | MemoSection | TableSection | TextSection;

export interface ReportChunk {
  /** Only on the first chunk. */
  header: ReportHeader | null;
  sections: ReportSection[];
  /** Sections built so far (including these) and in all. */
  done: number;
  total: number;
}

export interface Report {
  header: ReportHeader;
  sections: ReportSection[];
}

export interface StreamOptions {
  /** Sections in the first chunk (a first page's worth). Default 30. */
  firstChunk?: number;
  /** Sections in each later chunk. Default 500. */
  chunkSize?: number;
  /** Fixes `generatedAt` (tests, reproducible CLI output). */
  now?: () => Date;
  /** Stops between chunks. */
  signal?: AbortSignal;
}

/** A request the report cannot satisfy (unknown code path, missing source): message names it. */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportError";
  }
}
