import { useCallback, useEffect, useRef, useState } from "react";
import type { MemoRecord, MemoTargetKind } from "../../shared/model/records";
import { saveMemoFor } from "../db/memos";
import { useProject } from "../project/ProjectContext";

/** Saves after this long without typing, so a memo is never more than a moment from safe. */
const IDLE_MS = 800;

export interface MemoDraft {
  title: string;
  body: string;
}

export type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "failed"; message: string };

const same = (a: MemoDraft, b: MemoDraft) => a.title === b.title && a.body === b.body;

/**
 * The memo being edited: saved after a pause in typing, on blur (call `flush`) and when the editor
 * closes. Changes from elsewhere (undo, another window) are taken in unless there is unsaved typing.
 */
export function useMemoDraft(target: { kind: MemoTargetKind; id: string }, stored: MemoRecord | null) {
  const project = useProject();
  const external: MemoDraft = { title: stored?.title ?? "", body: stored?.body ?? "" };
  const [draft, setDraftState] = useState<MemoDraft>(external);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const draftRef = useRef(draft);
  // What the database holds as far as we know; a draft that differs from it is unsaved.
  const savedRef = useRef(external);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

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

  const flush = useCallback(async () => {
    cancelTimer();
    const next = draftRef.current;
    if (same(next, savedRef.current)) return;
    setState({ kind: "saving" });
    try {
      await saveMemoFor(project, { kind: target.kind, id: target.id }, next);
      savedRef.current = next;
      setState({ kind: "saved" });
    } catch (e) {
      setState({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
    }
  }, [project, target.kind, target.id, cancelTimer]);

  const setDraft = useCallback(
    (patch: Partial<MemoDraft>) => {
      const next = { ...draftRef.current, ...patch };
      draftRef.current = next;
      setDraftState(next);
      setState({ kind: "idle" });
      cancelTimer();
      timer.current = setTimeout(() => void flush(), IDLE_MS);
    },
    [flush, cancelTimer],
  );

  // Closing the editor saves what was typed.
  const flushOnClose = useRef(flush);
  useEffect(() => {
    flushOnClose.current = flush;
  }, [flush]);
  useEffect(
    () => () => {
      void flushOnClose.current();
    },
    [],
  );

  /** Before deleting the memo: forget unsaved typing so nothing re-creates it. */
  const discard = useCallback(() => {
    cancelTimer();
    savedRef.current = draftRef.current;
  }, [cancelTimer]);

  return { draft, setDraft, flush, discard, state };
}
