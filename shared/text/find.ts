/**
 * Find in a source's text.
 *
 * Matching ignores what a researcher does not think of as a difference when looking for a word:
 *  - letter case ("nurse" finds "Nurse", "ΟΔΟΣ" finds "οδος", final sigma included);
 *  - accents on Latin, Greek and Cyrillic letters, precomposed or decomposed ("jose" finds "José");
 *  - Arabic short-vowel marks (tashkeel) and tatweel, so an unvowelled word finds the vowelled one;
 *  - the kind of white space (a space in the query matches a tab, a no-break space, or the line
 *    break between two blocks);
 *  - curly versus straight quotes and apostrophes (Word writes ’, researchers type ').
 * Marks of other scripts are kept: in Devanagari, Thai and others they change the letter.
 *
 * Hits are UTF-16 offsets into the ORIGINAL text, half-open [start, end), never overlapping, in text
 * order. A hit never ends between a letter and the accents that belong to it.
 *
 * Cost: `prepareSearch` folds the text once (linear); each query is a Knuth–Morris–Pratt scan of the
 * folded text, linear in text + query length whatever the query (no quadratic worst case).
 */

export interface TextSpan {
  start: number;
  end: number;
}

export interface PreparedSearch {
  readonly text: string;
  /** The folded text as UTF-16 code units. */
  readonly folded: Uint16Array;
  readonly length: number;
  /** For each folded unit, the offset in `text` of the code point it came from. */
  readonly origin: Int32Array;
}

const QUOTES: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u02BC": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u00AB": '"',
  "\u00BB": '"',
  "\u03C2": "\u03C3", // final sigma folds to sigma
};

/** Combining marks that find ignores (see the module comment). */
function isIgnoredMark(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) || // combining diacritical marks (Latin, Greek, Cyrillic)
    (code >= 0x1ab0 && code <= 0x1aff) || // combining diacritical marks extended
    (code >= 0x1dc0 && code <= 0x1dff) || // combining diacritical marks supplement
    (code >= 0x064b && code <= 0x065f) || // Arabic tashkeel
    code === 0x0670 || // Arabic superscript alef
    code === 0x0640 // Arabic tatweel (letter stretching)
  );
}

const WHITE_SPACE = /^\s$/u;
const foldCache = new Map<number, string>();
const caseKeptCache = new Map<number, string>();

/**
 * The folded form of one code point: "" when it is ignored, usually one unit, occasionally more.
 * `keepCase` (project search's "match case", shared/search/) folds everything above except letter case.
 */
export function foldCodePoint(codePoint: number, keepCase = false): string {
  if (codePoint < 0x80) {
    if (!keepCase && codePoint >= 0x41 && codePoint <= 0x5a) return String.fromCharCode(codePoint + 32);
    if (codePoint >= 0x09 && codePoint <= 0x0d) return " ";
    return String.fromCharCode(codePoint);
  }
  const cache = keepCase ? caseKeptCache : foldCache;
  const cached = cache.get(codePoint);
  if (cached !== undefined) return cached;
  const char = String.fromCodePoint(codePoint);
  let out: string;
  if (WHITE_SPACE.test(char)) out = " ";
  else {
    // Decompose, lower-case, drop the ignored marks, then recompose what is left (so Hangul and
    // other letters that decompose without accents come back whole).
    const decomposed = char.normalize("NFD");
    let kept = "";
    for (const part of keepCase ? decomposed : decomposed.toLowerCase()) {
      const code = part.codePointAt(0) ?? 0;
      if (isIgnoredMark(code)) continue;
      kept += QUOTES[part] ?? part;
    }
    out = kept.normalize("NFC");
  }
  cache.set(codePoint, out);
  return out;
}

/** Folds the text once, for any number of queries (`keepCase`: see foldCodePoint). */
export function prepareSearch(text: string, keepCase = false): PreparedSearch {
  let capacity = text.length + 16;
  let folded = new Uint16Array(capacity);
  let origin = new Int32Array(capacity);
  let length = 0;
  const push = (unit: number, from: number) => {
    if (length === capacity) {
      capacity *= 2;
      const f = new Uint16Array(capacity);
      f.set(folded);
      folded = f;
      const o = new Int32Array(capacity);
      o.set(origin);
      origin = o;
    }
    folded[length] = unit;
    origin[length] = from;
    length++;
  };
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      // Fast path: most transcripts are mostly ASCII.
      push(!keepCase && code >= 0x41 && code <= 0x5a ? code + 32 : code >= 0x09 && code <= 0x0d ? 0x20 : code, i);
      i++;
      continue;
    }
    const codePoint = text.codePointAt(i) ?? code;
    const width = codePoint > 0xffff ? 2 : 1;
    const out = foldCodePoint(codePoint, keepCase);
    for (let k = 0; k < out.length; k++) push(out.charCodeAt(k), i);
    i += width;
  }
  return { text, folded, length, origin };
}

export function foldQuery(query: string, keepCase = false): Uint16Array {
  const units: number[] = [];
  for (const char of query) {
    const out = foldCodePoint(char.codePointAt(0) ?? 0, keepCase);
    for (let k = 0; k < out.length; k++) units.push(out.charCodeAt(k));
  }
  return Uint16Array.from(units);
}

/** Every hit of `query` in the prepared text (empty for an empty query). */
export function findInPrepared(prepared: PreparedSearch, query: string): TextSpan[] {
  const pattern = foldQuery(query);
  const m = pattern.length;
  if (m === 0) return [];
  // KMP failure table.
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && pattern[i] !== pattern[k]) k = fail[k - 1] ?? 0;
    if (pattern[i] === pattern[k]) k++;
    fail[i] = k;
  }
  const { folded, origin, length, text } = prepared;
  const hits: TextSpan[] = [];
  for (let i = 0, k = 0; i < length; i++) {
    const unit = folded[i];
    while (k > 0 && unit !== pattern[k]) k = fail[k - 1] ?? 0;
    if (unit === pattern[k]) k++;
    if (k === m) {
      const first = i - m + 1;
      hits.push({ start: origin[first] ?? 0, end: originalEnd(origin, length, text.length, i) });
      k = 0; // hits never overlap, as in a browser's find
    }
  }
  return hits;
}

/** The original offset just after the code point that produced folded unit `last` (and its ignored marks). */
export function originalEnd(origin: Int32Array, length: number, textLength: number, last: number): number {
  const from = origin[last] ?? 0;
  for (let j = last + 1; j < length; j++) {
    const next = origin[j] ?? textLength;
    if (next !== from) return next;
  }
  return textLength;
}

/** Convenience for one-off searches; prefer prepareSearch + findInPrepared when the query changes. */
export function findAll(text: string, query: string): TextSpan[] {
  return findInPrepared(prepareSearch(text), query);
}

/** Index of the first hit starting at or after `offset`; wraps to 0 past the last hit; -1 when none. */
export function hitIndexFrom(hits: readonly TextSpan[], offset: number): number {
  if (hits.length === 0) return -1;
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((hits[mid]?.start ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo === hits.length ? 0 : lo;
}
