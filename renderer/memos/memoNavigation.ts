import { useSyncExternalStore } from "react";

/**
 * Which memo is open in the Memos view, and which memo is pinned beside the text, per project.
 * Kept outside the view so a memo link (margin:memo/<id>) can open a memo from anywhere, and the
 * Memos view shows the same memo again when the researcher comes back to it.
 */
class MemoPlaces {
  private open = new Map<string, string | null>();
  private pinned = new Map<string, string | null>();
  private listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  openMemo(projectId: string): string | null {
    return this.open.get(projectId) ?? null;
  }

  pinnedMemo(projectId: string): string | null {
    return this.pinned.get(projectId) ?? null;
  }

  setOpen(projectId: string, memoId: string | null): void {
    this.open.set(projectId, memoId);
    this.emit();
  }

  setPinned(projectId: string, memoId: string | null): void {
    this.pinned.set(projectId, memoId);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const memoPlaces = new MemoPlaces();

export function useOpenMemoId(projectId: string): string | null {
  return useSyncExternalStore(memoPlaces.subscribe, () => memoPlaces.openMemo(projectId));
}

export function usePinnedMemoId(projectId: string): string | null {
  return useSyncExternalStore(memoPlaces.subscribe, () => memoPlaces.pinnedMemo(projectId));
}
