import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { SourceRecord } from "../../../shared/model/records";
import { setSourceMemo } from "../../db/sources";
import { useProject } from "../../project/ProjectContext";

/** Saves after this long without typing, so a memo is never more than a moment from safe. */
const IDLE_MS = 800;

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "failed"; message: string };

/** The source memo: saved on blur, after a pause in typing, and when the source is closed. */
export function SourceMemo({ source, memo: storedMemo }: { source: SourceRecord; memo: string }) {
  const project = useProject();
  const id = useId();
  const [draft, setDraft] = useState(storedMemo);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  // What the database holds as far as we know; a draft that differs from it is unsaved.
  const stored = useRef(storedMemo);
  const draftRef = useRef(draft);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Another window (or undo) changed the memo: take it, unless the researcher has unsaved typing.
  const [seenMemo, setSeenMemo] = useState(storedMemo);
  if (seenMemo !== storedMemo) {
    setSeenMemo(storedMemo);
    if (draft === stored.current) setDraft(storedMemo);
  }
  useEffect(() => {
    if (draftRef.current === stored.current) stored.current = storedMemo;
  }, [storedMemo]);

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const memo = draftRef.current;
    if (memo === stored.current) return;
    setState({ kind: "saving" });
    try {
      await setSourceMemo(project, source.id, memo);
      stored.current = memo;
      setState({ kind: "saved" });
    } catch (e) {
      setState({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
    }
  }, [project, source.id]);

  // Closing the source (or switching to another) saves what was typed.
  const saveOnClose = useRef(save);
  useEffect(() => {
    saveOnClose.current = save;
  }, [save]);
  useEffect(
    () => () => {
      void saveOnClose.current();
    },
    [],
  );

  const onChange = (value: string) => {
    setDraft(value);
    draftRef.current = value;
    setState({ kind: "idle" });
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
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700 dark:text-red-400">
          The memo was not saved: {state.message}
        </p>
      )}
    </section>
  );
}
