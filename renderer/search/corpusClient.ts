/**
 * The window's side of the corpus worker (./corpus.worker.ts): one worker per open project, questions
 * with a time limit, and the loading status for "indexing 412 of 1,000 sources".
 *
 * A question that runs past its limit, or is cancelled, cannot be interrupted inside the worker (one
 * catastrophic regular expression never returns to the event loop), so the worker is terminated and a
 * fresh one started; it reloads the project in the background.
 */
import type { CorpusAsk, CorpusKind, CorpusPartial, CorpusQuestions, CorpusReply, CorpusRequest, CorpusStatus } from "./corpusProtocol";

/** What the client needs of a Worker (a fake in unit tests). */
export interface CorpusWorkerLike {
  postMessage(message: CorpusRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<CorpusReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A question that did not finish: over its time limit, cancelled, or the worker failed. */
export class CorpusStoppedError extends Error {
  constructor(
    message: string,
    readonly reason: "time-limit" | "cancelled" | "failed",
  ) {
    super(message);
    this.name = "CorpusStoppedError";
  }
}

/** Default time limit for one question. */
export const CORPUS_TIME_LIMIT_MS = 10_000;

export interface AskOptions<K extends CorpusKind = CorpusKind> {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** What the worker sends before the answer (a search's first screen: corpusProtocol.ts), as it comes. */
  onPartial?: (partial: CorpusPartial<K>) => void;
}

interface Pending {
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  onPartial?: (partial: unknown) => void;
}

function createCorpusWorker(): CorpusWorkerLike {
  return new Worker(new URL("./corpus.worker.ts", import.meta.url), { type: "module" }) as unknown as CorpusWorkerLike;
}

export class CorpusClient {
  private worker: CorpusWorkerLike;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private sourceIds: string[] | null = null;
  private listsVersion: string | undefined = undefined;
  private status: CorpusStatus = { loaded: 0, total: 0 };
  private readonly listeners = new Set<() => void>();
  private disposed = false;

  constructor(
    private readonly projectId: string,
    private readonly createWorker: () => CorpusWorkerLike = createCorpusWorker,
  ) {
    this.worker = this.start();
  }

  private start(): CorpusWorkerLike {
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.restart(new CorpusStoppedError(`The search worker stopped: ${event.message || "unknown error"}.`, "failed"));
    };
    worker.postMessage({ type: "open", projectId: this.projectId });
    if (this.sourceIds) worker.postMessage(this.syncMessage());
    return worker;
  }

  private receive(reply: CorpusReply): void {
    if (reply.type === "status") {
      this.status = reply.status;
      for (const listener of this.listeners) listener();
      return;
    }
    const pending = this.pending.get(reply.requestId);
    if (!pending) return;
    if (reply.type === "partial") {
      pending.onPartial?.(reply.partial);
      return;
    }
    this.pending.delete(reply.requestId);
    clearTimeout(pending.timer);
    if (reply.type === "answer") pending.resolve(reply.answer);
    else pending.reject(new CorpusStoppedError(reply.message, "failed"));
  }

  /** Throws away the worker (and whatever it was doing) and starts a fresh one. */
  private restart(error: CorpusStoppedError): void {
    this.worker.terminate();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
    if (this.disposed) return;
    this.status = { loaded: 0, total: this.sourceIds?.length ?? 0 };
    for (const listener of this.listeners) listener();
    this.worker = this.start();
  }

  /**
   * The project's live sources changed (an import, a deletion, an undo), or `listsVersion` says a
   * source or case record did (a rename): the worker follows.
   */
  sync(sourceIds: readonly string[], listsVersion?: string): void {
    const sameIds = this.sourceIds && this.sourceIds.length === sourceIds.length && this.sourceIds.every((id, i) => id === sourceIds[i]);
    if (sameIds && listsVersion === this.listsVersion) return;
    this.sourceIds = [...sourceIds];
    this.listsVersion = listsVersion;
    this.worker.postMessage(this.syncMessage());
  }

  private syncMessage(): CorpusRequest {
    return {
      type: "sync",
      sourceIds: this.sourceIds ?? [],
      ...(this.listsVersion === undefined ? {} : { listsVersion: this.listsVersion }),
    };
  }

  ask<K extends CorpusKind>(
    kind: K,
    question: CorpusQuestions[K]["question"],
    options: AskOptions<K> = {},
  ): Promise<CorpusQuestions[K]["answer"]> {
    const limit = options.timeoutMs ?? CORPUS_TIME_LIMIT_MS;
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(new CorpusStoppedError("Cancelled.", "cancelled"));
      const requestId = this.nextId++;
      const timer = setTimeout(() => {
        const seconds = Math.round(limit / 100) / 10;
        this.restart(
          new CorpusStoppedError(
            `This took longer than ${seconds} seconds and was stopped, so Margin stays responsive. Try a simpler search (a regular expression like (a+)+ can take for ever) or fewer sources.`,
            "time-limit",
          ),
        );
      }, limit);
      // Cancelling matters only while the question is pending: afterwards it must not throw away the worker.
      const signal = options.signal;
      const onAbort = () => {
        if (this.pending.has(requestId)) this.restart(new CorpusStoppedError("Cancelled.", "cancelled"));
      };
      const settle = () => signal?.removeEventListener("abort", onAbort);
      const onPartial = options.onPartial as ((partial: unknown) => void) | undefined;
      this.pending.set(requestId, {
        resolve: (answer) => {
          settle();
          resolve(answer as CorpusQuestions[K]["answer"]);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        timer,
        ...(onPartial ? { onPartial } : {}),
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      this.worker.postMessage({ type: "ask", requestId, kind, question, timeLimitMs: limit } as CorpusAsk);
    });
  }

  getStatus(): CorpusStatus {
    return this.status;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    this.restart(new CorpusStoppedError("The project was closed.", "cancelled"));
  }
}
