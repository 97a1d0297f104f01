import { ErrorText } from "../ui/ErrorText";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { MemoRecord, MemoTargetKind } from "../../shared/model/records";
import { chipsToMarkdown, markdownToChips, type ChipLinks } from "../../shared/memos/chips";
import { insertLink, toggleInlineMark, toggleLineKind, type Replacement } from "../../shared/memos/editing";
import { deleteMemo } from "../db/memos";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { LinkPicker, type PickedTarget } from "./LinkPicker";
import { MemoPreview } from "./MemoPreview";
import { MemoToolbar, type ToolbarAction } from "./MemoToolbar";
import { applyToTextarea, textareaState } from "./textareaEdits";
import { useMemoDraft } from "./useMemoDraft";
import { ChipTextarea } from "./ChipTextarea";

const HINT =
  "Formatting: # Heading, **bold**, *italic*, - bulleted list, 1. numbered list. Ctrl+B bold, Ctrl+I italic, Ctrl+K link. Links show as ⟦name⟧ and are listed under the text.";

/** Title, formatting toolbar, text (or its preview), save status. Keyed by target by its parent. */
export function MemoForm({
  target,
  label,
  stored,
  autoFocusTitle = false,
  compact = false,
}: {
  target: { kind: MemoTargetKind; id: string };
  label: string;
  stored: MemoRecord | null;
  autoFocusTitle?: boolean;
  compact?: boolean;
}) {
  const project = useProject();
  const id = useId();
  const { draft, setDraft, flush, discard, state } = useMemoDraft(target, stored);
  const [preview, setPreview] = useState(false);
  const [picking, setPicking] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Every link shown as a chip while this memo is open, so a deleted chip that comes back is a link again.
  const [links] = useState<ChipLinks>(() => new Map());
  // The selection when "Link to…" opened: the dialog takes focus, the link goes where the caret was.
  const linkAt = useRef<{ start: number; end: number } | null>(null);

  const apply = (make: (el: HTMLTextAreaElement) => Replacement) => {
    const el = textarea.current;
    if (!el) return;
    applyToTextarea(el, make(el), (shown) => setDraft({ body: chipsToMarkdown(shown, links) }));
  };

  const run = (action: ToolbarAction) => {
    switch (action) {
      case "bold":
      case "italic":
        apply((el) => toggleInlineMark(textareaState(el), action));
        return;
      case "heading":
      case "bullet":
      case "number":
        apply((el) => toggleLineKind(textareaState(el), action));
        return;
      case "link": {
        const el = textarea.current;
        linkAt.current = el ? { start: el.selectionStart, end: el.selectionEnd } : null;
        setPicking(true);
        return;
      }
    }
  };

  const onPick = (picked: PickedTarget) => {
    setPicking(false);
    const at = linkAt.current;
    // After the dialog has closed and handed focus back.
    // The link goes in as its chip; the chip is known, so it is stored as the Markdown link.
    const asChip = (r: Replacement): Replacement => {
      const chip = markdownToChips(r.insert, links);
      return { ...r, insert: chip, selectionStart: r.from + chip.length, selectionEnd: r.from + chip.length };
    };
    setTimeout(
      () =>
        apply((el) =>
          asChip(
            insertLink(
              { text: el.value, start: at?.start ?? el.value.length, end: at?.end ?? el.value.length },
              picked.target,
              picked.name,
            ),
          ),
        ),
      0,
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const key = event.key.toLowerCase();
    const action: ToolbarAction | null = key === "b" ? "bold" : key === "i" ? "italic" : key === "k" ? "link" : null;
    if (!action) return;
    event.preventDefault();
    run(action);
  };

  const remove = async () => {
    if (!stored) return;
    discard();
    await deleteMemo(project, stored.id);
  };

  const status = state.kind === "saving" ? "Saving…" : state.kind === "saved" ? "Saved" : "";
  const pressed = "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900";
  const unpressed = "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800";

  return (
    <section aria-label={label} className="flex flex-col gap-2">
      {/* Beside the text the title is in the heading; it is changed in the Memos view. */}
      <div className={compact ? "hidden" : "flex flex-col gap-1"}>
        <label htmlFor={`${id}-title`} className="text-sm font-medium">
          Title
        </label>
        <input
          id={`${id}-title`}
          value={draft.title}
          autoFocus={autoFocusTitle}
          onChange={(e) => setDraft({ title: e.target.value })}
          onBlur={() => void flush()}
          placeholder="Untitled memo"
          className="rounded border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <MemoToolbar disabled={preview} onAction={run} />
        <div role="group" aria-label="Show" className="flex rounded border border-slate-300 dark:border-slate-600">
          <button
            type="button"
            aria-pressed={!preview}
            onClick={() => setPreview(false)}
            className={`rounded-l px-2 py-1 text-xs ${preview ? unpressed : pressed}`}
          >
            Edit
          </button>
          <button
            type="button"
            aria-pressed={preview}
            onClick={() => setPreview(true)}
            className={`rounded-r px-2 py-1 text-xs ${preview ? pressed : unpressed}`}
          >
            Preview
          </button>
        </div>
      </div>
      {preview ? (
        <div
          role="region"
          aria-label="Memo preview"
          className="min-h-48 rounded border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
        >
          <MemoPreview body={draft.body} />
        </div>
      ) : (
        <>
          <label htmlFor={`${id}-body`} className="sr-only">
            Memo text
          </label>
          <ChipTextarea
            id={`${id}-body`}
            body={draft.body}
            onBody={(body) => setDraft({ body })}
            links={links}
            textarea={textarea}
            compact={compact}
            describedBy={`${id}-hint`}
            onBlur={() => void flush()}
            onKeyDown={onKeyDown}
          />
          <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
            {HINT}
          </p>
        </>
      )}
      <div className="flex items-center justify-between gap-2">
        <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
          {status}
        </span>
        {stored && (
          <Button variant="ghost" onClick={() => void remove()} className="text-red-700 dark:text-red-400">
            Delete memo
          </Button>
        )}
      </div>
      {state.kind === "failed" && <ErrorText className="text-xs">The memo was not saved: {state.message}</ErrorText>}
      <LinkPicker open={picking} onPick={onPick} onClose={() => setPicking(false)} />
    </section>
  );
}
