import { notText } from "./errors";
import { sniffMagic } from "./sniff";

export interface DecodedText {
  text: string;
  warnings: string[];
}

/**
 * Bytes of a .txt file to a string. UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM are
 * read exactly. A file without BOM that is not valid UTF-8 is read as Windows-1252, the encoding
 * Notepad and older Word "Plain Text" exports used, with a warning. Binary files are refused.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { text: strictDecode(bytes.subarray(2), "utf-16le", fileName), warnings: [] };
  if (b0 === 0xfe && b1 === 0xff) return { text: strictDecode(bytes.subarray(2), "utf-16be", fileName), warnings: [] };

  const magic = sniffMagic(bytes);
  if (magic !== "unknown") {
    const what = {
      zip: "a Word document or other zip archive",
      ole: "an old Word (.doc) or Office file",
      pdf: "a PDF",
      rtf: "a Rich Text (.rtf) document",
    }[magic];
    throw notText(fileName, `it is ${what} with a .txt name`);
  }

  const hasBom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (body.includes(0)) throw notText(fileName, "it contains binary data");
  try {
    return checked(new TextDecoder("utf-8", { fatal: true }).decode(body), fileName, []);
  } catch (error) {
    if (hasBom || !(error instanceof TypeError)) throw notText(fileName, "it is not valid UTF-8 text");
  }
  return checked(decodeWindows1252(body), fileName, [
    "The file was not UTF-8, so it was read as Windows-1252 (Western European). Check accented letters.",
  ]);
}

// Windows-1252 bytes 0x80-0x9F; the rest equal their code point. Done by hand because Node 20's
// TextDecoder('windows-1252') decodes Latin-1 instead, so a worker and the CLI would disagree.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const codes: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
    if (codes.length === 8192) {
      chunks.push(String.fromCharCode(...codes));
      codes.length = 0;
    }
  }
  chunks.push(String.fromCharCode(...codes));
  return chunks.join("");
}

function strictDecode(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be", fileName: string): string {
  if (bytes.length % 2 !== 0) throw notText(fileName, `its ${encoding.toUpperCase()} text is cut off (odd number of bytes)`);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw notText(fileName, `it is not valid ${encoding.toUpperCase()} text`);
  }
  return checked(text, fileName, []).text;
}

/**
 * Text files hold tabs, line breaks and the odd form feed or DOS end-of-file mark; much else in
 * the C0/C1 control range means binary data that happened to decode.
 */
function checked(text: string, fileName: string, warnings: string[]): DecodedText {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw notText(fileName, "it contains binary data");
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a) || (c >= 0x7f && c <= 0x9f)) controls++;
  }
  if (controls > 8 && controls * 100 > text.length) throw notText(fileName, "it contains binary data");
  return { text, warnings };
}
