import { useSyncExternalStore } from "react";

/**
 * What the coding screen's panels share while a project is open: the text selected in the viewer,
 * the code chosen in the codebook, recently used codes (quick-code keys 1-9) and which codings are
 * shown. A tiny external store, so the viewer, codebook panel and palette stay decoupled.
 */
export interface TextSelection {
  sourceId: string;
  start: number;
  end: number;
}

export interface CodingFilter {
  /** Show only these codes' codings (null = all). */
  codeIds: string[] | null;
  /** Show only these coders' codings (null = all). */
  coderIds: string[] | null;
}

export interface CodingSessionState {
  selection: TextSelection | null;
  selectedCodeId: string | null;
  recentCodeIds: string[];
  filter: CodingFilter;
  /** True while an import batch runs: list views hold their data instead of re-reading after every file. */
  importing: boolean;
}

const MAX_RECENT = 9;

export class CodingSession {
  private state: CodingSessionState = {
    selection: null,
    selectedCodeId: null,
    recentCodeIds: [],
    filter: { codeIds: null, coderIds: null },
    importing: false,
  };
  private listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): CodingSessionState => this.state;

  private set(patch: Partial<CodingSessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  setSelection(selection: TextSelection | null): void {
    const current = this.state.selection;
    if (current === selection) return;
    if (
      current &&
      selection &&
      current.sourceId === selection.sourceId &&
      current.start === selection.start &&
      current.end === selection.end
    )
      return;
    this.set({ selection });
  }

  selectCode(codeId: string | null): void {
    this.set({ selectedCodeId: codeId });
  }

  /** Call after coding with a code: it becomes recent code 1. */
  usedCode(codeId: string): void {
    this.set({ recentCodeIds: [codeId, ...this.state.recentCodeIds.filter((id) => id !== codeId)].slice(0, MAX_RECENT) });
  }

  setFilter(filter: CodingFilter): void {
    this.set({ filter });
  }

  setImporting(importing: boolean): void {
    if (this.state.importing !== importing) this.set({ importing });
  }
}

export function useCodingSession<T>(session: CodingSession, pick: (state: CodingSessionState) => T): T {
  return useSyncExternalStore(session.subscribe, () => pick(session.getState()));
}
