/** The parsed form of a memo body (see parse.ts for the text format). */

import type { MemoLinkTarget } from "./links";

export interface TextRun {
  type: "text";
  text: string;
  bold: boolean;
  italic: boolean;
}

/** `target` is null for links that do not point inside the project: they render as plain text. */
export interface LinkNode {
  type: "link";
  href: string;
  target: MemoLinkTarget | null;
  children: TextRun[];
}

export interface LineBreak {
  type: "break";
}

export type InlineNode = TextRun | LinkNode | LineBreak;

export interface HeadingBlock {
  type: "heading";
  level: 1 | 2 | 3;
  children: InlineNode[];
}

export interface ParagraphBlock {
  type: "paragraph";
  children: InlineNode[];
}

export interface ListItem {
  children: InlineNode[];
  /** Nested lists (more than one when the nested list changes between bulleted and numbered). */
  sublists: ListBlock[];
}

export interface ListBlock {
  type: "list";
  ordered: boolean;
  /** First number of a numbered list (1 for bulleted lists). */
  start: number;
  items: ListItem[];
}

export type MemoBlock = HeadingBlock | ParagraphBlock | ListBlock;

export interface MemoDocument {
  blocks: MemoBlock[];
}
