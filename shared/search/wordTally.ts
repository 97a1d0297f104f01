/**
 * Counting the words of texts, fast (issue 16 item 5, "Word frequency"; docs/search.md).
 *
 * A word is a run of letters, marks, digits and "_" (Unicode \p{L} \p{M} \p{N} \p{Pc}: the characters
 * search's "whole words" treats as word-like, shared/search/match.ts), where an apostrophe (' ’ ‘ ‛ ʼ)
 * with a word character on both sides joins: "don't", "O’Brien" are one word each, "nurses’" is
 * "nurses". Anything else (space, punctuation, hyphen, emoji) ends a word, so "go-live" is two words.
 * Words are folded as find and search fold (shared/text/find.ts foldCodePoint: case, Latin/Greek/Cyrillic
 * accents, Arabic short vowels and tatweel, curly apostrophes), so "Nurse", "NURSE" and "nurse" are one
 * word, as searching any of them finds all three.
 *
 * The tally is two open-addressing hash tables: short ASCII words (most of an English transcript) are
 * keyed by a number computed straight from the text (see BASE), with no string made and no comparison
 * per occurrence; other words by their folded string. This is what keeps eight million words near a
 * second on a busy two-core machine.
 */
import type { Range } from "../coding/ranges";
import { foldCodePoint } from "../text/find";

const WORD_CHAR = /^[\p{L}\p{M}\p{N}\p{Pc}]$/u;
const HAS_LETTER = /\p{L}/u;
/** Apostrophes that join the two halves of a word (all fold to "'"). */
const APOSTROPHES = new Set([0x27, 0x2018, 0x2019, 0x201b, 0x02bc]);

/** Per ASCII code: 1 when word-like (letter, digit, "_"). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0;
/** Per BMP code point: 0 not yet known, 1 word-like, 2 not. */
const BMP_WORD = new Uint8Array(0x10000);

function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) return ASCII_WORD[cp] === 1;
  if (cp < 0x10000) {
    const known = BMP_WORD[cp];
    if (known) return known === 1;
    const word = WORD_CHAR.test(String.fromCharCode(cp));
    BMP_WORD[cp] = word ? 1 : 2;
    return word;
  }
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

function codePointAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** True when a word character starts at `i` (before `end`). */
function wordStartsAt(text: string, i: number, end: number): boolean {
  if (i >= end) return false;
  const c = text.charCodeAt(i);
  return c < 0x80 ? ASCII_WORD[c] === 1 : isWordCodePoint(codePointAt(text, i, end));
}

/** The words of a text in order, folded, with where each was written: the definition, simply (WordTally counts the same, faster). */
export function* wordsIn(text: string, units?: readonly Range[]): Generator<{ word: string; start: number; end: number }> {
  for (const unit of units ?? [{ start: 0, end: text.length }]) {
    const end = Math.min(unit.end, text.length);
    let i = Math.max(0, unit.start);
    while (i < end) {
      if (!wordStartsAt(text, i, end)) {
        i += codePointAt(text, i, end) > 0xffff ? 2 : 1;
        continue;
      }
      const start = i;
      i = wordEnd(text, i, end);
      const word = foldWord(text, start, i);
      // A word of ignored characters alone (a lone tatweel or accent) is no word.
      if (word !== "") yield { word, start, end: i };
    }
  }
}

/** Where the word starting at `i` ends. */
function wordEnd(text: string, i: number, end: number): number {
  while (i < end) {
    const cp = codePointAt(text, i, end);
    if (isWordCodePoint(cp)) i += cp > 0xffff ? 2 : 1;
    else if (APOSTROPHES.has(cp) && wordStartsAt(text, i + 1, end)) i += 1;
    else break;
  }
  return i;
}

function foldWord(text: string, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end;) {
    const cp = codePointAt(text, i, end);
    out += foldCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

/** A word "counts" as a word (not a number, not marks alone): it has a letter, or a digit when numbers count. */
export function isCountable(folded: string, numbers: boolean): boolean {
  if (folded === "") return false;
  if (HAS_LETTER.test(folded)) return true;
  return numbers && /\p{N}/u.test(folded);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * Short ASCII words are keyed by a number that IS the word, so finding one needs no string and no
 * comparison: each folded character is a digit 1-38 (a-z, 0-9, "_", "'") in base 39, and ten digits
 * stay below 2^53, where a double is exact. Longer or non-ASCII words are keyed by their folded string.
 */
const BASE = 39;
const SHORT = 10;
const APOSTROPHE_DIGIT = 38;
/** Per ASCII code: its digit when word-like (upper and lower case alike), else 0 (the apostrophe is handled apart). */
const DIGIT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c).toLowerCase();
  const at = "abcdefghijklmnopqrstuvwxyz0123456789_".indexOf(ch);
  DIGIT[c] = ASCII_WORD[c] === 1 && at >= 0 ? at + 1 : 0;
}

/** The number of a folded word when it is short and ASCII, else -1. */
function shortCode(folded: string): number {
  if (folded.length > SHORT) return -1;
  let code = 0;
  for (let i = 0; i < folded.length; i++) {
    const u = folded.charCodeAt(i);
    const d = u === 0x27 ? APOSTROPHE_DIGIT : u < 0x80 ? (DIGIT[u] ?? 0) : 0;
    if (d === 0) return -1;
    code = code * BASE + d;
  }
  return code;
}

/** 32 bits of a word's number, for a table slot. */
function mixCode(code: number): number {
  const hi = Math.floor(code / 4294967296);
  return Math.imul((code >>> 0) ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0;
}

/** One folded word's tally. */
export interface WordEntry {
  /** Folded (lower case, no accents). */
  word: string;
  count: number;
  /** Indexes of the texts it occurs in, ascending, each once. */
  sources: number[];
  lastSource: number;
  /** Spellings (lower-cased) other than `word` itself, and how often each occurs. */
  spellings: Map<string, number> | null;
}

function newEntry(word: string): WordEntry {
  return { word, count: 0, sources: [], lastSource: -1, spellings: null };
}

function bump(entry: WordEntry, sourceIndex: number): void {
  entry.count++;
  if (entry.lastSource !== sourceIndex) {
    entry.lastSource = sourceIndex;
    entry.sources.push(sourceIndex);
  }
}

/**
 * Word counts over many texts. `add(text, units, sourceIndex)` once per text, with ascending indexes;
 * `entries()` then gives every distinct folded word.
 */
export class WordTally {
  /** Short ASCII words, by number (0: empty slot). */
  private shortKeys = new Float64Array(1 << 12);
  private shortEntries: (WordEntry | undefined)[] = new Array<WordEntry | undefined>(1 << 12);
  private shortSize = 0;
  /** Every other word, by folded string. */
  private longEntries: (WordEntry | undefined)[] = new Array<WordEntry | undefined>(1 << 10);
  private longHashes = new Uint32Array(1 << 10);
  private longSize = 0;
  /** Every word counted, stop words and all. */
  total = 0;

  entries(): WordEntry[] {
    return [...this.shortEntries, ...this.longEntries].filter((e): e is WordEntry => e !== undefined);
  }

  add(text: string, units: readonly Range[], sourceIndex: number): void {
    for (const unit of units) {
      const end = Math.min(unit.end, text.length);
      let i = Math.max(0, unit.start);
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c < 0x80) {
          if (ASCII_WORD[c] !== 1) {
            i++;
            continue;
          }
        } else {
          const cp = codePointAt(text, i, end);
          if (!isWordCodePoint(cp)) {
            i += cp > 0xffff ? 2 : 1;
            continue;
          }
        }
        // ASCII fast path: the word's number as we go; the general path on anything else.
        const start = i;
        let code = 0;
        let ascii = true;
        while (i < end) {
          const u = text.charCodeAt(i);
          const d = u < 0x80 ? (DIGIT[u] ?? 0) : 0;
          if (d !== 0) {
            code = code * BASE + d;
            i++;
          } else if (u === 0x27 && wordStartsAt(text, i + 1, end)) {
            code = code * BASE + APOSTROPHE_DIGIT;
            i++;
          } else {
            // Only a non-ASCII letter, mark or joining apostrophe makes this word need the general path.
            if (u >= 0x80) {
              const cp = codePointAt(text, i, end);
              ascii = !isWordCodePoint(cp) && !(APOSTROPHES.has(cp) && wordStartsAt(text, i + 1, end));
            }
            break;
          }
        }
        if (ascii) {
          this.total++;
          if (i - start <= SHORT) bump(this.shortEntry(code, text, start, i), sourceIndex);
          else bump(this.longEntry(text.slice(start, i).toLowerCase()), sourceIndex);
          continue;
        }
        i = wordEnd(text, i, end);
        const folded = foldWord(text, start, i);
        if (folded === "") continue;
        this.total++;
        const number = shortCode(folded);
        const entry = number >= 0 ? this.shortEntry(number, folded, 0, folded.length) : this.longEntry(folded);
        bump(entry, sourceIndex);
        const spelling = text.slice(start, i).toLowerCase().normalize("NFC");
        if (spelling !== folded) {
          entry.spellings ??= new Map();
          entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
        }
      }
    }
  }

  /** The entry of a short ASCII word; `source.slice(start, end)` spells it (lower-cased for a new entry). */
  private shortEntry(code: number, source: string, start: number, end: number): WordEntry {
    const mask = this.shortKeys.length - 1;
    for (let slot = mixCode(code) & mask; ; slot = (slot + 1) & mask) {
      const key = this.shortKeys[slot];
      if (key === code) return this.shortEntries[slot] as WordEntry;
      if (key === 0) {
        const entry = newEntry(source.slice(start, end).toLowerCase());
        this.shortKeys[slot] = code;
        this.shortEntries[slot] = entry;
        if (++this.shortSize * 2 > this.shortKeys.length) this.growShort();
        return entry;
      }
    }
  }

  private longEntry(word: string): WordEntry {
    const hash = hashString(word);
    const mask = this.longEntries.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.longEntries[slot];
      if (entry === undefined) {
        const created = newEntry(word);
        this.longEntries[slot] = created;
        this.longHashes[slot] = hash;
        if (++this.longSize * 2 > this.longEntries.length) this.growLong();
        return created;
      }
      if (this.longHashes[slot] === hash && entry.word === word) return entry;
    }
  }

  private growShort(): void {
    const keys = this.shortKeys;
    const entries = this.shortEntries;
    this.shortKeys = new Float64Array(keys.length * 2);
    this.shortEntries = new Array<WordEntry | undefined>(keys.length * 2);
    const mask = this.shortKeys.length - 1;
    keys.forEach((code, i) => {
      if (code === 0) return;
      let slot = mixCode(code) & mask;
      while (this.shortKeys[slot] !== 0) slot = (slot + 1) & mask;
      this.shortKeys[slot] = code;
      this.shortEntries[slot] = entries[i];
    });
  }

  private growLong(): void {
    const entries = this.longEntries;
    const hashes = this.longHashes;
    this.longEntries = new Array<WordEntry | undefined>(entries.length * 2);
    this.longHashes = new Uint32Array(entries.length * 2);
    const mask = this.longEntries.length - 1;
    entries.forEach((entry, i) => {
      if (!entry) return;
      const hash = hashes[i] ?? 0;
      let slot = hash & mask;
      while (this.longEntries[slot] !== undefined) slot = (slot + 1) & mask;
      this.longEntries[slot] = entry;
      this.longHashes[slot] = hash;
    });
  }
}
