import type { ImportErrorData, ImportErrorReason } from "./types";

/** The only error the converters throw. Its message is shown to researchers as is. */
export class ImportError extends Error {
  override readonly name = "ImportError";
  readonly fileName: string;
  readonly reason: ImportErrorReason;

  constructor(fileName: string, reason: ImportErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.fileName = fileName;
    this.reason = reason;
  }

  /** Structured clone drops custom Error fields, so workers post this instead. */
  toJSON(): ImportErrorData {
    return { name: "ImportError", message: this.message, fileName: this.fileName, reason: this.reason };
  }

  static fromJSON(data: ImportErrorData): ImportError {
    return new ImportError(data.fileName, data.reason, data.message);
  }
}

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const q = (fileName: string): string => `“${fileName}”`;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `unpackedLimit` when the file is small but its document part unpacks to `size` bytes. */
export function tooLarge(fileName: string, size: number, unpackedLimit?: number): ImportError {
  const what =
    unpackedLimit === undefined
      ? `(${megabytes(size)}; the limit is ${megabytes(MAX_FILE_BYTES)})`
      : `(its text unpacks to ${megabytes(size)}; the limit is ${megabytes(unpackedLimit)})`;
  return new ImportError(
    fileName,
    "tooLarge",
    `${q(fileName)} is too large to import ${what}. Split it into smaller documents and import those.`,
  );
}

/** 4000000 → "4,000,000" (toLocaleString depends on the runtime's ICU). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

const SPLIT = "Split it into smaller documents and import those.";

/** A part of a DOCX unpacks past a limit: a real document this size is rare, a zip bomb is not. */
export function unpacksTooLarge(fileName: string, part: string, limit: number, scope: "part" | "total"): ImportError {
  const what =
    scope === "part"
      ? `its part ${part} unpacks to more than ${megabytes(limit)}`
      : `its parts unpack to more than ${megabytes(limit)} in all`;
  return new ImportError(fileName, "tooLarge", `${q(fileName)} is too large to import: ${what} (the limit). ${SPLIT}`);
}

export function tooManyElements(fileName: string, limit: number): ImportError {
  return new ImportError(
    fileName,
    "tooLarge",
    `${q(fileName)} is too large to import: it has more than ${thousands(limit)} XML elements (the limit). ${SPLIT}`,
  );
}

export function tooDeeplyNested(fileName: string, limit: number): ImportError {
  return new ImportError(
    fileName,
    "tooLarge",
    `${q(fileName)} cannot be imported: its XML is nested more than ${thousands(limit)} levels deep (the limit), ` +
      "which Word does not write. Open it in Word and save it again under a new name.",
  );
}

export function tooManyParts(fileName: string, count: number, limit: number): ImportError {
  return new ImportError(
    fileName,
    "tooLarge",
    `${q(fileName)} is too large to import: it holds ${thousands(count)} parts (the limit is ${thousands(limit)}). ${SPLIT}`,
  );
}

export function lockFile(fileName: string): ImportError {
  return new ImportError(
    fileName,
    "lockFile",
    `${q(fileName)} is not a document: it is a temporary lock file that Word creates while a document is open. ` +
      "Import the document itself (its name does not start with “~$”).",
  );
}

export function notWordDocument(fileName: string, emptyZip: boolean): ImportError {
  const what = emptyZip ? "it is an empty zip archive" : "it is a zip archive with no Word document inside";
  return new ImportError(
    fileName,
    "notWordDocument",
    `${q(fileName)} is not a Word document: ${what}. ` +
      "If it came from another program, open it there and save it as a Word document (.docx).",
  );
}

export function encrypted(fileName: string): ImportError {
  return new ImportError(
    fileName,
    "encrypted",
    `${q(fileName)} is protected with a password, so it cannot be read. ` +
      "Open it in Word, remove the password (File › Info › Protect Document › Encrypt with Password), save it and import it again.",
  );
}

export function legacyFormat(fileName: string): ImportError {
  return new ImportError(
    fileName,
    "legacyFormat",
    `${q(fileName)} is in the old Word 97-2003 format (.doc), which Margin cannot read. ` +
      "Open it in Word and save it as .docx (File › Save As › Word Document), then import the .docx file.",
  );
}

export function emptyDocument(fileName: string, images: number): ImportError {
  const detail = images > 0 ? ` It only contains ${images === 1 ? "a picture" : `${images} pictures`}.` : "";
  return new ImportError(fileName, "empty", `${q(fileName)} has no text to code.${detail}`);
}

const typeAdvice: Readonly<Record<string, string>> = {
  pdf: "PDF files cannot be imported. Export the transcript from its original program as .docx or .txt",
  rtf: "Rich Text (.rtf) files cannot be imported. Open it in Word and save it as .docx",
  odt: "OpenDocument (.odt) files cannot be imported. Open it in LibreOffice or Word and save it as .docx",
  pages: "Pages files cannot be imported. Export it from Pages as a Word document (.docx)",
  doc: "This is an old Word 97-2003 document. Open it in Word and save it as .docx",
};

export function unsupportedType(fileName: string, extension: string): ImportError {
  const advice =
    typeAdvice[extension] ??
    `Margin imports Word documents (.docx) and plain-text files (.txt); ${extension ? `.${extension} files are` : "this file is"} neither`;
  return new ImportError(fileName, "unsupportedType", `${q(fileName)} cannot be imported. ${advice}.`);
}

export function notText(fileName: string, why: string): ImportError {
  return new ImportError(
    fileName,
    "notText",
    `${q(fileName)} is not a plain-text file Margin can read: ${why}. ` +
      "Open it in a text editor and save it as UTF-8 text, or import the original document.",
  );
}

export function corrupt(fileName: string, cause?: unknown): ImportError {
  return new ImportError(
    fileName,
    "corrupt",
    `${q(fileName)} could not be read: the file is damaged or is not really a Word document. ` +
      "Try opening it in Word and saving it again under a new name.",
    { cause },
  );
}
