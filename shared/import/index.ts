/**
 * DOCX/TXT import: pure conversion from file bytes to Margin's plain text with block structure,
 * marks, speaker turns and timestamps. Runs unchanged in Node, Web Workers and the CLI.
 * Decisions and rules: docs/import.md.
 */
export { convertDocx, convertFile, convertText } from "./convert";
export { ImportError, MAX_FILE_BYTES } from "./errors";
export { NOTES_HEADING } from "./html-scan";
export type {
  Block,
  BlockKind,
  ConvertedSource,
  ImportErrorData,
  ImportErrorReason,
  Mark,
  MarkKind,
  SourceFormat,
  Timestamp,
  Turn,
} from "./types";
