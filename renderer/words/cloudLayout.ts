/**
 * Word-cloud layout with d3-cloud (Feinberg's spiral placement), made repeatable: a seeded random
 * source, no rotation (level words are easier to read), and a canvas of our own for measuring, so the
 * same words and counts always give the same picture on the same machine. With d3-cloud's default
 * time interval (unbounded) the layout runs to the end inside start(), synchronously.
 */
import cloud from "d3-cloud";

export interface CloudInput {
  text: string;
  count: number;
}

export interface PlacedWord {
  text: string;
  /** Index into the input (the table row it came from). */
  index: number;
  size: number;
  /** Centre of the word, relative to the centre of the picture. */
  x: number;
  y: number;
}

export const CLOUD_FONT = "system-ui, sans-serif";
const MIN_SIZE = 12;
const MAX_SIZE = 54;

/** Mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Font size by count: area grows with the count (square root), from MIN_SIZE to MAX_SIZE. */
export function fontSize(count: number, least: number, most: number): number {
  if (most <= least) return (MIN_SIZE + MAX_SIZE) / 2;
  return Math.round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt((count - least) / (most - least)));
}

interface LayoutWord extends cloud.Word {
  index: number;
}

export interface CloudPicture {
  words: PlacedWord[];
  /** The centre of the placed words, relative to the centre of the picture (to centre the view on them). */
  centre: { x: number; y: number };
}

/** Places the words (most frequent first); words that do not fit are left out. */
export function layoutCloud(words: readonly CloudInput[], width: number, height: number, canvas: () => HTMLCanvasElement): CloudPicture {
  const centre = { x: 0, y: 0 };
  if (words.length === 0) return { words: [], centre };
  const counts = words.map((w) => w.count);
  const least = Math.min(...counts);
  const most = Math.max(...counts);
  let placed: PlacedWord[] = [];
  cloud<LayoutWord>()
    .size([width, height])
    .canvas(canvas)
    .random(seededRandom(20261207))
    .words(words.map((w, index) => ({ text: w.text, index, size: fontSize(w.count, least, most) })))
    .font(CLOUD_FONT)
    .fontWeight(600)
    .padding(2)
    .rotate(0)
    .fontSize((d) => d.size ?? MIN_SIZE)
    .on("end", (tags, bounds) => {
      placed = tags.map((t) => ({ text: t.text ?? "", index: t.index, size: t.size ?? MIN_SIZE, x: t.x ?? 0, y: t.y ?? 0 }));
      // d3-cloud's bounds are in board coordinates (origin top left); the words, centred.
      const [from, to] = bounds ?? [];
      if (from && to) {
        centre.x = (from.x + to.x) / 2 - width / 2;
        centre.y = (from.y + to.y) / 2 - height / 2;
      }
    })
    .start();
  return { words: placed, centre };
}
