import { ErrorText } from "../../ui/ErrorText";
import { describeError } from "../../../shared/describeError";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { SourceRecord } from "../../../shared/model/records";
import { setSourceMemo } from "../../db/sources";
import { useProject } from "../../project/ProjectContext";
import { dropDraft, keepDraft } from "../../memos/draftStore";
import { useSaveOnLeave } from "../../memos/useSaveOnLeave";

/** Saves this long after the last keystroke; each keystroke is kept in localStorage at once (draftStore). */
const IDLE_MS = 300;

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "failed"; message: string };

/** The source memo: saved on blur, after a pause in typing, and when the source is closed. */
export function SourceMemo({
  source,
  memo: storedMemo,
  memoTitle,
  memoAt,
}: {
  source: SourceRecord;
  memo: string;
  memoTitle: string;
  memoAt: string;
}) {
  const project = useProject();
  const id = useId();
  const [draft, setDraft] = useState(storedMemo);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  // What the database holds as far as we know; a draft that differs from it is unsaved.
  const stored = useRef(storedMemo);
  const draftRef = useRef(draft);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The memo record's version the typing started from (for restoring a draft after a close).
  const baseRef = useRef(memoAt);
  const title = useRef(memoTitle);
  useEffect(() => {
    title.current = memoTitle;
  }, [memoTitle]);
  useEffect(() => {
    baseRef.current = memoAt;
  }, [memoAt]);
  const target = useMemo(() => ({ kind: "source" as const, id: source.id }), [source.id]);

  // Another window (or undo) changed the memo: take it, unless the researcher has unsaved typing.
  const [seenMemo, setSeenMemo] = useState(storedMemo);
  if (seenMemo !== storedMemo) {
    setSeenMemo(storedMemo);
    if (draft === stored.current) setDraft(storedMemo);
  }
  useEffect(() => {
    if (draftRef.current === stored.current) stored.current = storedMemo;
  }, [storedMemo]);

  // Saves still being written; while one is, "nothing new to save" does not yet mean "Saved".
  const writing = useRef(0);
  const saveRef = useRef<() => Promise<void>>(async () => {});
  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const memo = draftRef.current;
    if (memo === stored.current) {
      // Nothing new to write (a character typed and taken back inside the delay): it is saved.
      if (writing.current === 0) setState((s) => (s.kind === "saving" ? { kind: "saved" } : s));
      return;
    }
    writing.current++;
    setState({ kind: "saving" });
    try {
      const at = await setSourceMemo(project, source.id, memo);
      stored.current = memo;
      baseRef.current = at;
      if (draftRef.current === memo) {
        dropDraft(project.entry.id, target);
        setState({ kind: "saved" });
      } else {
        // Typing during the save is kept and saved in turn, even when it went back to older text.
        keepDraft(project.entry.id, target, { title: title.current, body: draftRef.current, base: at });
        setState({ kind: "saving" });
        if (!timer.current) timer.current = setTimeout(() => void saveRef.current(), IDLE_MS);
      }
    } catch (e) {
      setState({ kind: "failed", message: describeError(e) });
    } finally {
      writing.current--;
    }
  }, [project, source.id, target]);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  // Closing the source, the window or the page saves what was typed.
  useSaveOnLeave(save);

  const onChange = (value: string) => {
    setDraft(value);
    draftRef.current = value;
    keepDraft(project.entry.id, target, { title: title.current, body: value, base: baseRef.current });
    setState({ kind: "saving" });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), IDLE_MS);
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <div className="flex items-baseline justify-between">
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          <label htmlFor={id}>Source memo</label>
        </h2>
        <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
          {state.kind === "saving" ? "Saving…" : state.kind === "saved" ? "Saved" : ""}
        </span>
      </div>
      <textarea
        id={id}
        value={draft}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => void save()}
        rows={8}
        placeholder="Notes about this source: context of the interview, first impressions…"
        aria-describedby={state.kind === "failed" ? `${id}-error` : undefined}
        className="mt-1 w-full resize-y rounded border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
      />
      {state.kind === "failed" && (
        <ErrorText id={`${id}-error`} className="text-xs">
          The memo was not saved: {state.message}
        </ErrorText>
      )}
    </section>
  );
}
