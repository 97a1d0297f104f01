/**
 * Where the researcher's stop-word list is kept: this computer's localStorage, per project
 * (`margin:stopwords:<projectId>`), like the remembered panels (renderer/project/WorkspaceLayout.tsx).
 * It is a way of looking at the words, not project data: it is not in bundles or the audit trail, and a
 * colleague starts from the English list. What is kept is the changes to the English list
 * (shared/search/stopWords.ts), so "Reset" is removing the entry.
 */
import { useState } from "react";
import { NO_STOP_WORD_CHANGES, parseStopWordChanges, type StopWordChanges } from "../../shared/search/stopWords";

export const stopWordKey = (projectId: string) => `margin:stopwords:${projectId}`;

export function readStopWordChanges(projectId: string): StopWordChanges {
  try {
    const raw = window.localStorage.getItem(stopWordKey(projectId));
    return raw ? parseStopWordChanges(JSON.parse(raw)) : NO_STOP_WORD_CHANGES;
  } catch {
    return NO_STOP_WORD_CHANGES;
  }
}

function writeStopWordChanges(projectId: string, changes: StopWordChanges): void {
  try {
    if (changes.added.length === 0 && changes.removed.length === 0) window.localStorage.removeItem(stopWordKey(projectId));
    else window.localStorage.setItem(stopWordKey(projectId), JSON.stringify(changes));
  } catch {
    // Storage full or refused: the list lasts for this visit only.
  }
}

/** The project's stop-word changes, and a setter that keeps them. */
export function useStopWordChanges(projectId: string): [StopWordChanges, (changes: StopWordChanges) => void] {
  const [state, setState] = useState(() => ({ projectId, changes: readStopWordChanges(projectId) }));
  const current = state.projectId === projectId ? state.changes : readStopWordChanges(projectId);
  if (state.projectId !== projectId) setState({ projectId, changes: current });
  const update = (changes: StopWordChanges) => {
    setState({ projectId, changes });
    writeStopWordChanges(projectId, changes);
  };
  return [current, update];
}
