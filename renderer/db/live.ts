import { useLiveQuery } from "dexie-react-hooks";

/**
 * Re-renders when the data a repository query read changes (in this window or another tab).
 * Components pass repository functions, never table access.
 */
export function useLive<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  return useLiveQuery(query, deps);
}
