/**
 * REFI-QDA selection positions -> Margin offsets.
 *
 * QDA-XML says startPosition/endPosition count Unicode code points. The real files disagree
 * (docs/refi-qda.md "Positions"): NVivo (Windows 12.6 and Mac 12.7) counts UTF-16 code units, over
 * the plain-text file exactly as stored — CRLF is 2 on Windows, where the file has CRLF, and 1 on
 * the Mac, where it has LF. qc and ATLAS.ti follow the standard. In every case the count runs over
 * the stored text (BOM excluded), so the one thing that varies is the unit.
 *
 * Margin's offsets are UTF-16 code units over the text with "\n" line endings, so a position maps
 * through both the unit and the line-ending normalisation.
 */

export type PositionUnit = "codepoint" | "utf16";

/** Margin's export names its unit in the origin when it writes NVivo's (shared/refi/export.ts). */
export const MARGIN_UTF16_ORIGIN_NOTE = "positions in UTF-16 code units";

/** The unit a tool counts in, from the <Project origin="..."> attribute. */
export function unitForOrigin(origin: string | undefined): PositionUnit {
  if (origin === undefined) return "codepoint";
  return /^\s*nvivo\b/i.test(origin) ||
    (/^\s*margin\b/i.test(origin) && origin.toLowerCase().includes(MARGIN_UTF16_ORIGIN_NOTE.toLowerCase()))
    ? "utf16"
    : "codepoint";
}

export function describeUnit(unit: PositionUnit): string {
  return unit === "utf16"
    ? "UTF-16 code units over the stored text (NVivo; a Windows line break counts as 2)"
    : "Unicode code points over the stored text (QDA-XML 1.0; a Windows line break counts as 2)";
}

/** Margin's text: every "\r\n" and lone "\r" becomes "\n". */
export function normaliseLineEndings(raw: string): string {
  return raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
}

export interface PositionMap {
  /** The normalised text. */
  text: string;
  /** Number of valid positions minus one: the stored text's length in the unit. */
  length: number;
  /** Margin offset for a position in the unit; null when it is past the end of the text. */
  toOffset(position: number): number | null;
}

/**
 * One pass over the stored text. A position inside a CRLF or a surrogate pair lands before it
 * (a tool cannot show half a line break or half an emoji).
 */
export function positionMap(raw: string, unit: PositionUnit): PositionMap {
  const map = new Int32Array(raw.length + 1);
  let pos = 0;
  let out = 0;
  for (let i = 0; i < raw.length;) {
    const c = raw.charCodeAt(i);
    if (c === 0x0d && raw.charCodeAt(i + 1) === 0x0a) {
      map[pos++] = out;
      map[pos++] = out;
      out += 1;
      i += 2;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      map[pos++] = out;
      if (unit === "utf16") map[pos++] = out;
      out += 2;
      i += 2;
    } else {
      map[pos++] = out;
      out += 1;
      i += 1;
    }
  }
  map[pos] = out;
  const length = pos;
  return {
    text: normaliseLineEndings(raw),
    length,
    toOffset: (p) => (Number.isInteger(p) && p >= 0 && p <= length ? (map[p] ?? null) : null),
  };
}

/** Margin offsets back to a unit, over text with the given line ending: for export and for tests. */
export function offsetToPosition(text: string, offset: number, unit: PositionUnit, lineEnding: "\n" | "\r\n" = "\n"): number {
  let pos = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) pos += lineEnding.length;
    else if (unit === "codepoint" && (c & 0xfc00) === 0xdc00 && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) continue;
    else pos += 1;
  }
  return pos;
}
