import { useLayoutEffect, useMemo, useRef, type KeyboardEvent, type RefObject } from "react";
import { chipSpans, chipsToMarkdown, keepChipsWhole, markdownToChips, marginLinkSpans, type ChipLinks } from "../../shared/memos/chips";
import { parseMarginHref, type MemoLinkKind } from "../../shared/memos/links";
import { MemoLink } from "./MemoLink";

const KIND_WORDS: Record<MemoLinkKind, string> = { source: "Source", code: "Code", coding: "Coding", case: "Case", memo: "Memo" };

// Same box, font and wrapping for the text and the chip backgrounds painted behind it.
const BOX = "w-full rounded border px-2 py-1.5 font-mono text-sm leading-relaxed whitespace-pre-wrap break-words [scrollbar-gutter:stable]";

/**
 * The memo text box. In-project links show as chips ⟦name⟧ (painted behind the text) instead of
 * `[name](margin:code/01…)`; what is stored stays Markdown. Below it, the same links as named links
 * (keyboard and screen reader users reach and follow them there).
 */
export function ChipTextarea({
  id,
  body,
  onBody,
  links,
  textarea,
  compact,
  describedBy,
  onBlur,
  onKeyDown,
}: {
  id: string;
  body: string;
  onBody: (markdown: string) => void;
  links: ChipLinks;
  textarea: RefObject<HTMLTextAreaElement | null>;
  compact: boolean;
  describedBy: string;
  onBlur: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
}) {
  const shown = useMemo(() => markdownToChips(body, links), [body, links]);
  const painted = useMemo(() => chipSpans(shown, links), [shown, links]);
  const listed = useMemo(
    () =>
      marginLinkSpans(body).flatMap((span) => {
        const target = parseMarginHref(span.href);
        return target ? [{ target, label: span.label.replace(/\\(.)/g, "$1"), at: span.start }] : [];
      }),
    [body],
  );
  const backdrop = useRef<HTMLDivElement>(null);
  // Where the caret goes once a typed or pasted Markdown link has become a chip.
  const caret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = textarea.current;
    if (caret.current === null || !el) return;
    el.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [shown, textarea]);

  const change = (typed: string, typedAt: number) => {
    // An edit that reached into a chip takes the whole chip, never leaves half of one as text.
    const whole = keepChipsWhole(shown, typed, links);
    const value = whole?.text ?? typed;
    const at = whole?.caret ?? typedAt;
    if (whole) caret.current = whole.caret;
    const markdown = chipsToMarkdown(value, links);
    if (markdownToChips(markdown, links) !== value)
      caret.current = markdownToChips(chipsToMarkdown(value.slice(0, at), links), links).length;
    onBody(markdown);
  };

  const parts: { text: string; chip: boolean }[] = [];
  let at = 0;
  for (const span of painted) {
    parts.push({ text: shown.slice(at, span.start), chip: false }, { text: shown.slice(span.start, span.end), chip: true });
    at = span.end;
  }
  // A trailing newline needs something after it to take up its line.
  parts.push({ text: `${shown.slice(at)} `, chip: false });

  return (
    <div className="flex flex-col gap-1">
      <div className="relative rounded bg-white dark:bg-slate-800">
        <div
          ref={backdrop}
          aria-hidden="true"
          className={`${BOX} pointer-events-none absolute inset-0 overflow-hidden border-transparent text-transparent`}
        >
          {parts.map((part, i) =>
            part.chip ? (
              <mark
                key={i}
                className="rounded bg-sky-100 text-transparent outline outline-1 outline-sky-400 dark:bg-sky-900/60 dark:outline-sky-600"
              >
                {part.text}
              </mark>
            ) : (
              <span key={i}>{part.text}</span>
            ),
          )}
        </div>
        <textarea
          id={id}
          ref={textarea}
          value={shown}
          onChange={(e) => change(e.target.value, e.target.selectionStart)}
          onScroll={(e) => {
            if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onBlur={onBlur}
          onKeyDown={(event) => {
            selectWholeChip(event, painted);
            onKeyDown(event);
          }}
          rows={compact ? 6 : 14}
          aria-describedby={describedBy}
          placeholder="What are you noticing? Link to sources, codes and cases with “Link to…”."
          className={`${BOX} ${compact ? "min-h-24" : "min-h-48"} relative block resize-y overflow-y-auto border-slate-400 bg-transparent dark:border-slate-600`}
        />
      </div>
      {listed.length > 0 && (
        <ul aria-label="Links in this memo" className="flex flex-wrap gap-1.5">
          {listed.map(({ target, label, at: where }) => (
            <li
              key={`${where}`}
              className="rounded-full border border-sky-400 bg-sky-50 px-2 py-0.5 text-xs dark:border-sky-600 dark:bg-sky-950/60"
            >
              <span className="text-slate-600 dark:text-slate-400">{KIND_WORDS[target.kind]}: </span>
              <MemoLink target={target}>{label || null}</MemoLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Backspace at a chip's end (Delete at its start) first selects the whole chip, so the browser's
 * own deletion removes it in one step and its own undo brings it back.
 */
function selectWholeChip(event: KeyboardEvent<HTMLTextAreaElement>, chips: { start: number; end: number }[]): void {
  if (event.key !== "Backspace" && event.key !== "Delete") return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const el = event.currentTarget;
  if (el.selectionStart !== el.selectionEnd) return;
  const at = el.selectionStart;
  const chip = chips.find((c) => (event.key === "Backspace" ? c.start < at && at <= c.end : c.start <= at && at < c.end));
  if (chip) el.setSelectionRange(chip.start, chip.end);
}
