/**
 * Result of importing one DOCX or TXT file. Plain JSON data: it crosses the worker boundary and is
 * stored in IndexedDB. All offsets are UTF-16 code units into `text`, half-open [start, end).
 */

export type SourceFormat = "docx" | "txt";

export type BlockKind = "heading" | "paragraph" | "listItem" | "tableCell";

export interface Block {
  kind: BlockKind;
  start: number;
  end: number;
  /** heading: 1-6. listItem: nesting depth, 0 = outermost list. */
  level?: number;
  /** listItem: true for a numbered list, false for a bulleted one. */
  ordered?: boolean;
  /**
   * Set on every block that sits inside a table cell (whatever its kind). `table` counts tables
   * from 0 in document order (nested tables get their own number); `row` and `column` are 0-based
   * grid positions within that table, so a cell after a merged (colspan/rowspan) cell keeps the
   * column Word shows it in.
   */
  table?: number;
  row?: number;
  column?: number;
}

export type MarkKind = "bold" | "italic";

export interface Mark {
  kind: MarkKind;
  start: number;
  end: number;
}

export interface Turn {
  /** Start of the block where the turn begins (its timestamp or label). */
  start: number;
  /** End of the turn's last block: the turn runs until the next turn or heading. */
  end: number;
  /** The label as written, e.g. "Interviewer", "P07", "Sara Mannheimer". */
  speaker: string;
  /**
   * End of the label part: [start, labelEnd) holds the timestamp and label with its colon
   * ("[00:12:31] Interviewer:"); for the Otter.ai layout it is the end of the "Name  00:00" line.
   */
  labelEnd: number;
}

export interface Timestamp {
  start: number;
  end: number;
}

export interface ConvertedSource {
  fileName: string;
  format: SourceFormat;
  /** Plain text; blocks separated by exactly one "\n"; never contains "\r". Immutable after import. */
  text: string;
  /** Every block, in document order; block i's end + 1 === block i+1's start. */
  blocks: Block[];
  /** Bold and italic ranges, sorted by start; each lies within one block. */
  marks: Mark[];
  turns: Turn[];
  timestamps: Timestamp[];
  wordCount: number;
  /** text.length: UTF-16 code units, the unit of every offset. */
  charCount: number;
  /** Hex SHA-256 of `text` encoded as UTF-8. */
  contentHash: string;
  /** Researcher-readable notes about what was left out or changed. */
  warnings: string[];
}

export type ImportErrorReason =
  /** A "~$" owner/lock file that Word leaves beside an open document. */
  | "lockFile"
  /** A zip archive without a Word document body (word/document.xml), or an empty zip. */
  | "notWordDocument"
  /** A password-protected (encrypted) Word document. */
  | "encrypted"
  /** An old binary Word 97-2003 .doc, or another legacy Office file. */
  | "legacyFormat"
  /** The document converted but has no text to code. */
  | "empty"
  /** Over the size limit. */
  | "tooLarge"
  /** A file type Margin does not import (.pdf, .rtf, .odt, .xlsx, images...). */
  | "unsupportedType"
  /** A .txt file that is not readable text (binary, or broken UTF-16). */
  | "notText"
  /** The file is damaged, or the converter failed on it. */
  | "corrupt";

/** Plain-data form of an ImportError, for postMessage and logs. */
export interface ImportErrorData {
  name: "ImportError";
  message: string;
  fileName: string;
  reason: ImportErrorReason;
}
