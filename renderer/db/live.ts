import { useRef } from "react";
import { useLiveQuery } from "dexie-react-hooks";

/**
 * Re-renders when the data a repository query read changes (in this window or another tab).
 * Components pass repository functions, never table access.
 */
export function useLive<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  return useLiveQuery(query, deps);
}

/**
 * Like useLive, but while `paused` it keeps showing the last result and reads nothing, so it is not
 * re-run after every transaction of a long batch (an import of 1,000 files). It refreshes on resume.
 */
export function useLivePausable<T>(query: () => Promise<T>, deps: unknown[], paused: boolean): T | undefined {
  const last = useRef<T | undefined>(undefined);
  const value = useLiveQuery(() => (paused ? Promise.resolve(last.current) : query()), [...deps, paused]);
  if (value !== undefined) last.current = value;
  return value ?? last.current;
}
