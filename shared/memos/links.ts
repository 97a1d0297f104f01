/**
 * Links inside memos point at things in the project, never at the web: `margin:source/<id>`,
 * `margin:code/<id>`, `margin:coding/<id>`, `margin:case/<id>`, `margin:memo/<id>`.
 * Anything else (http, javascript:, file:) is kept in the text but shown as plain text.
 */

export const MEMO_LINK_KINDS = ["source", "code", "coding", "case", "memo"] as const;
export type MemoLinkKind = (typeof MEMO_LINK_KINDS)[number];

export interface MemoLinkTarget {
  kind: MemoLinkKind;
  id: string;
}

const MARGIN_HREF = /^margin:(source|code|coding|case|memo)\/([A-Za-z0-9_-]{1,64})$/;

/** The in-app target of a link, or null for anything that is not a well-formed margin: link. */
export function parseMarginHref(href: string): MemoLinkTarget | null {
  const match = MARGIN_HREF.exec(href);
  if (!match) return null;
  const [, kind = "", id = ""] = match;
  const known = MEMO_LINK_KINDS.find((k) => k === kind);
  return known ? { kind: known, id } : null;
}

export function marginHref(target: MemoLinkTarget): string {
  const href = `margin:${target.kind}/${target.id}`;
  if (!parseMarginHref(href)) throw new Error(`Not a linkable id: ${target.id}`);
  return href;
}

/** Characters that mean something in memo text; a backslash before them makes them literal. */
const SPECIAL = /[\\*_[\]]/g;

/** Escapes text so it reads back literally wherever it sits inside a line. */
export function escapeInline(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}

/** A link as memo text: `[label](margin:kind/id)`; the label is escaped and kept on one line. */
export function memoLinkMarkdown(target: MemoLinkTarget, label: string): string {
  const oneLine = label.replace(/\s+/g, " ").trim();
  return `[${escapeInline(oneLine)}](${marginHref(target)})`;
}

/** For the coding popover: a link to one coding, ready to paste into a memo. */
export function codingLinkMarkdown(codingId: string, label: string): string {
  return memoLinkMarkdown({ kind: "coding", id: codingId }, label);
}
