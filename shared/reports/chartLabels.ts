/**
 * Chart labels that never clip: long code paths and source names are shortened from the middle (the
 * start and the code's own name at the end stay readable) to a width the chart then makes room for.
 * Widths are estimated from the character count (no fonts in the pure core), generously, so a label
 * is never wider than the room given to it. Used by the app's charts and the HTML export's.
 */

/** Estimated width of one character, as a share of the font size (generous for proportional fonts). */
const CHAR_EM = 0.6;

export function labelWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * CHAR_EM);
}

/** `text` in at most `max` characters: whole, or its start and end around "…"; a path keeps its last part where it can. */
export function abbreviateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(2, max - 1);
  const slash = text.lastIndexOf("/");
  // A path's end carries the code's own name: keep it whole when that leaves a few characters of the start.
  const tailLength = slash < 0 ? Math.ceil(room / 2) : Math.max(Math.ceil(room / 2), Math.min(text.length - slash - 1, room - 6));
  const headLength = room - tailLength;
  return `${text.slice(0, headLength).trimEnd()}…${text.slice(text.length - tailLength).trimStart()}`;
}

/** Row labels (right-aligned before the plot): their column's width and the labels as drawn. */
export function rowLabels(labels: readonly string[], fontSize: number, maxWidth: number): { width: number; labels: string[] } {
  const maxChars = Math.floor(maxWidth / (fontSize * CHAR_EM));
  const drawn = labels.map((l) => abbreviateMiddle(l, maxChars));
  const width = Math.max(60, ...drawn.map((l) => labelWidth(l, fontSize))) + 10;
  return { width, labels: drawn };
}

/**
 * Column labels slanted up to the right at `angleDegrees` from their column's middle: the labels as
 * drawn, the height they need above the cells, and how far the last ones reach right of their column's
 * middle (the chart widens by that).
 */
export function slantedLabels(
  labels: readonly string[],
  fontSize: number,
  maxWidth: number,
  angleDegrees: number,
): { labels: string[]; height: number; reach: number[] } {
  const maxChars = Math.floor(maxWidth / (fontSize * CHAR_EM));
  const drawn = labels.map((l) => abbreviateMiddle(l, maxChars));
  const rad = (angleDegrees * Math.PI) / 180;
  const lengths = drawn.map((l) => labelWidth(l, fontSize));
  const height = Math.ceil(Math.max(0, ...lengths) * Math.sin(rad) + fontSize * 1.5);
  return { labels: drawn, height, reach: lengths.map((w) => Math.ceil(w * Math.cos(rad) + fontSize)) };
}
