import { useDeferredValue, useMemo, useState } from "react";
import { findInPrepared, hitIndexFrom, prepareSearch, type TextSpan } from "../../../shared/text/find";

export interface FindState {
  open: boolean;
  query: string;
  hits: readonly TextSpan[];
  /** Index into hits, or -1. */
  current: number;
  setOpen: (open: boolean) => void;
  setQuery: (query: string, from: number) => void;
  step: (direction: 1 | -1) => void;
}

/**
 * Find-in-source state. The text is folded for searching only once find is first opened (it costs a
 * few milliseconds on a long transcript, which should not delay opening it).
 */
export function useFind(text: string): FindState {
  const [open, setOpen] = useState(false);
  const [query, setQueryState] = useState("");
  const [current, setCurrent] = useState(-1);
  const [from, setFrom] = useState(0);
  const [used, setUsed] = useState(false);
  if (open && !used) setUsed(true);
  const prepared = useMemo(() => (used ? prepareSearch(text) : null), [used, text]);
  // Typing stays responsive on long texts: the search runs on the deferred query.
  const deferred = useDeferredValue(query);
  const hits = useMemo(() => (prepared && deferred ? findInPrepared(prepared, deferred) : []), [prepared, deferred]);

  // A new query starts at the first hit at or after where the researcher is reading.
  const [seen, setSeen] = useState<readonly TextSpan[]>(hits);
  if (seen !== hits) {
    setSeen(hits);
    setCurrent(hitIndexFrom(hits, from));
  }

  return {
    open,
    query,
    hits,
    current: current < hits.length ? current : hits.length > 0 ? 0 : -1,
    setOpen,
    setQuery(next, readingAt) {
      setQueryState(next);
      setFrom(readingAt);
    },
    step(direction) {
      if (hits.length === 0) return;
      setCurrent((c) => (Math.max(0, c) + direction + hits.length) % hits.length);
    },
  };
}
