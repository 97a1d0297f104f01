import type { ConvertedSource, ImportErrorData } from "../../../shared/import/types";
import type { ConvertRequest, ConvertResponse } from "../../workers/conversionProtocol";

export type ConversionResult = { ok: true; source: ConvertedSource } | { ok: false; error: ImportErrorData };

/** Converts one file's bytes. The worker pool is one implementation; tests and benchmarks use others. */
export interface Converter {
  readonly size: number;
  convert(fileName: string, bytes: Uint8Array): Promise<ConversionResult>;
  dispose(): void;
}

interface Job {
  request: ConvertRequest;
  resolve: (result: ConversionResult) => void;
  timer?: ReturnType<typeof setTimeout>;
}

/** What the pool needs of a Web Worker (tests pass stand-ins that die on cue). */
export interface ConversionWorker {
  onmessage: ((event: MessageEvent<ConvertResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(request: ConvertRequest, transfer: Transferable[]): void;
  terminate(): void;
}

export interface PoolOptions {
  size?: number;
  /** A file still converting after this long fails and its worker is replaced (a hung or silently dead worker). */
  jobTimeoutMs?: number;
  spawnWorker?: () => ConversionWorker;
}

/** One Web Worker per core, at most 4: conversion is CPU-bound and the UI thread stays free. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
}

/**
 * Within the import limits (docs/import.md) the worst file converts in well under a minute on a slow
 * laptop; three minutes means the worker is stuck or gone.
 */
export const JOB_TIMEOUT_MS = 3 * 60 * 1000;

const spawnConvertWorker = (): ConversionWorker =>
  new Worker(new URL("../../workers/convert.worker.ts", import.meta.url), { type: "module" });

const duration = (ms: number): string => (ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`);

function failure(fileName: string, message: string): ConversionResult {
  return { ok: false, error: { name: "ImportError", fileName, reason: "corrupt", message } };
}

/**
 * Workers convert one file at a time. A worker that crashes (an uncaught error, running out of memory),
 * sends something unreadable or stops answering fails only the file it had; it is replaced and the
 * batch goes on.
 */
export function createWorkerPool(options: PoolOptions = {}): Converter {
  const { size = defaultPoolSize(), jobTimeoutMs = JOB_TIMEOUT_MS, spawnWorker = spawnConvertWorker } = options;
  const idle: ConversionWorker[] = [];
  const busy = new Map<ConversionWorker, Job>();
  const queue: Job[] = [];
  let nextJob = 1;
  let disposed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop();
      const job = queue.shift();
      if (!worker || !job) return;
      busy.set(worker, job);
      job.timer = setTimeout(() => {
        fail(worker, `it took too long to convert (over ${duration(jobTimeoutMs)}), so it was stopped`);
      }, jobTimeoutMs);
      worker.postMessage(job.request, [job.request.bytes]);
    }
  };

  /** The worker is discarded, its file fails with `why`, and a fresh worker takes its place. */
  const fail = (worker: ConversionWorker, why: string) => {
    const job = busy.get(worker);
    busy.delete(worker);
    if (job?.timer !== undefined) clearTimeout(job.timer);
    worker.onmessage = worker.onerror = worker.onmessageerror = null;
    worker.terminate();
    if (disposed) return;
    idle.push(spawn());
    if (job)
      job.resolve(
        failure(job.request.fileName, `“${job.request.fileName}” could not be imported: ${why}. The other files were not affected.`),
      );
    dispatch();
  };

  const spawn = (): ConversionWorker => {
    const worker = spawnWorker();
    worker.onmessage = (event: MessageEvent<ConvertResponse>) => {
      const job = busy.get(worker);
      busy.delete(worker);
      if (job?.timer !== undefined) clearTimeout(job.timer);
      idle.push(worker);
      const data = event.data;
      job?.resolve(data.ok ? { ok: true, source: data.source } : { ok: false, error: data.error });
      dispatch();
    };
    worker.onerror = (event) => {
      // A worker that crashed (an uncaught error, or out of memory on a huge file).
      event.preventDefault();
      const detail = event.message ? ` (${event.message})` : "";
      fail(worker, `the converter stopped unexpectedly${detail}; the file may be too large or damaged`);
    };
    worker.onmessageerror = () => fail(worker, "the converter's answer could not be read");
    return worker;
  };

  for (let i = 0; i < size; i++) idle.push(spawn());

  return {
    size,
    convert(fileName, bytes) {
      if (disposed) return Promise.reject(new Error("The conversion pool was closed."));
      // Copy into a transferable buffer we own; the caller's bytes may be a view into something larger.
      const buffer =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
          ? bytes.buffer
          : bytes.slice().buffer;
      return new Promise<ConversionResult>((resolve) => {
        queue.push({ request: { jobId: nextJob++, fileName, bytes: buffer }, resolve });
        dispatch();
      });
    },
    dispose() {
      disposed = true;
      for (const worker of [...idle, ...busy.keys()]) worker.terminate();
      for (const job of [...queue, ...busy.values()]) {
        if (job.timer !== undefined) clearTimeout(job.timer);
        job.resolve(failure(job.request.fileName, "Import cancelled."));
      }
      idle.length = 0;
      busy.clear();
      queue.length = 0;
    },
  };
}
