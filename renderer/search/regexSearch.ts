/**
 * Regular-expression searches run in a worker of their own (./regex.worker.ts), started by the corpus
 * worker. One catastrophic regular expression ((a+)+$ over a long run of a's) never returns to
 * JavaScript's event loop and cannot be interrupted from inside; terminating the corpus worker would throw
 * away every loaded text and the search index with it. So the corpus worker hands the texts to this
 * second worker, keeps its own clock, and past the limit terminates only that one: the corpus worker and
 * its index carry on, and the researcher gets a message, not a frozen app.
 *
 * The regex worker keeps the texts it was sent (only new or changed ones are sent again), so a second
 * regular-expression search does not copy 50 MB again; the cost is a second copy of the texts in memory
 * once a regular expression has been searched. A worker terminated at the limit takes its copy with it;
 * the next search starts a fresh one and sends the texts again.
 */
import type { Range } from "../../shared/coding/ranges";
import type { Block, Turn } from "../../shared/import/types";
import { searchSources, STOPPED_MESSAGE, type SearchOutcome, type SearchTarget } from "../../shared/search/match";
import { searchNotes, type NoteHit, type NoteTarget } from "../../shared/search/notes";
import { parseQuery, type SearchOptions } from "../../shared/search/query";

/** A source the regex worker holds. */
export interface HeldText {
  sourceId: string;
  text: string;
  blocks: readonly Block[];
  turns: readonly Turn[];
}

export interface RegexRequest {
  /** The query as typed, parsed in the worker (a RegExp does not cross postMessage with its flags kept as one value). */
  text: string;
  options: SearchOptions;
  /** Sources to hold from now on: new, or changed since they were sent. */
  add: HeldText[];
  /** Sources to forget. */
  drop: string[];
  /** What to search, in order: held sources, each optionally cut to a scope's ranges. */
  targets: { sourceId: string; within?: readonly Range[] }[];
  /** Memos and annotations to search too (a catastrophic pattern can hang on a memo as well). */
  notes: NoteTarget[];
}

/** The sources' outcome, and the notes' hits. */
export interface RegexOutcome extends SearchOutcome {
  noteHits: NoteHit[];
}

export type RegexReply = { ok: true; outcome: RegexOutcome } | { ok: false; message: string };

/** The regex worker's side: update what it holds, then search. Pure apart from `held`. */
export function answerRegex(held: Map<string, HeldText>, request: RegexRequest): RegexReply {
  for (const id of request.drop) held.delete(id);
  for (const source of request.add) held.set(source.sourceId, source);
  const parsed = parseQuery(request.text, request.options);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const targets: SearchTarget[] = [];
  for (const t of request.targets) {
    const source = held.get(t.sourceId);
    if (source) targets.push({ ...source, ...(t.within ? { within: t.within } : {}) });
  }
  return { ok: true, outcome: { ...searchSources(parsed.query, targets), noteHits: searchNotes(parsed.query, request.notes).hits } };
}

/** What RegexRunner needs of a Worker (a fake in unit tests). */
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

export interface RegexSearch {
  text: string;
  options: SearchOptions;
  targets: readonly SearchTarget[];
  notes: NoteTarget[];
}

/**
 * The corpus worker's handle on its regex worker: one search at a time (later ones wait their turn), each
 * with its own limit. Past the limit the worker is terminated and the outcome is stopped, with no hits and
 * regexStoppedMessage; a worker that fails gives a stopped outcome naming the failure. Either way the next
 * search starts a fresh worker.
 */
export class RegexRunner {
  private worker: RegexWorkerLike | null = null;
  /** Source id → the text the worker holds for it (compared by identity: the corpus keeps one string per source). */
  private readonly sent = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly createWorker: () => RegexWorkerLike = createRegexWorker) {}

  run(search: RegexSearch, limitMs: number): Promise<RegexOutcome> {
    const next = this.queue.then(() => this.runNow(search, limitMs));
    this.queue = next;
    return next;
  }

  private runNow(search: RegexSearch, limitMs: number): Promise<RegexOutcome> {
    const worker = (this.worker ??= this.createWorker());
    const wanted = new Set(search.targets.map((t) => t.sourceId));
    // Only the sources of this search are kept: memory stays bounded by what was last searched.
    const drop = [...this.sent.keys()].filter((id) => !wanted.has(id));
    for (const id of drop) this.sent.delete(id);
    const add: HeldText[] = [];
    for (const t of search.targets) {
      if (this.sent.get(t.sourceId) === t.text) continue;
      add.push({ sourceId: t.sourceId, text: t.text, blocks: t.blocks, turns: t.turns });
      this.sent.set(t.sourceId, t.text);
    }
    const request: RegexRequest = {
      text: search.text,
      options: search.options,
      add,
      drop,
      targets: search.targets.map((t) => ({ sourceId: t.sourceId, ...(t.within ? { within: t.within } : {}) })),
      notes: search.notes,
    };
    return new Promise((resolve) => {
      let done = false;
      const finish = (outcome: RegexOutcome, discard: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        worker.onmessage = null;
        worker.onerror = null;
        if (discard) this.discard();
        resolve(outcome);
      };
      const stopped = (message: string): RegexOutcome => ({ hits: [], noteHits: [], sourcesSearched: 0, stopped: true, message });
      const timer = setTimeout(() => finish(stopped(regexStoppedMessage(limitMs)), true), limitMs);
      worker.onmessage = (event) => {
        const reply = event.data;
        finish(reply.ok ? reply.outcome : stopped(reply.message), false);
      };
      worker.onerror = (event) => {
        event.preventDefault?.();
        finish(stopped(`${STOPPED_MESSAGE} (The search worker failed: ${event.message || "unknown error"}.)`), true);
      };
      worker.postMessage(request);
    });
  }

  /** Terminates the worker (and its copy of the texts); the next search starts afresh. */
  discard(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sent.clear();
  }
}
