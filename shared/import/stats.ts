/**
 * Word count as a researcher expects it: whitespace-separated tokens that hold a letter or digit
 * (a lone "-" or "…" is not a word), except that each Chinese/Japanese character counts as one
 * word, as Word counts them. One pass over the text, no regex per character on ASCII.
 */
export function countWords(text: string): number {
  let words = 0;
  let inToken = false;
  let tokenHasWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c <= 0x20 ||
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000
    ) {
      if (inToken && tokenHasWord) words++;
      inToken = false;
      tokenHasWord = false;
      continue;
    }
    if (isCjk(c)) {
      if (inToken && tokenHasWord) words++;
      words++;
      inToken = false;
      tokenHasWord = false;
      continue;
    }
    inToken = true;
    if (!tokenHasWord) tokenHasWord = isWordChar(text, i, c);
  }
  if (inToken && tokenHasWord) words++;
  return words;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordChar(text: string, i: number, c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR.test(text.slice(i, i + 2)); // astral letters
  return WORD_CHAR.test(text.charAt(i));
}

/** Han ideographs, kana and CJK compatibility ideographs (BMP; astral Han is rare in transcripts). */
function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xf900 && c <= 0xfaff);
}

/** Hex SHA-256 of the UTF-8 text; the same everywhere crypto.subtle exists (Node 20, browsers, workers). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const bytes = new Uint8Array(digest);
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}
