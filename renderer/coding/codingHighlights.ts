/**
 * Coding highlights in the text (CSS Custom Highlight API, like find): one highlight per code, in the
 * code's colour, translucent so overlapping codes layer into a visibly mixed colour; where two or
 * more codes overlap the text is also underlined (solid, double, wavy for 2, 3, 4+ codes), so an
 * overlap never depends on telling colours apart. Styles for codes are generated into one
 * constructed stylesheet (allowed under the app's CSP, which forbids <style> elements).
 */
import { canHighlight } from "../sources/viewer/highlights";

export const DEPTH_HIGHLIGHTS = ["margin-coding-depth-2", "margin-coding-depth-3", "margin-coding-depth-4"] as const;
export const SELECTED_HIGHLIGHT = "margin-coding-selected";

/** Highlight priorities: codes under the find highlights (0 and 1), the chosen coding above them. */
export const PRIORITY = { code: -3, depth: -2, selected: 3 } as const;

const slots = new Map<string, number>();
const colours = new Map<number, string>();
let sheet: CSSStyleSheet | null = null;
let dirty = true;

function rgb(hex: string): string {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return "120 120 120";
  return [match[1], match[2], match[3]].map((h) => parseInt(h ?? "0", 16)).join(" ");
}

const STATIC_RULES = [
  `::highlight(${DEPTH_HIGHLIGHTS[0]}) { text-decoration: underline solid 2px; text-underline-offset: 3px; }`,
  `::highlight(${DEPTH_HIGHLIGHTS[1]}) { text-decoration: underline double 2px; text-underline-offset: 3px; }`,
  `::highlight(${DEPTH_HIGHLIGHTS[2]}) { text-decoration: underline wavy 2px; text-underline-offset: 3px; }`,
  `::highlight(${SELECTED_HIGHLIGHT}) { background-color: rgb(29 78 216 / 0.16); text-decoration: overline solid 3px rgb(29 78 216); }`,
  `.dark ::highlight(${SELECTED_HIGHLIGHT}) { background-color: rgb(125 211 252 / 0.2); text-decoration: overline solid 3px rgb(125 211 252); }`,
];

/** The CSS highlight name that paints this code (stable for the session), registering its colour. */
export function highlightNameFor(codeId: string, colour: string): string {
  let slot = slots.get(codeId);
  if (slot === undefined) {
    slot = slots.size;
    slots.set(codeId, slot);
  }
  if (colours.get(slot) !== colour) {
    colours.set(slot, colour);
    dirty = true;
  }
  return `margin-code-${slot}`;
}

/** Writes the code colours registered since the last call into the stylesheet. */
export function syncHighlightStyles(): void {
  if (!dirty || !canHighlight() || typeof CSSStyleSheet === "undefined") return;
  dirty = false;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  const rules = [...STATIC_RULES];
  for (const [slot, colour] of colours) {
    const c = rgb(colour);
    rules.push(`::highlight(margin-code-${slot}) { background-color: rgb(${c} / 0.24); }`);
    rules.push(`.dark ::highlight(margin-code-${slot}) { background-color: rgb(${c} / 0.42); }`);
  }
  sheet.replaceSync(rules.join("\n"));
}
