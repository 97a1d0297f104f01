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
}

/** One Web Worker per core, at most 4: conversion is CPU-bound and the UI thread stays free. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
}

export function createWorkerPool(size = defaultPoolSize()): Converter {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const queue: Job[] = [];
  let nextJob = 1;
  let disposed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop();
      const job = queue.shift();
      if (!worker || !job) return;
      busy.set(worker, job);
      worker.postMessage(job.request, [job.request.bytes]);
    }
  };

  const spawn = (): Worker => {
    const worker = new Worker(new URL("../../workers/convert.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<ConvertResponse>) => {
      const job = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      const data = event.data;
      job?.resolve(data.ok ? { ok: true, source: data.source } : { ok: false, error: data.error });
      dispatch();
    };
    worker.onerror = (event) => {
      // A worker that crashed (e.g. out of memory on a huge file) fails its job and is replaced.
      event.preventDefault();
      const job = busy.get(worker);
      busy.delete(worker);
      worker.terminate();
      if (!disposed) idle.push(spawn());
      job?.resolve({
        ok: false,
        error: {
          name: "ImportError",
          fileName: job.request.fileName,
          reason: "corrupt",
          message: `${job.request.fileName} could not be converted: ${event.message || "the converter stopped unexpectedly"}.`,
        },
      });
      dispatch();
    };
    return worker;
  };

  for (let i = 0; i < size; i++) idle.push(spawn());

  return {
    size,
    convert(fileName, bytes) {
      if (disposed) return Promise.reject(new Error("The conversion pool was closed."));
      // Copy into a transferable buffer we own; the caller's bytes may be a view into something larger.
      const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
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
        job.resolve({ ok: false, error: { name: "ImportError", fileName: job.request.fileName, reason: "corrupt", message: "Import cancelled." } });
      }
      idle.length = 0;
      busy.clear();
      queue.length = 0;
    },
  };
}
