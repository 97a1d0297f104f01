/**
 * A cheap pass over raw XML bytes before any parser builds a tree: mammoth's memory and time grow
 * with the number of elements (a 199 KB DOCX of 64 MiB of empty paragraphs exhausted the heap), and
 * its conversion recurses with the nesting depth.
 */

export interface XmlShapeLimits {
  /** Elements (start tags) in all the XML parts of one document together. */
  maxElements: number;
  /** Elements open inside one another. */
  maxDepth: number;
}

export interface XmlShape {
  /** Elements counted (stops counting once past the limit). */
  elements: number;
  tooMany: boolean;
  tooDeep: boolean;
}

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const COMMENT_OPEN = ascii("<!--");
const COMMENT_CLOSE = ascii("-->");
const CDATA_OPEN = ascii("<![CDATA[");
const CDATA_CLOSE = ascii("]]>");
const PI_CLOSE = ascii("?>");

function startsAt(xml: Uint8Array, at: number, prefix: Uint8Array): boolean {
  for (let k = 0; k < prefix.length; k++) if (xml[at + k] !== prefix[k]) return false;
  return true;
}

/** Index just past the next `needle` at or after `from`, or -1. */
function after(xml: Uint8Array, from: number, needle: Uint8Array): number {
  const first = needle[0] ?? 0;
  for (let at = xml.indexOf(first, from); at !== -1; at = xml.indexOf(first, at + 1)) {
    if (startsAt(xml, at, needle)) return at + needle.length;
  }
  return -1;
}

/**
 * Counts start tags and tracks depth; comments, CDATA, processing instructions and declarations
 * are skipped. Stops at the first limit passed. Malformed XML is left for the parser to refuse.
 */
export function checkXmlShape(xml: Uint8Array, limits: XmlShapeLimits): XmlShape {
  let elements = 0;
  let depth = 0;
  let at = xml.indexOf(LT);
  while (at !== -1) {
    const next = xml[at + 1];
    let end: number;
    if (next === SLASH) {
      depth--;
      end = xml.indexOf(GT, at);
    } else if (next === QUESTION) {
      end = after(xml, at, PI_CLOSE) - 1;
    } else if (next === BANG) {
      if (startsAt(xml, at, COMMENT_OPEN)) end = after(xml, at, COMMENT_CLOSE) - 1;
      else if (startsAt(xml, at, CDATA_OPEN)) end = after(xml, at, CDATA_CLOSE) - 1;
      else end = xml.indexOf(GT, at);
    } else {
      if (++elements > limits.maxElements) return { elements, tooMany: true, tooDeep: false };
      end = tagEnd(xml, at + 1);
      if (depth + 1 > limits.maxDepth) return { elements, tooMany: false, tooDeep: true };
      if (end !== -1 && xml[end - 1] !== SLASH) depth++;
    }
    if (end < 0) break;
    at = xml.indexOf(LT, end + 1);
  }
  return { elements, tooMany: false, tooDeep: false };
}

/** The `>` closing a start tag; a `>` inside a quoted attribute value does not count. */
function tagEnd(xml: Uint8Array, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === GT) {
      return i;
    } else if (c === QUOTE || c === APOS) {
      quote = c;
    }
  }
  return -1;
}
