import type { MemoTargetKind } from "../../shared/model/records";
import { memoFor, saveMemoFor } from "../db/memos";
import type { OpenProject } from "../db/projects";

/**
 * A copy of unsaved memo typing, written synchronously to localStorage on every keystroke. The
 * IndexedDB save is debounced and a write started as the window closes may never finish; this copy
 * survives, and the next time the project opens it is saved (see `restoreMemoDrafts`).
 * localStorage sits in the same user profile as IndexedDB, so it is protected the same way.
 */
export interface StoredDraft {
  title: string;
  body: string;
  /** The memo's updatedAt when the typing started ("" when there was no memo yet). */
  base: string;
}

const PREFIX = "margin.memoDraft.";

function key(projectId: string, kind: MemoTargetKind, id: string): string {
  return `${PREFIX}${projectId}|${kind}|${id}`;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage switched off: the debounced save is all there is
  }
}

export function keepDraft(projectId: string, target: { kind: MemoTargetKind; id: string }, draft: StoredDraft): void {
  try {
    storage()?.setItem(key(projectId, target.kind, target.id), JSON.stringify(draft));
  } catch {
    // Quota full: the debounced save still runs.
  }
}

export function dropDraft(projectId: string, target: { kind: MemoTargetKind; id: string }): void {
  storage()?.removeItem(key(projectId, target.kind, target.id));
}

function readDraft(raw: string | null): StoredDraft | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return null;
    const { title, body, base } = value as Record<string, unknown>;
    return typeof title === "string" && typeof body === "string" && typeof base === "string" ? { title, body, base } : null;
  } catch {
    return null;
  }
}

const KINDS: readonly MemoTargetKind[] = ["project", "source", "code", "coding", "case"];

/**
 * Saves every draft this project left behind whose memo has not changed since the typing started
 * (a memo changed since, by undo or another window, keeps that change). Returns how many were saved.
 */
export async function restoreMemoDrafts(project: OpenProject): Promise<number> {
  const store = storage();
  if (!store) return 0;
  const projectPrefix = `${PREFIX}${project.entry.id}|`;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k?.startsWith(projectPrefix)) keys.push(k);
  }
  let saved = 0;
  for (const k of keys) {
    const [kind, id] = k.slice(projectPrefix.length).split("|");
    const draft = readDraft(store.getItem(k));
    const known = KINDS.find((x) => x === kind);
    if (draft && known && id) {
      const memo = await memoFor(project, known, id);
      const unchanged = (memo?.updatedAt ?? "") === draft.base;
      const differs = memo ? memo.title !== draft.title || memo.body !== draft.body : draft.title !== "" || draft.body !== "";
      if (unchanged && differs) {
        await saveMemoFor(project, { kind: known, id }, { title: draft.title, body: draft.body });
        saved++;
      }
    }
    store.removeItem(k);
  }
  return saved;
}
