/**
 * The index's vocabulary (./index.ts): every word of the folded texts (a maximal run of letters, marks,
 * digits and "_", as whole words counts them) with where it starts, as (source number, offset in the
 * folded text) pairs. Pure data; kept current by adding sources (removal is by the index's live marks).
 *
 * Finding where a term starts: every occurrence of a term holds each of its pieces (a run of word
 * characters in the folded term) inside one word of the text, since a run of word characters in the
 * text is inside one maximal run. So the places a term can start are: for each vocabulary word holding
 * the piece at offset j, each place that word starts, plus j, minus the piece's offset in the term.
 * Each is then checked against the folded text (startsWith); what remains is exactly every index where
 * the term starts, overlapping ones included, in order.
 */

const WORD_CHAR = /^[\p{L}\p{M}\p{N}\p{Pc}]$/u;
/** Per BMP code point: 0 not yet known, 1 word-like, 2 not. */
const wordTable = new Uint8Array(0x10000);
const astralWord = new Map<number, boolean>();

/** Word-like as in match.ts's whole-words rule, applied to folded code points; a lone surrogate is not. */
function isWordCodePoint(cp: number): boolean {
  if (cp < 0x10000) {
    let known = wordTable[cp] ?? 0;
    if (known === 0) {
      known = cp >= 0xd800 && cp <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
      wordTable[cp] = known;
    }
    return known === 1;
  }
  let known = astralWord.get(cp);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(cp));
    astralWord.set(cp, known);
  }
  return known;
}

/** The maximal runs of word-like code points in a folded string, as [start, end) pairs. */
export function wordRuns(folded: string): number[] {
  const runs: number[] = [];
  let start = -1;
  for (let i = 0; i < folded.length;) {
    const cp = folded.codePointAt(i) ?? 0;
    if (isWordCodePoint(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push(start, i);
      start = -1;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (start >= 0) runs.push(start, folded.length);
  return runs;
}

/** Where one word starts: parallel arrays of source numbers and offsets, in the order added. */
export interface WordPostings {
  ordinals: Int32Array;
  starts: Int32Array;
  length: number;
}

export interface Vocabulary {
  readonly words: Map<string, WordPostings>;
  /** The words joined by "\n" for substring look-ups; rebuilt when words were added. */
  joined: { text: string; starts: Int32Array; words: WordPostings[] } | null;
  /** Positions held (removed sources' included until compacted). */
  positions: number;
}

export function createVocabulary(): Vocabulary {
  return { words: new Map(), joined: null, positions: 0 };
}

/** Adds every word of one source's folded text. */
export function addWords(vocabulary: Vocabulary, ordinal: number, folded: string): void {
  const runs = wordRuns(folded);
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r] ?? 0;
    const word = folded.slice(start, runs[r + 1]);
    let postings = vocabulary.words.get(word);
    if (!postings) {
      postings = { ordinals: new Int32Array(2), starts: new Int32Array(2), length: 0 };
      vocabulary.words.set(word, postings);
      vocabulary.joined = null;
    }
    if (postings.length === postings.starts.length) {
      const ordinals = new Int32Array(postings.length * 2);
      ordinals.set(postings.ordinals);
      const starts = new Int32Array(postings.length * 2);
      starts.set(postings.starts);
      postings.ordinals = ordinals;
      postings.starts = starts;
    }
    postings.ordinals[postings.length] = ordinal;
    postings.starts[postings.length] = start;
    postings.length++;
  }
  vocabulary.positions += runs.length / 2;
}

/** Drops the places of sources no longer live and words left with none, and trims the lists to size. */
export function compactVocabulary(vocabulary: Vocabulary, live: (ordinal: number) => boolean): void {
  let positions = 0;
  for (const [word, postings] of vocabulary.words) {
    let kept = 0;
    for (let k = 0; k < postings.length; k++) {
      const ordinal = postings.ordinals[k] ?? 0;
      if (!live(ordinal)) continue;
      postings.ordinals[kept] = ordinal;
      postings.starts[kept] = postings.starts[k] ?? 0;
      kept++;
    }
    postings.length = kept;
    // Also gives back the room left by doubling while adding.
    postings.ordinals = postings.ordinals.slice(0, kept);
    postings.starts = postings.starts.slice(0, kept);
    positions += kept;
    if (kept === 0) vocabulary.words.delete(word);
  }
  vocabulary.positions = positions;
  vocabulary.joined = null;
}

function joined(vocabulary: Vocabulary): NonNullable<Vocabulary["joined"]> {
  if (vocabulary.joined) return vocabulary.joined;
  const keys = [...vocabulary.words.keys()];
  const starts = new Int32Array(keys.length);
  let at = 0;
  keys.forEach((w, i) => {
    starts[i] = at;
    at += w.length + 1;
  });
  vocabulary.joined = { text: keys.join("\n"), starts, words: keys.map((w) => vocabulary.words.get(w) as WordPostings) };
  return vocabulary.joined;
}

/** The words holding `piece`, each with the offset of every occurrence of the piece in it. */
function wordsHolding(vocabulary: Vocabulary, piece: string): { postings: WordPostings; offsets: number[] }[] {
  const { text, starts, words } = joined(vocabulary);
  const out: { postings: WordPostings; offsets: number[] }[] = [];
  let last = -1;
  for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    const offset = at - (starts[lo] ?? 0);
    if (lo === last) out[out.length - 1]?.offsets.push(offset);
    else out.push({ postings: words[lo] as WordPostings, offsets: [offset] });
    last = lo;
  }
  return out;
}

/**
 * Where the folded term starts, per source number: every index, in order, for each live source whose
 * folded text `foldedOf` gives; sources missing from the result have none. Null when the term has no
 * word character (nothing to look up) or its rarest piece has more than `limit` places to check
 * (then scanning the texts is as quick).
 */
export function termStarts(
  vocabulary: Vocabulary,
  term: string,
  foldedOf: (ordinal: number) => string | undefined,
  limit: number,
): Map<number, Int32Array> | null {
  const runs = wordRuns(term);
  let best: { words: ReturnType<typeof wordsHolding>; at: number; cost: number } | null = null;
  for (let r = 0; r < runs.length; r += 2) {
    const at = runs[r] ?? 0;
    const words = wordsHolding(vocabulary, term.slice(at, runs[r + 1]));
    const cost = words.reduce((n, w) => n + w.postings.length * w.offsets.length, 0);
    if (!best || cost < best.cost) best = { words, at, cost };
  }
  if (!best || best.cost > limit) return null;
  // A term that is one whole word piece ("nurse") starts wherever the piece does: nothing to check.
  const check = !(runs.length === 2 && runs[0] === 0 && runs[1] === term.length);
  const ordinals = new Int32Array(best.cost);
  const starts = new Int32Array(best.cost);
  let n = 0;
  let lastOrdinal = -1;
  let folded: string | undefined;
  for (const { postings, offsets } of best.words) {
    for (let k = 0; k < postings.length; k++) {
      const ordinal = postings.ordinals[k] ?? 0;
      if (ordinal !== lastOrdinal) {
        folded = foldedOf(ordinal);
        lastOrdinal = ordinal;
      }
      if (folded === undefined) continue;
      for (const offset of offsets) {
        const start = (postings.starts[k] ?? 0) + offset - best.at;
        if (start < 0 || (check && !folded.startsWith(term, start))) continue;
        ordinals[n] = ordinal;
        starts[n] = start;
        n++;
      }
    }
  }
  // Grouped by source (a counting sort: sources are numbered densely), each group in order. One word's
  // places are in order already; several words' places are sorted within each source's group.
  let top = 0;
  for (let i = 0; i < n; i++) top = Math.max(top, ordinals[i] ?? 0);
  const bounds = new Int32Array(top + 2);
  for (let i = 0; i < n; i++) {
    const o = (ordinals[i] ?? 0) + 1;
    bounds[o] = (bounds[o] ?? 0) + 1;
  }
  for (let o = 1; o < bounds.length; o++) bounds[o] = (bounds[o] ?? 0) + (bounds[o - 1] ?? 0);
  const grouped = new Int32Array(n);
  const next = bounds.slice();
  for (let i = 0; i < n; i++) {
    const o = ordinals[i] ?? 0;
    const at = next[o] ?? 0;
    grouped[at] = starts[i] ?? 0;
    next[o] = at + 1;
  }
  const merge = best.words.length > 1 || best.words.some((w) => w.offsets.length > 1);
  const out = new Map<number, Int32Array>();
  for (let o = 0; o <= top; o++) {
    const from = bounds[o] ?? 0;
    const to = bounds[o + 1] ?? 0;
    if (to === from) continue;
    const group = grouped.subarray(from, to);
    if (merge) group.sort();
    out.set(o, group);
  }
  return out;
}
