import { useCallback, useState } from "react";
import type { OpenProject } from "../db/projects";

/**
 * A view's state kept while its project is open (one slot per key), so leaving a view — "Open in
 * source", say — and coming back finds the researcher's query as they left it.
 */
const remembered = new WeakMap<OpenProject, Map<string, unknown>>();

function slotsOf(project: OpenProject): Map<string, unknown> {
  let slots = remembered.get(project);
  if (!slots) {
    slots = new Map();
    remembered.set(project, slots);
  }
  return slots;
}

export function useProjectState<T extends object>(project: OpenProject, key: string, initial: T): [T, (patch: Partial<T>) => void] {
  const slots = slotsOf(project);
  const [state, setState] = useState<T>(() => (slots.get(key) as T | undefined) ?? initial);
  const update = useCallback(
    (patch: Partial<T>) =>
      setState((current) => {
        const next = { ...current, ...patch };
        slots.set(key, next);
        return next;
      }),
    [slots, key],
  );
  return [state, update];
}
