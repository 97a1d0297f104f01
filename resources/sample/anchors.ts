/**
 * Sample codings are stored as the words they cover, not as offsets, so they land on the right text
 * whatever the converter does to white space or line ends. Pure.
 *
 * An anchor is either the coded text itself, or the words it starts with (`from`) and the words it
 * ends with (`to`) for a long passage. `occurrence` (1-based, default 1) picks a later match of the
 * text or of `from`. White space in an anchor matches any run of white space in the source.
 */

export type SampleAnchor = { text: string; occurrence?: number } | { from: string; to: string; occurrence?: number };

export interface AnchorRange {
  start: number;
  end: number;
}

function pattern(words: string): RegExp {
  const escaped = words
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
  return new RegExp(escaped, "g");
}

/** Every match of `words` in `text`, in order. */
export function findAll(text: string, words: string): AnchorRange[] {
  const out: AnchorRange[] = [];
  for (const m of text.matchAll(pattern(words))) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Where an anchor falls in the text, or null when it does not (a test checks every sample anchor). */
export function resolveAnchor(text: string, anchor: SampleAnchor): AnchorRange | null {
  const occurrence = anchor.occurrence ?? 1;
  if ("text" in anchor) return findAll(text, anchor.text)[occurrence - 1] ?? null;
  const from = findAll(text, anchor.from)[occurrence - 1];
  if (!from) return null;
  const to = findAll(text, anchor.to).find((r) => r.end > from.start && r.start >= from.start);
  return to ? { start: from.start, end: to.end } : null;
}
