import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { CodingRecord } from "../../shared/model/records";

/**
 * Codings shown before their write commits. Saving a coding (strict durability) and the live query
 * re-reading the source's codings take 50-200 ms at seed scale; the researcher should see the
 * highlight the moment they press Enter. The viewer knows exactly what the write will do (the same
 * plan the repository runs), so it paints that at once and lets the live query confirm it.
 */
export interface CodingChange {
  /** Codings added or changed, as they will be stored. */
  upsert: CodingRecord[];
  /** Codings the change removes (tombstones). */
  hide: string[];
}

export interface PendingChange extends CodingChange {
  key: number;
  /** The write committed; the live list that was current then. */
  committed: { live: readonly CodingRecord[] | undefined } | null;
}

/** The live list already shows the change: every upsert as planned, every hidden coding gone. */
export function reflects(live: readonly CodingRecord[], change: CodingChange): boolean {
  const byId = new Map(live.map((c) => [c.id, c]));
  return (
    change.upsert.every((u) => {
      const c = byId.get(u.id);
      return c !== undefined && !c.deleted && c.codeId === u.codeId && c.start === u.start && c.end === u.end;
    }) && change.hide.every((id) => byId.get(id)?.deleted !== false)
  );
}

/**
 * Which pending changes still need showing. A committed change is dropped once the live list shows it,
 * or once the live list has moved on since the commit (Dexie re-runs a live query after every commit
 * that touches what it read, and discards a run that a commit overtook, so the next list is newer than
 * the write: if it does not show the change, something later, such as an undo, replaced it).
 */
export function stillPending(pending: readonly PendingChange[], live: readonly CodingRecord[] | undefined): PendingChange[] {
  return pending.filter((p) => {
    if (!p.committed) return true;
    if (live && reflects(live, p)) return false;
    return live === p.committed.live;
  });
}

/** The live codings with the pending changes laid over them. */
export function withPending(live: readonly CodingRecord[] | undefined, pending: readonly PendingChange[]): CodingRecord[] | undefined {
  if (pending.length === 0 || !live) return live as CodingRecord[] | undefined;
  const hidden = new Set(pending.flatMap((p) => p.hide));
  const replaced = new Map<string, CodingRecord>();
  for (const p of pending) for (const u of p.upsert) replaced.set(u.id, u);
  const out = live.filter((c) => !hidden.has(c.id) && !replaced.has(c.id));
  for (const u of replaced.values()) if (!hidden.has(u.id)) out.push(u);
  return out;
}

export interface OptimisticCodings {
  /** The codings to paint: live, plus what is being saved. */
  codings: CodingRecord[] | undefined;
  /**
   * Shows `change` from when `showAt` resolves until `write` settles and the live list confirms it. If
   * the write fails the change disappears again (or never appears) and the error is passed on (the
   * caller says what went wrong).
   */
  track<T>(change: CodingChange, write: Promise<T>, showAt?: Promise<unknown>): Promise<T>;
}

let nextKey = 1;

/** `live`: the codings of source `sourceId`; a change being saved to another source is not shown here. */
export function useOptimisticCodings(live: CodingRecord[] | undefined, sourceId: string): OptimisticCodings {
  const [pending, setPending] = useState<PendingChange[]>([]);
  const liveRef = useRef(live);
  useLayoutEffect(() => {
    liveRef.current = live;
  });
  // Reconciled during render: no extra paint with a stale list.
  const current = useMemo(() => stillPending(pending, live), [pending, live]);
  if (current.length !== pending.length) setPending(current);
  const codings = useMemo(
    () =>
      withPending(
        live,
        current.filter((p) => p.upsert.every((u) => u.sourceId === sourceId)),
      ),
    [live, current, sourceId],
  );

  const track = useCallback(
    async <T>(change: CodingChange, write: Promise<T>, showAt: Promise<unknown> = Promise.resolve()): Promise<T> => {
      const key = nextKey++;
      let settled = false;
      // Saved before it was shown: the live query brings it, nothing to lay over.
      void showAt.then(() => settled || setPending((list) => [...list, { ...change, key, committed: null }]));
      try {
        const result = await write;
        settled = true;
        setPending((list) => list.map((p) => (p.key === key ? { ...p, committed: { live: liveRef.current } } : p)));
        return result;
      } catch (error) {
        settled = true;
        setPending((list) => list.filter((p) => p.key !== key));
        throw error;
      }
    },
    [],
  );

  return { codings, track };
}
