/**
 * Regular-expression searches run in a short-lived worker of their own (./regex.worker.ts), started by
 * the corpus worker for each such search. One catastrophic regular expression ((a+)+$ over a long run of
 * a's) never returns to JavaScript's event loop and cannot be interrupted from inside; terminating the
 * corpus worker would throw away every loaded text and the search index with it. So the corpus worker
 * hands the texts to a disposable worker, keeps its own clock, and past the limit terminates only that
 * one: the corpus worker and its index carry on, and the researcher gets a message, not a frozen app.
 */
import { STOPPED_MESSAGE, type SearchOutcome, type SearchTarget } from "../../shared/search/match";
import type { NoteHit, NoteTarget } from "../../shared/search/notes";
import type { SearchOptions } from "../../shared/search/query";

export interface RegexRequest {
  /** The query as typed, parsed in the worker (a RegExp does not cross postMessage with its flags kept as one value). */
  text: string;
  options: SearchOptions;
  targets: SearchTarget[];
  /** Memos and annotations to search too (a catastrophic pattern can hang on a memo as well). */
  notes: NoteTarget[];
}

/** The sources' outcome, and the notes' hits. */
export interface RegexOutcome extends SearchOutcome {
  noteHits: NoteHit[];
}

export type RegexReply = { ok: true; outcome: RegexOutcome } | { ok: false; message: string };

/** What runRegexSearch needs of a Worker (a fake in unit tests). */
export interface RegexWorkerLike {
  postMessage(message: RegexRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<RegexReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** The longest a regular-expression search may run, whatever the client allows. */
export const REGEX_TIME_LIMIT_MS = 5_000;

/** The regex worker's limit: well inside the client's, so the client never terminates the corpus worker for a regex. */
export function regexTimeLimit(clientLimitMs: number): number {
  return Math.max(50, Math.min(REGEX_TIME_LIMIT_MS, Math.floor(clientLimitMs * 0.8)));
}

export function regexStoppedMessage(limitMs: number): string {
  const seconds = Math.round(limitMs / 100) / 10;
  return `The regular expression took longer than ${seconds} seconds and was stopped, so Margin stays responsive. Some patterns, like (a+)+$, can take for ever on long text: try a simpler one, or search fewer sources.`;
}

function createRegexWorker(): RegexWorkerLike {
  return new Worker(new URL("./regex.worker.ts", import.meta.url), { type: "module" }) as unknown as RegexWorkerLike;
}

/**
 * Runs one regular-expression search in a fresh worker and ends it afterwards. Past `limitMs` the worker
 * is terminated and the outcome is stopped, with no hits and regexStoppedMessage. A worker that fails
 * gives a stopped outcome naming the failure.
 */
export function runRegexSearch(
  request: RegexRequest,
  limitMs: number,
  createWorker: () => RegexWorkerLike = createRegexWorker,
): Promise<RegexOutcome> {
  return new Promise((resolve) => {
    const worker = createWorker();
    let done = false;
    const finish = (outcome: RegexOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.terminate();
      resolve(outcome);
    };
    const stopped = (message: string): RegexOutcome => ({ hits: [], noteHits: [], sourcesSearched: 0, stopped: true, message });
    const timer = setTimeout(() => finish(stopped(regexStoppedMessage(limitMs))), limitMs);
    worker.onmessage = (event) => {
      const reply = event.data;
      finish(reply.ok ? reply.outcome : stopped(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      finish(stopped(`${STOPPED_MESSAGE} (The search worker failed: ${event.message || "unknown error"}.)`));
    };
    worker.postMessage(request);
  });
}
