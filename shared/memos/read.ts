import type { MemoLinkTarget } from "./links";
import type { InlineNode, ListBlock } from "./ast";
import { parseMemo } from "./parse";

/** Reading memos without drawing them: plain words for search and previews, and their links. */

/** The words of a memo without its markup: for previews in lists and for search. */
export function memoPlainText(body: string): string {
  const inline = (nodes: readonly InlineNode[]): string =>
    nodes.map((n) => (n.type === "text" ? n.text : n.type === "break" ? "\n" : inline(n.children))).join("");
  const list = (l: ListBlock): string[] => l.items.flatMap((item) => [inline(item.children), ...item.sublists.flatMap(list)]);
  return parseMemo(body)
    .blocks.flatMap((b) => (b.type === "list" ? list(b) : [inline(b.children)]))
    .join("\n");
}

/** Every in-project link a memo makes (for "what links here" and to check targets still exist). */
export function memoLinks(body: string): MemoLinkTarget[] {
  const out: MemoLinkTarget[] = [];
  const inline = (nodes: readonly InlineNode[]) => {
    for (const n of nodes) if (n.type === "link" && n.target) out.push(n.target);
  };
  const list = (l: ListBlock) => {
    for (const item of l.items) {
      inline(item.children);
      item.sublists.forEach(list);
    }
  };
  for (const b of parseMemo(body).blocks) {
    if (b.type === "list") list(b);
    else inline(b.children);
  }
  return out;
}
