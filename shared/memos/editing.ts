/**
 * What the memo editor's toolbar and shortcuts do to the text: pure functions from the textarea's
 * text and selection to ONE replacement, so the editor can apply it through the browser's own
 * editing (which keeps Ctrl+Z in the textarea working) and tests can check it without a DOM.
 */

import { memoLinkMarkdown, type MemoLinkTarget } from "./links";

export interface TextState {
  text: string;
  /** Selection, as textarea selectionStart/selectionEnd. */
  start: number;
  end: number;
}

/** Replace text[from, to) with `insert`, then select [selectionStart, selectionEnd) of the new text. */
export interface Replacement {
  from: number;
  to: number;
  insert: string;
  selectionStart: number;
  selectionEnd: number;
}

export function applyReplacement(text: string, r: Replacement): TextState {
  return { text: text.slice(0, r.from) + r.insert + text.slice(r.to), start: r.selectionStart, end: r.selectionEnd };
}

export function replaceSelection(state: TextState, insert: string): Replacement {
  const at = state.start + insert.length;
  return { from: state.start, to: state.end, insert, selectionStart: at, selectionEnd: at };
}

/** Inserts a link; the selected words (on one line) become its label, else the target's name. */
export function insertLink(state: TextState, target: MemoLinkTarget, name: string): Replacement {
  const selected = state.text.slice(state.start, state.end).trim();
  const label = selected && !selected.includes("\n") ? selected : name;
  return replaceSelection(state, memoLinkMarkdown(target, label));
}

// ---------------------------------------------------------------------------------------------
// Bold and italic

export type InlineMark = "bold" | "italic";

const BLOCK_PREFIX = /^( *(?:#{1,3}[ \t]+|[-+*][ \t]+|\d{1,9}[.)][ \t]+)?)/;

function starsBefore(text: string, at: number): number {
  let n = 0;
  while (at - n - 1 >= 0 && text[at - n - 1] === "*") n++;
  return n;
}

function starsAfter(text: string, at: number): number {
  let n = 0;
  while (text[at + n] === "*") n++;
  return n;
}

/** Whether a run of `n` stars carries the mark (one star italic, two bold, three both). */
function runHas(n: number, mark: InlineMark): boolean {
  return mark === "bold" ? n === 2 || n === 3 : n === 1 || n === 3;
}

/**
 * Bold (**) or italic (*) on or off around the selection. An empty selection gets an empty pair with
 * the cursor inside (or loses the pair it sits in). Spaces at the selection's edges stay outside, and
 * a selection over several lines is formatted line by line, after any heading or list marker.
 */
export function toggleInlineMark(state: TextState, mark: InlineMark): Replacement {
  const { text } = state;
  const delim = mark === "bold" ? "**" : "*";
  const d = delim.length;
  let { start, end } = state;
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;

  if (start === end) {
    const before = starsBefore(text, start);
    const after = starsAfter(text, start);
    if (runHas(before, mark) && runHas(after, mark) && before === after) {
      return { from: start - d, to: start + d, insert: "", selectionStart: start - d, selectionEnd: start - d };
    }
    return { from: start, to: start, insert: delim + delim, selectionStart: start + d, selectionEnd: start + d };
  }

  const selected = text.slice(start, end);
  if (!selected.includes("\n")) {
    // Already formatted, with the markers just outside the selection: take them away.
    if (runHas(starsBefore(text, start), mark) && runHas(starsAfter(text, end), mark)) {
      return { from: start - d, to: end + d, insert: selected, selectionStart: start - d, selectionEnd: end - d };
    }
    // ...or just inside it.
    const inner = selected.slice(starsAfter(selected, 0), selected.length - starsBefore(selected, selected.length));
    if (
      selected.length > 2 * d &&
      runHas(starsAfter(selected, 0), mark) &&
      runHas(starsBefore(selected, selected.length), mark) &&
      inner.trim()
    ) {
      const unwrapped = selected.slice(d, selected.length - d);
      return { from: start, to: end, insert: unwrapped, selectionStart: start, selectionEnd: start + unwrapped.length };
    }
    return { from: start, to: end, insert: delim + selected + delim, selectionStart: start + d, selectionEnd: end + d };
  }

  const atLineStart = start === 0 || text[start - 1] === "\n";
  const lines = selected.split("\n").map((line, index) => {
    const prefix = index > 0 || atLineStart ? (BLOCK_PREFIX.exec(line)?.[1] ?? "") : "";
    const rest = line.slice(prefix.length);
    const lead = /^\s*/.exec(rest)?.[0] ?? "";
    const core = rest.trim();
    if (!core) return line;
    return prefix + lead + delim + core + delim + rest.slice(lead.length + core.length);
  });
  const insert = lines.join("\n");
  return { from: start, to: end, insert, selectionStart: start, selectionEnd: start + insert.length };
}

// ---------------------------------------------------------------------------------------------
// Headings and lists

export type LineKind = "heading" | "bullet" | "number";

const LINE = /^( *)(#{1,3}[ \t]+|[-+*][ \t]+|\d{1,9}[.)][ \t]+)?(.*)$/;

function kindOf(prefix: string): LineKind | null {
  if (!prefix) return null;
  if (prefix.startsWith("#")) return "heading";
  if (/^\d/.test(prefix)) return "number";
  return "bullet";
}

/**
 * Makes the lines the selection touches a heading, bulleted or numbered (renumbered 1, 2, 3…),
 * or, when they all already are, plain paragraphs again. Indentation (list nesting) is kept.
 */
export function toggleLineKind(state: TextState, kind: LineKind): Replacement {
  const { text } = state;
  const from = text.lastIndexOf("\n", state.start - 1) + 1;
  // A selection ending at the very start of a line does not include that line.
  const endAt = state.end > state.start && text[state.end - 1] === "\n" ? state.end - 1 : state.end;
  const nl = text.indexOf("\n", endAt);
  const to = nl < 0 ? text.length : nl;
  const lines = text.slice(from, to).split("\n");
  const parsed = lines.map((line) => {
    const m = LINE.exec(line);
    return { indent: m?.[1] ?? "", prefix: m?.[2] ?? "", rest: m?.[3] ?? "" };
  });
  const content = parsed.filter((l) => l.rest.trim() !== "" || lines.length === 1);
  const allAlready = content.length > 0 && content.every((l) => kindOf(l.prefix) === kind);

  let number = 0;
  const out = parsed.map((l) => {
    if (l.rest.trim() === "" && !l.prefix && lines.length > 1) return l.indent + l.rest;
    if (allAlready) return l.indent + l.rest;
    if (kind === "heading") return `# ${l.rest}`;
    if (kind === "bullet") return `${l.indent}- ${l.rest}`;
    number++;
    return `${l.indent}${number}. ${l.rest}`;
  });
  const insert = out.join("\n");

  if (state.start === state.end && lines.length === 1) {
    // Keep the cursor on the same character of the line's text.
    const before = (parsed[0]?.indent.length ?? 0) + (parsed[0]?.prefix.length ?? 0);
    const after = insert.length - (parsed[0]?.rest.length ?? 0);
    const at = from + after + Math.max(0, state.start - from - before);
    return { from, to, insert, selectionStart: at, selectionEnd: at };
  }
  return { from, to, insert, selectionStart: from, selectionEnd: from + insert.length };
}
