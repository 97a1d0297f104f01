import { TextBuilder, type BlockShape } from "./text-builder";
import type { Block, Mark } from "./types";

/**
 * Reads mammoth's HTML output without a DOM (shared/ must run in workers and CLIs). mammoth writes
 * a small, regular subset: p, h1-h6, ul/ol/li, table/thead/tbody/tr/td/th, strong, em, a, sup, sub,
 * s, br, img and input, attribute values double-quoted, text escaped as &amp; &lt; &gt; &quot;.
 * So a linear tag scanner is enough; unknown tags are ignored and their text kept.
 */

export interface ScanResult {
  text: string;
  blocks: Block[];
  marks: Mark[];
  /** Pictures mammoth met in the body (all left out). */
  images: number;
  /** Footnotes and endnotes appended under the "Notes" heading. */
  notes: number;
}

/** Heading text placed before footnotes and endnotes, which Word shows away from the body. */
export const NOTES_HEADING = "Notes";

interface TableFrame {
  index: number;
  row: number;
  col: number;
  /** Rows still covered by a rowspan, per grid column. */
  spans: number[];
  occupied: boolean[];
}

type Container =
  | { type: "list"; ordered: boolean }
  | { type: "li"; level: number; ordered: boolean; note: boolean }
  | { type: "table"; frame: TableFrame }
  | { type: "cell"; table: number; row: number; column: number };

/** The inline marks mammoth writes, by element. */
const MARKS = { strong: "bold", em: "italic" } as const;
const NOTE_ID = /^(?:footnote|endnote)-/;
const NOTE_BACKLINK = /^#(?:footnote|endnote)-ref-/;
const NOTE_REFERENCE_ID = /^(?:footnote|endnote)-ref-/;

export function scanMammothHtml(html: string): ScanResult {
  const out = new TextBuilder();
  const stack: Container[] = [];
  const anchors: boolean[] = []; // true while inside a note back-link, whose "↑" is dropped
  const noteLabels = new Map<string, string>();
  let skipText = 0;
  let labelTarget: string | null = null;
  let labelText = "";
  let notePrefix: string | null = null;
  let trimNextText = false;
  let notesStarted = false;
  let notes = 0;
  let images = 0;
  let tables = 0;

  /** Innermost open container of one of the given kinds (plain loop: this runs per block). */
  function nearest<T extends Container["type"]>(a: T, b?: Container["type"]): Extract<Container, { type: T }> | undefined {
    for (let i = stack.length - 1; i >= 0; i--) {
      const c = stack[i];
      if (c && (c.type === a || c.type === b)) return c as Extract<Container, { type: T }>;
    }
    return undefined;
  }

  /** Builds the shape field by field: spreading objects here was the scanner's hottest spot. */
  function shapeOf(kind: BlockShape["kind"], level?: number, ordered?: boolean): BlockShape {
    const shape: BlockShape = { kind };
    if (level !== undefined) shape.level = level;
    if (ordered !== undefined) shape.ordered = ordered;
    const cell = nearest("cell");
    if (cell) {
      shape.table = cell.table;
      shape.row = cell.row;
      shape.column = cell.column;
    }
    return shape;
  }

  /** Shape of ordinary text at this point: list item, table cell, or paragraph. */
  function contextShape(): BlockShape {
    const inner = nearest<"li" | "cell">("li", "cell");
    if (inner?.type === "li") return inner.note ? { kind: "paragraph" } : shapeOf("listItem", inner.level, inner.ordered);
    return shapeOf(inner ? "tableCell" : "paragraph");
  }

  function listDepth(): number {
    let depth = 0;
    for (let i = stack.length - 1; i >= 0; i--) {
      const c = stack[i];
      if (c?.type === "cell") break; // a list inside a table cell starts again at level 0
      if (c?.type === "list") depth++;
    }
    return depth;
  }

  function startTextBlock(shape: BlockShape): void {
    out.startBlock(shape);
    if (notePrefix !== null) {
      out.append(`${notePrefix} `);
      notePrefix = null;
      trimNextText = true;
    }
  }

  function onText(raw: string): void {
    if (skipText > 0) return;
    let text = raw.includes("&") ? decodeEntities(raw) : raw;
    if (labelTarget !== null) labelText += text;
    if (trimNextText) {
      text = text.trimStart();
      if (text.length === 0) return;
      trimNextText = false;
    }
    if (!out.inBlock) {
      if (text.trim().length === 0) return;
      startTextBlock(contextShape());
    }
    out.append(text);
  }

  function onOpen(name: string, attrs: string): void {
    switch (name) {
      case "p":
        startTextBlock(contextShape());
        return;
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
        startTextBlock(shapeOf("heading", Number(name[1])));
        return;
      case "ul":
      case "ol":
        out.endBlock(); // "two" in <li>two<ol>... ends where the nested list begins
        stack.push({ type: "list", ordered: name === "ol" });
        return;
      case "li": {
        const id = attr(attrs, "id");
        if (id !== null && NOTE_ID.test(id)) {
          if (!notesStarted) {
            notesStarted = true;
            out.startBlock({ kind: "heading", level: 1 });
            out.append(NOTES_HEADING);
            out.endBlock();
          }
          notes++;
          notePrefix = noteLabels.get(id) ?? `[${notes}]`;
          stack.push({ type: "li", level: 0, ordered: true, note: true });
          return;
        }
        const list = nearest("list");
        const level = Math.max(0, listDepth() - 1);
        stack.push({ type: "li", level, ordered: list?.ordered ?? false, note: false });
        startTextBlock(contextShape());
        return;
      }
      case "table": {
        out.endBlock();
        stack.push({ type: "table", frame: { index: tables++, row: -1, col: 0, spans: [], occupied: [] } });
        return;
      }
      case "tr": {
        const frame = nearest("table")?.frame;
        if (!frame) return;
        frame.row++;
        frame.col = 0;
        frame.occupied = frame.spans.map((s) => s > 0);
        frame.spans = frame.spans.map((s) => Math.max(0, s - 1));
        return;
      }
      case "td":
      case "th": {
        out.endBlock();
        const frame = nearest("table")?.frame;
        if (!frame) return;
        let col = frame.col;
        while (frame.occupied[col]) col++;
        const colspan = positiveInt(attr(attrs, "colspan"));
        const rowspan = positiveInt(attr(attrs, "rowspan"));
        for (let k = col; k < col + colspan; k++) frame.spans[k] = rowspan - 1;
        frame.col = col + colspan;
        stack.push({ type: "cell", table: frame.index, row: Math.max(0, frame.row), column: col });
        return;
      }
      case "strong":
      case "em":
        out.openMark(MARKS[name]);
        return;
      case "a": {
        const href = attr(attrs, "href") ?? "";
        const backlink = NOTE_BACKLINK.test(href);
        anchors.push(backlink);
        if (backlink) skipText++;
        const id = attr(attrs, "id");
        if (id !== null && NOTE_REFERENCE_ID.test(id) && href.startsWith("#")) {
          labelTarget = href.slice(1);
          labelText = "";
        }
        return;
      }
      default:
        return;
    }
  }

  function onClose(name: string): void {
    switch (name) {
      case "p":
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
        out.endBlock();
        trimNextText = false;
        return;
      case "li":
      case "ul":
      case "ol":
      case "td":
      case "th":
      case "table":
        out.endBlock();
        notePrefix = null; // a note without paragraphs must not label the next block
        popUntil(name === "ul" || name === "ol" ? "list" : name === "th" || name === "td" ? "cell" : name);
        return;
      case "strong":
      case "em":
        out.closeMark(MARKS[name]);
        return;
      case "a":
        if (anchors.pop()) skipText--;
        if (labelTarget !== null) {
          noteLabels.set(labelTarget, labelText.trim());
          labelTarget = null;
        }
        return;
      default:
        return;
    }
  }

  function popUntil(type: Container["type"]): void {
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]?.type === type) {
        stack.length = i;
        return;
      }
    }
  }

  function onSelfClosing(name: string, attrs: string): void {
    if (name === "br") out.splitBlock();
    else if (name === "img") images++;
    else if (name === "input" && attr(attrs, "type") === "checkbox") {
      // Word shows the box itself; keep it so "☒ Yes ☐ No" answers survive.
      onText(attr(attrs, "checked") !== null ? "☒" : "☐");
    }
  }

  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf("<", i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) onText(html.slice(i, textEnd));
    if (lt === -1) break;
    const gt = html.indexOf(">", lt);
    if (gt === -1) break;
    const closing = html.charCodeAt(lt + 1) === 0x2f;
    let nameEnd = lt + (closing ? 2 : 1);
    while (nameEnd < gt && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(lt + (closing ? 2 : 1), nameEnd);
    if (closing) onClose(name);
    else if (html.charCodeAt(gt - 1) === 0x2f) onSelfClosing(name, html.slice(nameEnd, gt - 1));
    else onOpen(name, html.slice(nameEnd, gt));
    i = gt + 1;
  }

  const { text, blocks, marks } = out.finish();
  return { text, blocks, marks, images, notes };
}

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

function attr(attrs: string, name: string): string | null {
  if (attrs.length === 0) return null;
  const key = ` ${name}="`;
  const at = attrs.indexOf(key);
  if (at === -1) return null;
  const from = at + key.length;
  const to = attrs.indexOf('"', from);
  return to === -1 ? null : decodeEntities(attrs.slice(from, to));
}

function positiveInt(value: string | null): number {
  const n = value === null ? 1 : Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : 1;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"' };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot);/g, (_, name: string) => ENTITIES[name] ?? "");
}
