import { describeError } from "../../shared/describeError";
import { startTransition, useEffect, useState } from "react";
import { streamReport, type ReportHeader, type ReportOptions, type ReportSection, type ReportSource } from "../../shared/reports";

export interface ReportProgress {
  header: ReportHeader | null;
  sections: ReportSection[];
  done: number;
  total: number;
  /** Every section is in: the report may be printed or saved. */
  complete: boolean;
  error: string | null;
}

/** Sections per later chunk (the model's default): fewer, larger chunks finish sooner; each renders as a transition. */
const CHUNK = 500;

const EMPTY: ReportProgress = { header: null, sections: [], done: 0, total: 0, complete: false, error: null };

/**
 * Runs the report model's stream and shows it as it comes: the first chunk (header and about a page)
 * lands at once, later chunks are appended after the browser has painted, so a 5,000-segment report
 * shows its first page quickly and the window keeps answering while the rest arrives. A change of
 * options aborts the run in progress.
 */
export function useReportStream(source: ReportSource | null, options: ReportOptions | null, version: number): ReportProgress {
  const [state, setState] = useState<ReportProgress>(EMPTY);
  useEffect(() => {
    if (!source || !options) {
      setState(EMPTY);
      return;
    }
    const controller = new AbortController();
    setState(EMPTY);
    void (async () => {
      try {
        let header: ReportHeader | null = null;
        let sections: ReportSection[] = [];
        let first = true;
        for await (const chunk of streamReport(source, options, { signal: controller.signal, chunkSize: CHUNK })) {
          if (controller.signal.aborted) return;
          if (chunk.header) header = chunk.header;
          sections = sections.concat(chunk.sections);
          const next: ReportProgress = { header, sections, done: chunk.done, total: chunk.total, complete: false, error: null };
          // The first page renders at once; later chunks render as a transition, which React does in
          // short slices, so a click or a key press is answered between them.
          if (first) setState(next);
          else startTransition(() => setState(next));
          first = false;
          // Yield to the browser so the chunk paints and input is handled before the next one is built.
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
        }
        if (!controller.signal.aborted) startTransition(() => setState((s) => ({ ...s, complete: true, done: s.total })));
      } catch (e: unknown) {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, complete: false, error: describeError(e) }));
      }
    })();
    return () => controller.abort();
  }, [source, options, version]);
  return state;
}
