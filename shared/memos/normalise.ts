import type { InlineNode, ListBlock, MemoDocument, TextRun } from "./ast";

/** Normal form of memo inline content: what the parser produces, and what the serializer expects. */

/**
 * Merges neighbouring runs with the same marks, drops empty runs, and moves whitespace at the edge
 * of a bold or italic stretch outside it (formatting a space is invisible, and "** x**" would not
 * read back as bold).
 */
export function normaliseInlines(nodes: readonly InlineNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  let segment: TextRun[] = [];
  const flush = () => {
    out.push(...normaliseRuns(segment));
    segment = [];
  };
  for (const node of nodes) {
    if (node.type === "text") segment.push(node);
    else {
      flush();
      out.push(node.type === "link" ? { ...node, children: normaliseRuns(node.children) } : node);
    }
  }
  flush();
  return out;
}

function normaliseRuns(runs: readonly TextRun[]): TextRun[] {
  // Per-character marks; then each mark is taken off whitespace at the edges of its stretches.
  const chars = runs.flatMap((run) => Array.from(run.text, (c) => ({ c, bold: run.bold, italic: run.italic })));
  const space = (i: number) => /\s/.test(chars[i]?.c ?? "");
  for (const mark of ["bold", "italic"] as const) {
    let i = 0;
    while (i < chars.length) {
      if (!chars[i]?.[mark]) {
        i++;
        continue;
      }
      let end = i;
      while (end < chars.length && chars[end]?.[mark]) end++;
      for (let a = i; a < end && space(a); a++) unmark(chars[a], mark);
      for (let b = end - 1; b >= i && space(b); b--) unmark(chars[b], mark);
      i = end;
    }
  }
  const out: TextRun[] = [];
  for (const ch of chars) {
    const last = out.at(-1);
    if (last && last.bold === ch.bold && last.italic === ch.italic) last.text += ch.c;
    else out.push({ type: "text", text: ch.c, bold: ch.bold, italic: ch.italic });
  }
  return out;
}

function unmark(ch: { bold: boolean; italic: boolean } | undefined, mark: "bold" | "italic"): void {
  if (ch) ch[mark] = false;
}

export function normaliseMemo(doc: MemoDocument): MemoDocument {
  const list = (l: ListBlock): ListBlock => ({
    ...l,
    items: l.items.map((item) => ({ children: normaliseInlines(item.children), sublists: item.sublists.map(list) })),
  });
  return {
    blocks: doc.blocks.map((b) => (b.type === "list" ? list(b) : { ...b, children: normaliseInlines(b.children) })),
  };
}
