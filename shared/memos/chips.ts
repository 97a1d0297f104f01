/**
 * Memo text as the editor shows it: each in-project link `[label](margin:kind/id)` appears as a chip
 * `⟦label⟧`, without the address, while the memo is still stored as Markdown. Typing, deleting and
 * the editor's own undo work on the shown text; `chipsToMarkdown` turns it back, looking each chip
 * up among the links the memo has held in this editing session (so undoing a deleted chip brings
 * the link back).
 */

import { parseMarginHref } from "./links";

export const CHIP_OPEN = "⟦";
export const CHIP_CLOSE = "⟧";

/** A margin: link in Markdown, with its label as written (escapes kept) and where it sits. */
export interface LinkSpan {
  start: number;
  end: number;
  label: string;
  href: string;
}

const LINK = /\[((?:\\[^\n]|[^\]\\\n])*)\]\(([^()\s]*)\)/g;

/** The well-formed margin: links in memo text, in order. A link after an escaping backslash is text. */
export function marginLinkSpans(text: string): LinkSpan[] {
  const out: LinkSpan[] = [];
  for (const m of text.matchAll(LINK)) {
    const [whole, label = "", href = ""] = m;
    const start = m.index;
    let slashes = 0;
    while (start - slashes - 1 >= 0 && text[start - slashes - 1] === "\\") slashes++;
    if (slashes % 2 === 1 || !parseMarginHref(href)) continue;
    out.push({ start, end: start + whole.length, label, href });
  }
  return out;
}

/** Chip text → the Markdown link it stands for, for every link seen while editing. */
export type ChipLinks = Map<string, string>;

/**
 * The text to show in the editor, recording each chip in `links`. Text that already holds the chip
 * brackets is shown as it is (chips could not be told from typed brackets).
 */
export function markdownToChips(markdown: string, links: ChipLinks): string {
  if (markdown.includes(CHIP_OPEN) || markdown.includes(CHIP_CLOSE)) return markdown;
  let out = "";
  let at = 0;
  for (const span of marginLinkSpans(markdown)) {
    const raw = markdown.slice(span.start, span.end);
    // Shown without Markdown escapes: the chip stands for the link, it is not parsed again.
    const label = span.label.replace(/\\([\s\S])/g, "$1");
    let chip = `${CHIP_OPEN}${label}${CHIP_CLOSE}`;
    // Two different links with the same label get different chips.
    for (let n = 2; links.has(chip) && links.get(chip) !== raw; n++) chip = `${CHIP_OPEN}${label} (${n})${CHIP_CLOSE}`;
    links.set(chip, raw);
    out += markdown.slice(at, span.start) + chip;
    at = span.end;
  }
  return out + markdown.slice(at);
}

const CHIP = new RegExp(`${CHIP_OPEN}[^${CHIP_OPEN}${CHIP_CLOSE}\\n]*${CHIP_CLOSE}`, "g");

/** The Markdown to store for what the editor shows: known chips become their links again. */
export function chipsToMarkdown(shown: string, links: ChipLinks): string {
  return shown.replace(CHIP, (chip) => links.get(chip) ?? chip);
}

/** Where the chips are in the shown text (for painting them). */
export function chipSpans(shown: string, links: ChipLinks): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of shown.matchAll(CHIP)) if (links.has(m[0])) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Keeps chips whole when the shown text is edited: an edit that reaches into a chip takes the whole
 * chip (its link goes, and undo brings it back), and text typed inside a chip goes after it.
 * Returns the text to show and where the caret goes.
 */
export function keepChipsWhole(before: string, after: string, links: ChipLinks): { text: string; caret: number } | null {
  let p = 0;
  const most = Math.min(before.length, after.length);
  while (p < most && before[p] === after[p]) p++;
  let s = 0;
  while (s < most - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  const inserted = after.slice(p, after.length - s);
  let from = p;
  let to = before.length - s;
  for (const span of chipSpans(before, links)) {
    if (from === to && span.start < from && from < span.end) {
      // Typed inside a chip: the words go after it.
      return { text: before.slice(0, span.end) + inserted + before.slice(span.end), caret: span.end + inserted.length };
    }
    if (span.start < to && span.end > from) {
      from = Math.min(from, span.start);
      to = Math.max(to, span.end);
    }
  }
  if (from === p && to === before.length - s) return null;
  return { text: before.slice(0, from) + inserted + before.slice(to), caret: from + inserted.length };
}
