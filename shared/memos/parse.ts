/**
 * Memo bodies are a small Markdown subset, stored as plain text in MemoRecord.body:
 *   # / ## / ### headings, paragraphs (a single newline is a line break), bulleted (-, *, +) and
 *   numbered (1. or 1)) lists nested by indenting, **bold** / __bold__, *italic* / _italic_,
 *   and [label](margin:kind/id) links. A backslash makes the next punctuation character literal.
 * Plain text is safe to store, diff, merge and search, and the parser never produces HTML: React
 * renders the tree it returns.
 *
 * Bold and italic are parsed as toggles (a run of one star toggles italic, two bold, three both),
 * which keeps the serializer's output unambiguous; a toggle needs a non-space character on its
 * inner side, so "2 * 3 * 4" stays arithmetic.
 */

import { parseMarginHref } from "./links";
import type { InlineNode, ListBlock, MemoBlock, MemoDocument } from "./ast";
import { normaliseInlines } from "./normalise";

// ---------------------------------------------------------------------------------------------
// Blocks

const HEADING = /^ {0,3}(#{1,3})(?:[ \t]+(.*?))?[ \t]*$/;
const LIST_ITEM = /^( *)([-+*]|\d{1,9}[.)])(?:[ \t]+(.*?))?[ \t]*$/;

interface ItemLine {
  indent: number;
  ordered: boolean;
  number: number;
  content: string;
}

function itemLine(line: string): ItemLine | null {
  const match = LIST_ITEM.exec(line);
  if (!match) return null;
  const [, spaces = "", marker = "", content = ""] = match;
  const ordered = /\d/.test(marker);
  return { indent: spaces.length, ordered, number: ordered ? parseInt(marker, 10) : 1, content };
}

function isBlank(line: string): boolean {
  return line.trim() === "";
}

export function parseMemo(body: string): MemoDocument {
  // Tabs before a list marker count as four spaces of indent.
  const lines = body
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/^[ \t]+/, (lead) => lead.replace(/\t/g, "    ")));
  const blocks: MemoBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (isBlank(line)) {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1] ?? "#").length as 1 | 2 | 3;
      blocks.push({ type: "heading", level, children: parseInline(heading[2] ?? "") });
      i++;
      continue;
    }
    const item = itemLine(line);
    if (item) {
      const parsed = parseList(lines, i, item.indent);
      blocks.push(parsed.list);
      i = parsed.next;
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length) {
      const next = lines[i] ?? "";
      if (isBlank(next) || HEADING.test(next) || itemLine(next)) break;
      paragraph.push(next.trim());
      i++;
    }
    const children: InlineNode[] = [];
    paragraph.forEach((text, index) => {
      if (index > 0) children.push({ type: "break" });
      children.push(...parseInline(text));
    });
    blocks.push({ type: "paragraph", children });
  }
  return { blocks };
}

/** One list starting at `start`: items at `indent`, deeper items nest under the item before them. */
function parseList(lines: string[], start: number, indent: number): { list: ListBlock; next: number } {
  const first = itemLine(lines[start] ?? "");
  const ordered = first?.ordered ?? false;
  const list: ListBlock = { type: "list", ordered, start: first?.number ?? 1, items: [] };
  let i = start;
  while (i < lines.length) {
    const item = itemLine(lines[i] ?? "");
    if (!item || item.indent < indent) break;
    const last = list.items.at(-1);
    if (item.indent > indent && last) {
      const nested = parseList(lines, i, item.indent);
      // Items that drift back to a shallower (but still nested) indent continue the same nested list.
      const previous = last.sublists.at(-1);
      if (previous && previous.ordered === nested.list.ordered) previous.items.push(...nested.list.items);
      else last.sublists.push(nested.list);
      i = nested.next;
      continue;
    }
    if (item.ordered !== ordered) break;
    list.items.push({ children: parseInline(item.content), sublists: [] });
    i++;
  }
  return { list, next: i };
}

// ---------------------------------------------------------------------------------------------
// Inline

type Piece =
  | { kind: "text"; text: string }
  | { kind: "link"; href: string; label: string }
  | { kind: "run"; char: "*" | "_"; length: number; prev: string; next: string };

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

/** Splits one line into text, links and runs of * or _ (escapes already resolved). */
function scan(line: string, allowLinks: boolean): Piece[] {
  const pieces: Piece[] = [];
  let text = "";
  const flush = () => {
    if (text) pieces.push({ kind: "text", text });
    text = "";
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i] ?? "";
    if (c === "\\" && i + 1 < line.length && PUNCTUATION.test(line[i + 1] ?? "")) {
      text += line[i + 1];
      i += 2;
      continue;
    }
    if (c === "*" || c === "_") {
      let j = i;
      while (line[j] === c) j++;
      flush();
      pieces.push({ kind: "run", char: c, length: j - i, prev: line[i - 1] ?? "", next: line[j] ?? "" });
      i = j;
      continue;
    }
    if (c === "[" && allowLinks) {
      const link = matchLink(line, i);
      if (link) {
        flush();
        pieces.push({ kind: "link", href: link.href, label: link.label });
        i = link.end;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return pieces;
}

/** `[label](href)` at `start`: no unescaped brackets in the label, no spaces or parentheses in the href. */
function matchLink(line: string, start: number): { label: string; href: string; end: number } | null {
  let j = start + 1;
  while (j < line.length) {
    const c = line[j];
    if (c === "\\") {
      j += 2;
      continue;
    }
    if (c === "[") return null;
    if (c === "]") break;
    j++;
  }
  if (line[j] !== "]" || line[j + 1] !== "(") return null;
  const close = line.indexOf(")", j + 2);
  if (close < 0) return null;
  const href = line.slice(j + 2, close);
  if (!href || /[\s(]/.test(href)) return null;
  return { label: line.slice(start + 1, j), href, end: close + 1 };
}

type Mark = "bold" | "italic";

interface Toggle {
  piece: number;
  mark: Mark;
  on: boolean;
}

/** Parses one line of inline content (no line breaks). */
export function parseInline(line: string, allowLinks = true): InlineNode[] {
  const pieces = scan(line, allowLinks);
  const toggles: Toggle[] = [];
  const state: Record<Mark, boolean> = { bold: false, italic: false };
  // Which characters of each run became toggles; the rest stay literal.
  const used = new Map<number, Set<Mark>>();
  pieces.forEach((piece, index) => {
    if (piece.kind !== "run" || piece.length > 3) return;
    const marks: Mark[] = piece.length === 1 ? ["italic"] : piece.length === 2 ? ["bold"] : ["bold", "italic"];
    for (const mark of marks) {
      const on = !state[mark];
      if (!canToggle(piece, on)) continue;
      state[mark] = on;
      toggles.push({ piece: index, mark, on });
      const set = used.get(index) ?? new Set<Mark>();
      set.add(mark);
      used.set(index, set);
    }
  });
  // A mark still on at the end of the line was never closed: its opening stays literal.
  for (const mark of ["bold", "italic"] as const) {
    if (!state[mark]) continue;
    const last = toggles.findLastIndex((t) => t.mark === mark && t.on);
    const toggle = toggles[last];
    if (!toggle) continue;
    toggles.splice(last, 1);
    used.get(toggle.piece)?.delete(mark);
  }

  // A pair with nothing between it ("*_", "****" split oddly) formats nothing: both stay literal.
  for (let k = toggles.length - 1; k >= 0; k--) {
    const off = toggles[k];
    if (!off || off.on) continue;
    const onIndex = toggles.findLastIndex((t, j) => j < k && t.mark === off.mark);
    const on = toggles[onIndex];
    if (!on) continue;
    const between = pieces.slice(on.piece + 1, off.piece).some((p) => p.kind !== "run");
    if (between) continue;
    toggles.splice(k, 1);
    toggles.splice(onIndex, 1);
    used.get(on.piece)?.delete(on.mark);
    used.get(off.piece)?.delete(off.mark);
    k = Math.min(k, toggles.length);
  }

  const out: InlineNode[] = [];
  const now: Record<Mark, boolean> = { bold: false, italic: false };
  const push = (text: string) => {
    if (text) out.push({ type: "text", text, bold: now.bold, italic: now.italic });
  };
  pieces.forEach((piece, index) => {
    if (piece.kind === "text") push(piece.text);
    else if (piece.kind === "link") {
      const label = parseInline(piece.label, false).flatMap((n) =>
        n.type === "text" ? [{ ...n, bold: n.bold || now.bold, italic: n.italic || now.italic }] : [],
      );
      out.push({ type: "link", href: piece.href, target: parseMarginHref(piece.href), children: label });
    } else {
      const marks = used.get(index) ?? new Set<Mark>();
      for (const t of toggles) if (t.piece === index) now[t.mark] = t.on;
      const consumed = (marks.has("bold") ? 2 : 0) + (marks.has("italic") ? 1 : 0);
      push(piece.char.repeat(piece.length - consumed));
    }
  });
  return normaliseInlines(out);
}

function canToggle(run: Extract<Piece, { kind: "run" }>, on: boolean): boolean {
  const inner = on ? run.next : run.prev;
  if (!inner || /\s/.test(inner)) return false;
  // Underscores inside words (file_name_v2) are not formatting.
  if (run.char === "_") {
    const outer = on ? run.prev : run.next;
    if (outer && WORD.test(outer)) return false;
  }
  return true;
}
