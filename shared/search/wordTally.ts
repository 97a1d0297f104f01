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
 * The tally is an open-addressing hash table keyed on the folded word. ASCII words (most of an English
 * transcript) are hashed and compared straight from the text without making a string per occurrence;
 * this is what keeps eight million words under a second. Other words are folded into a string first.
 */
import type { Range } from "../coding/ranges";
import { foldCodePoint } from "../text/find";

const WORD_CHAR = /^[\p{L}\p{M}\p{N}\p{Pc}]$/u;
const HAS_LETTER = /\p{L}/u;
/** Apostrophes that join the two halves of a word (all fold to "'"). */
const APOSTROPHES = new Set([0x27, 0x2018, 0x2019, 0x201b, 0x02bc]);

/** Per ASCII code: 1 when word-like (letter, digit, "_"). */
const ASCII_WORD = new Uint8Array(128);
/** Per ASCII code: its folded (lower-case) code when word-like, else 0. */
const ASCII_FOLDED = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_WORD[c] = /[A-Za-z0-9_]/.test(ch) ? 1 : 0;
  ASCII_FOLDED[c] = ASCII_WORD[c] ? ch.toLowerCase().charCodeAt(0) : 0;
}
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

/**
 * Word counts over many texts. `add(text, units, sourceIndex)` once per text, with ascending indexes;
 * `entries()` then gives every distinct folded word.
 */
export class WordTally {
  private table: (WordEntry | undefined)[] = new Array<WordEntry | undefined>(1 << 14);
  private hashes = new Uint32Array(1 << 14);
  private size = 0;
  /** Every word counted, stop words and all. */
  total = 0;

  entries(): WordEntry[] {
    return this.table.filter((e): e is WordEntry => e !== undefined);
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
        // ASCII fast path: hash the lower-cased units as we go; drop to the general path on anything else.
        const start = i;
        let h = FNV_OFFSET;
        let ascii = true;
        while (i < end) {
          const u = text.charCodeAt(i);
          const f = u < 0x80 ? (ASCII_FOLDED[u] ?? 0) : 0;
          if (f !== 0) {
            h = Math.imul(h ^ f, FNV_PRIME);
            i++;
          } else if (u === 0x27 && wordStartsAt(text, i + 1, end)) {
            h = Math.imul(h ^ u, FNV_PRIME);
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
          this.countAscii(text, start, i, h >>> 0, sourceIndex);
          continue;
        }
        i = wordEnd(text, i, end);
        const folded = foldWord(text, start, i);
        if (folded === "") continue;
        this.total++;
        const entry = this.entryFor(folded, hashString(folded));
        this.bump(entry, sourceIndex);
        const spelling = text.slice(start, i).toLowerCase().normalize("NFC");
        if (spelling !== folded) {
          entry.spellings ??= new Map();
          entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
        }
      }
    }
  }

  private bump(entry: WordEntry, sourceIndex: number): void {
    entry.count++;
    if (entry.lastSource !== sourceIndex) {
      entry.lastSource = sourceIndex;
      entry.sources.push(sourceIndex);
    }
  }

  private countAscii(text: string, start: number, end: number, hash: number, sourceIndex: number): void {
    const mask = this.table.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === undefined) {
        const word = text.slice(start, end).toLowerCase();
        const created = this.insert(slot, word, hash);
        this.bump(created, sourceIndex);
        return;
      }
      if (this.hashes[slot] !== hash || entry.word.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        const u = text.charCodeAt(start + k);
        if (entry.word.charCodeAt(k) !== (u === 0x27 ? u : ASCII_FOLDED[u])) {
          same = false;
          break;
        }
      }
      if (same) {
        this.bump(entry, sourceIndex);
        return;
      }
    }
  }

  private entryFor(word: string, hash: number): WordEntry {
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === undefined) return this.insert(slot, word, hash);
      if (this.hashes[slot] === hash && entry.word === word) return entry;
    }
  }

  private insert(slot: number, word: string, hash: number): WordEntry {
    const entry: WordEntry = { word, count: 0, sources: [], lastSource: -1, spellings: null };
    this.table[slot] = entry;
    this.hashes[slot] = hash;
    this.size++;
    if (this.size * 2 > this.table.length) this.grow();
    return entry;
  }

  private grow(): void {
    const old = this.table;
    const oldHashes = this.hashes;
    this.table = new Array<WordEntry | undefined>(old.length * 2);
    this.hashes = new Uint32Array(old.length * 2);
    const mask = this.table.length - 1;
    old.forEach((entry, i) => {
      if (!entry) return;
      const hash = oldHashes[i] ?? 0;
      let slot = hash & mask;
      while (this.table[slot] !== undefined) slot = (slot + 1) & mask;
      this.table[slot] = entry;
      this.hashes[slot] = hash;
    });
  }
}
