import type { DocxPackage } from "./docx-package";

/**
 * What we learn from the package before mammoth reads it: mammoth silently skips comments,
 * tracked deletions, charts, SmartArt and equations, and researchers should be told.
 */
export interface PackageFacts {
  entryCount: number;
  /** Path of the main document part, or null when the package has none. */
  mainPart: string | null;
  comments: number;
  charts: number;
  smartArt: number;
  equations: number;
  hasInsertions: boolean;
  hasDeletions: boolean;
  hasMoves: boolean;
}

const COMMENTS = "word/comments.xml";

/** Facts from a package we already unpacked within limits (readDocxPackage). */
export function peekPackage(pkg: DocxPackage): PackageFacts {
  const mainXml = pkg.mainPart === null ? undefined : pkg.parts.get(pkg.mainPart);
  let charts = 0;
  let smartArt = 0;
  for (const name of pkg.names) {
    if (/^word\/charts\/chart\d*\.xml$/.test(name)) charts++;
    else if (/^word\/diagrams\/data\d*\.xml$/.test(name)) smartArt++;
  }

  const commentsXml = pkg.parts.get(COMMENTS);
  const revisions = mainXml ? scanMarkup(mainXml) : { insertions: false, deletions: false, moves: false, equations: 0 };
  return {
    entryCount: new Set(pkg.names).size,
    mainPart: pkg.mainPart,
    comments: commentsXml ? scanComments(commentsXml) : 0,
    charts,
    smartArt,
    equations: revisions.equations,
    hasInsertions: revisions.insertions,
    hasDeletions: revisions.deletions,
    hasMoves: revisions.moves,
  };
}

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const INS = ascii("w:ins ");
// A w:del around runs holds w:delText; a bare w:del in w:rPr only merges two paragraphs.
const DEL_TEXT = ascii("w:delText");
const MOVE_FROM = ascii("w:moveFrom");
const MATH = ascii("m:oMath");
const COMMENT = ascii("w:comment");

/** True when `name` follows the '<' at lt, as a whole tag name (not a longer one). */
function tagAt(xml: Uint8Array, lt: number, name: Uint8Array, whole: boolean): boolean {
  for (let k = 0; k < name.length; k++) if (xml[lt + 1 + k] !== name[k]) return false;
  if (!whole) return true;
  const next = xml[lt + 1 + name.length];
  return next === 0x20 || next === 0x3e || next === 0x2f; // ' ', '>', '/'
}

/**
 * One pass over the raw bytes (the main part can be 20 MB of XML; decoding it to a string and
 * searching it several times cost more than all the rest of our own work).
 */
function scanMarkup(xml: Uint8Array): { insertions: boolean; deletions: boolean; moves: boolean; equations: number } {
  let insertions = false;
  let deletions = false;
  let moves = false;
  let equations = 0;
  for (let lt = xml.indexOf(0x3c); lt !== -1; lt = xml.indexOf(0x3c, lt + 1)) {
    const first = xml[lt + 1];
    if (first === 0x77 /* w */) {
      if (!insertions && tagAt(xml, lt, INS, false)) insertions = true;
      else if (!deletions && tagAt(xml, lt, DEL_TEXT, true)) deletions = true;
      else if (!moves && tagAt(xml, lt, MOVE_FROM, true)) moves = true;
    } else if (first === 0x6d /* m */ && tagAt(xml, lt, MATH, true)) {
      equations++;
    }
  }
  return { insertions, deletions, moves, equations };
}

function scanComments(xml: Uint8Array): number {
  let count = 0;
  for (let lt = xml.indexOf(0x3c); lt !== -1; lt = xml.indexOf(0x3c, lt + 1)) {
    if (xml[lt + 1] === 0x77 && tagAt(xml, lt, COMMENT, true)) count++;
  }
  return count;
}
