import type { InlineNode, ListBlock, MemoDocument } from "./ast";
import { escapeInline } from "./links";
import { normaliseInlines } from "./normalise";

/** Memo documents back to memo text (the inverse of parse.ts, for normalised documents). */

/** Inline nodes back to text; runs are emitted as toggles, so neighbouring marks never clash. */
export function serializeInline(nodes: readonly InlineNode[]): string {
  let out = "";
  let bold = false;
  let italic = false;
  const setMarks = (b: boolean, i: boolean) => {
    const toggle = (bold !== b ? "**" : "") + (italic !== i ? "*" : "");
    out += toggle;
    bold = b;
    italic = i;
  };
  for (const node of normaliseInlines(nodes)) {
    if (node.type === "text") {
      setMarks(node.bold, node.italic);
      out += escapeInline(node.text);
    } else if (node.type === "break") {
      setMarks(false, false);
      out += "\n";
    } else {
      setMarks(false, false);
      out += `[${serializeInline(node.children)}](${node.href})`;
    }
  }
  setMarks(false, false);
  return out;
}

/** A paragraph line must not read back as a heading or a list item. */
function escapeLineStart(line: string): string {
  if (/^(#{1,3})([ \t]|$)/.test(line) || /^[-+]([ \t]|$)/.test(line)) return `\\${line}`;
  const numbered = /^(\d{1,9})([.)])([ \t]|$)/.exec(line);
  if (numbered) return `${numbered[1]}\\${line.slice((numbered[1] ?? "").length)}`;
  return line;
}

/** Headings and list items are one line: a line break inside them becomes a space. */
function oneLine(nodes: readonly InlineNode[]): string {
  return serializeInline(nodes.map((n): InlineNode => (n.type === "break" ? { type: "text", text: " ", bold: false, italic: false } : n)));
}

function serializeList(list: ListBlock, depth: number): string[] {
  const lines: string[] = [];
  list.items.forEach((item, index) => {
    const marker = list.ordered ? `${list.start + index}.` : "-";
    const content = oneLine(item.children);
    lines.push(`${"  ".repeat(depth)}${marker}${content ? ` ${content}` : ""}`);
    for (const sub of item.sublists) lines.push(...serializeList(sub, depth + 1));
  });
  return lines;
}

export function serializeMemo(doc: MemoDocument): string {
  return doc.blocks
    .map((block) => {
      switch (block.type) {
        case "heading": {
          const content = oneLine(block.children);
          return `${"#".repeat(block.level)}${content ? ` ${content}` : ""}`;
        }
        case "paragraph":
          return serializeInline(block.children).split("\n").map(escapeLineStart).join("\n");
        case "list":
          return serializeList(block, 0).join("\n");
      }
    })
    .join("\n\n");
}
