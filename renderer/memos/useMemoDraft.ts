import { describeError } from "../../shared/describeError";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { MemoRecord, MemoTargetKind } from "../../shared/model/records";
import { saveMemoFor } from "../db/memos";
import { useProject } from "../project/ProjectContext";
import { dropDraft, keepDraft } from "./draftStore";
import { useSaveOnLeave } from "./useSaveOnLeave";

/**
 * Saves this long after the last keystroke. Every keystroke is also copied to localStorage at once
 * (draftStore), so closing or reloading inside this window loses nothing.
 */
const IDLE_MS = 300;

export interface MemoDraft {
  title: string;
  body: string;
}

export type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "failed"; message: string };

const same = (a: MemoDraft, b: MemoDraft) => a.title === b.title && a.body === b.body;

/**
 * The memo being edited: saved after a short pause in typing, on blur (call `flush`), when the editor
 * closes and when the window is hidden or closed (pagehide, visibilitychange, beforeunload). Changes
 * from elsewhere (undo, another window) are taken in unless there is unsaved typing.
 */
export function useMemoDraft({ kind, id }: { kind: MemoTargetKind; id: string }, stored: MemoRecord | null) {
  const project = useProject();
  const target = useMemo(() => ({ kind, id }), [kind, id]);
  const external: MemoDraft = { title: stored?.title ?? "", body: stored?.body ?? "" };
  const [draft, setDraftState] = useState<MemoDraft>(external);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const draftRef = useRef(draft);
  // What the database holds as far as we know; a draft that differs from it is unsaved.
  const savedRef = useRef(external);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The stored memo's version the typing started from, kept with the localStorage copy.
  const baseRef = useRef(stored?.updatedAt ?? "");
  const storedAt = stored?.updatedAt ?? "";
  useEffect(() => {
    baseRef.current = storedAt;
  }, [storedAt]);

  const [seen, setSeen] = useState(external);
  if (!same(seen, external)) {
    setSeen(external);
    if (same(draft, seen)) setDraftState(external);
  }
  useEffect(() => {
    if (same(draftRef.current, savedRef.current)) {
      draftRef.current = { title: seen.title, body: seen.body };
      savedRef.current = draftRef.current;
    }
  }, [seen.title, seen.body]);

  const cancelTimer = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  // Saves still being written; while one is, "nothing new to save" does not yet mean "Saved".
  const writing = useRef(0);
  const flushRef = useRef<() => Promise<void>>(async () => {});

  const flush = useCallback(async () => {
    cancelTimer();
    const next = draftRef.current;
    if (same(next, savedRef.current)) {
      // Nothing new to write (a character typed and taken back inside the delay): it is saved.
      if (writing.current === 0) setState((s) => (s.kind === "saving" ? { kind: "saved" } : s));
      return;
    }
    writing.current++;
    setState({ kind: "saving" });
    try {
      const record = await saveMemoFor(project, target, next);
      savedRef.current = next;
      baseRef.current = record.updatedAt;
      if (same(draftRef.current, next)) {
        dropDraft(project.entry.id, target);
        setState({ kind: "saved" });
      } else {
        // Typing during the save stays in localStorage, now based on the version just written, and is
        // saved in turn: also when it took the text back to what an earlier save had already written.
        keepDraft(project.entry.id, target, { ...draftRef.current, base: record.updatedAt });
        setState({ kind: "saving" });
        if (!timer.current) timer.current = setTimeout(() => void flushRef.current(), IDLE_MS);
      }
    } catch (e) {
      setState({ kind: "failed", message: describeError(e) });
    } finally {
      writing.current--;
    }
  }, [project, target, cancelTimer]);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const setDraft = useCallback(
    (patch: Partial<MemoDraft>) => {
      const next = { ...draftRef.current, ...patch };
      draftRef.current = next;
      setDraftState(next);
      keepDraft(project.entry.id, target, { ...next, base: baseRef.current });
      setState({ kind: "saving" });
      cancelTimer();
      timer.current = setTimeout(() => void flush(), IDLE_MS);
    },
    [flush, cancelTimer, project, target],
  );

  // Closing the editor, the window or the page saves what was typed.
  useSaveOnLeave(flush);

  /** Before deleting the memo: forget unsaved typing so nothing re-creates it. */
  const discard = useCallback(() => {
    cancelTimer();
    savedRef.current = draftRef.current;
    dropDraft(project.entry.id, target);
  }, [cancelTimer, project, target]);

  return { draft, setDraft, flush, discard, state };
}
