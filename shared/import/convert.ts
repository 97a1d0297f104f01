import mammoth from "mammoth";
import { decodeText } from "./decode-text";
import * as errors from "./errors";
import { ImportError } from "./errors";
import { scanMammothHtml } from "./html-scan";
import { baseName, extensionOf, isWordLockFile, oleIsEncryptedPackage, sniffMagic } from "./sniff";
import { checkSourceSize, countNonBlankLines } from "./source-limits";
import { detectTurns } from "./speakers";
import { countWords, sha256Hex } from "./stats";
import { plural } from "../text/plural";
import { TextBuilder } from "./text-builder";
import type { Block, ConvertedSource, Mark, SourceFormat } from "./types";
import { peekPackage, type PackageFacts } from "./zip-peek";
import { readDocxPackage, repack } from "./docx-package";

// Word's Title/Subtitle are what a researcher sees as the document's heading; mammoth would
// otherwise make them plain paragraphs.
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

// Pictures are left out, so never read or base64-encode them.
const SKIP_IMAGES = mammoth.images.imgElement(() => Promise.resolve({ src: "" }));

const DOCX_EXTENSIONS = new Set(["docx", "docm", "dotx", "dotm"]);
const TEXT_EXTENSIONS = new Set(["txt", "text"]);

/** Any file the researcher picked: decides by content first, then by name. */
export function convertFile(bytes: Uint8Array, fileName: string): Promise<ConvertedSource> {
  return guard(fileName, () => dispatch(bytes, fileName));
}

/** A .docx (or .docm/.dotx) file. */
export function convertDocx(bytes: Uint8Array, fileName: string): Promise<ConvertedSource> {
  return guard(fileName, () => docx(bytes, fileName));
}

/** A plain-text file. */
export function convertText(bytes: Uint8Array, fileName: string): Promise<ConvertedSource> {
  return guard(fileName, () => plainText(bytes, fileName));
}

/** Only ImportError leaves this module: anything else is a bug or a file we could not parse. */
async function guard(fileName: string, run: () => Promise<ConvertedSource>): Promise<ConvertedSource> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof ImportError ? error : errors.corrupt(fileName, error);
  }
}

async function dispatch(bytes: Uint8Array, fileName: string): Promise<ConvertedSource> {
  checkSize(bytes, fileName);
  const ext = extensionOf(fileName);
  if (baseName(fileName).startsWith("~$")) throw errors.lockFile(fileName);
  switch (sniffMagic(bytes)) {
    case "ole":
      throw oleError(bytes, fileName);
    case "pdf":
      throw errors.unsupportedType(fileName, "pdf");
    case "rtf":
      throw errors.unsupportedType(fileName, "rtf");
    case "zip":
      // A .docx renamed to .doc or .txt is still a .docx.
      if (DOCX_EXTENSIONS.has(ext) || TEXT_EXTENSIONS.has(ext) || ext === "doc" || ext === "") return docx(bytes, fileName);
      throw errors.unsupportedType(fileName, ext);
    case "unknown":
      if (DOCX_EXTENSIONS.has(ext)) return docx(bytes, fileName);
      if (TEXT_EXTENSIONS.has(ext)) return plainText(bytes, fileName);
      throw errors.unsupportedType(fileName, ext);
  }
}

async function docx(bytes: Uint8Array, fileName: string): Promise<ConvertedSource> {
  checkSize(bytes, fileName);
  if (baseName(fileName).startsWith("~$")) throw errors.lockFile(fileName);
  const magic = sniffMagic(bytes);
  if (magic === "ole") throw oleError(bytes, fileName);
  if (magic === "pdf" || magic === "rtf") throw errors.unsupportedType(fileName, magic);
  if (magic !== "zip") throw isWordLockFile(fileName, bytes) ? errors.lockFile(fileName) : errors.corrupt(fileName);

  // Every part is unpacked here within limits (zip bombs, lying sizes, millions of elements);
  // mammoth only ever sees the zip we rebuild from those checked parts.
  const pkg = readDocxPackage(bytes, fileName);
  if (pkg.mainPart === null) throw errors.notWordDocument(fileName, pkg.names.length === 0);
  const facts = peekPackage(pkg);
  const trusted = repack(pkg);
  pkg.parts.clear();

  let html: string;
  try {
    // mammoth's Node build reads `buffer`, its browser/worker build `arrayBuffer`: give both.
    const arrayBuffer = trusted.byteLength === trusted.buffer.byteLength ? (trusted.buffer as ArrayBuffer) : trusted.slice().buffer;
    const input = { arrayBuffer, buffer: arrayBuffer };
    html = (await mammoth.convertToHtml(input, { styleMap: STYLE_MAP, convertImage: SKIP_IMAGES })).value;
  } catch (error) {
    throw errors.corrupt(fileName, error);
  }

  const scanned = scanMammothHtml(html);
  if (scanned.blocks.length === 0) throw errors.emptyDocument(fileName, scanned.images);
  return assemble(fileName, "docx", scanned, docxWarnings(scanned.images, scanned.notes, facts));
}

async function plainText(bytes: Uint8Array, fileName: string): Promise<ConvertedSource> {
  checkSize(bytes, fileName);
  const decoded = decodeText(bytes, fileName);
  // Before any paragraph is built: 24 million short lines fit in a 50 MB file.
  checkSourceSize(fileName, { paragraphs: countNonBlankLines(decoded.text) });
  const out = new TextBuilder();
  // Each non-blank line is a paragraph; "\r\n" and lone "\r" count as line ends.
  for (const line of decoded.text.split(/\r\n|\r|\n/)) {
    out.startBlock({ kind: "paragraph" });
    out.append(line);
    out.endBlock();
  }
  const built = out.finish();
  if (built.blocks.length === 0) throw errors.emptyDocument(fileName, 0);
  return assemble(fileName, "txt", built, decoded.warnings);
}

async function assemble(
  fileName: string,
  format: SourceFormat,
  built: { text: string; blocks: Block[]; marks: Mark[] },
  warnings: string[],
): Promise<ConvertedSource> {
  const { text, blocks, marks } = built;
  checkSourceSize(fileName, { characters: text.length, paragraphs: blocks.length, formatting: marks.length });
  const { turns, timestamps } = detectTurns(text, blocks);
  const contentHash = await sha256Hex(text);
  return {
    fileName,
    format,
    text,
    blocks,
    marks,
    turns,
    timestamps,
    wordCount: countWords(text),
    charCount: text.length,
    contentHash,
    warnings,
  };
}

function docxWarnings(images: number, notes: number, facts: PackageFacts): string[] {
  const warnings: string[] = [];
  if (images > 0) warnings.push(`${plural(images, "picture was", "pictures were")} left out.`);
  if (notes > 0)
    warnings.push(`${plural(notes, "footnote or endnote was", "footnotes and endnotes were")} placed at the end, under “Notes”.`);
  if (facts.comments > 0) warnings.push(`${plural(facts.comments, "comment was", "comments were")} left out.`);
  if (facts.hasDeletions) warnings.push("Tracked deletions were not included: the text reads as if all changes were accepted.");
  else if (facts.hasInsertions) warnings.push("Tracked insertions were kept as ordinary text, as if accepted.");
  if (facts.hasMoves) warnings.push("Text moved with tracked changes appears once, at its new place.");
  if (facts.charts > 0) warnings.push(`${plural(facts.charts, "chart was", "charts were")} left out.`);
  if (facts.smartArt > 0) warnings.push(`${plural(facts.smartArt, "SmartArt graphic was", "SmartArt graphics were")} left out.`);
  if (facts.equations > 0) warnings.push(`${plural(facts.equations, "equation was", "equations were")} left out.`);
  return warnings;
}

function checkSize(bytes: Uint8Array, fileName: string): void {
  if (bytes.length > errors.MAX_FILE_BYTES) throw errors.tooLarge(fileName, bytes.length);
}

function oleError(bytes: Uint8Array, fileName: string): ImportError {
  return oleIsEncryptedPackage(bytes) ? errors.encrypted(fileName) : errors.legacyFormat(fileName);
}
