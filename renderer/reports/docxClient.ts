/**
 * `buildDocxInWorker(report)`: the report's DOCX built in a Web Worker (docxWorker.ts), bytes back
 * by transfer, not copy. One worker per export, closed when done: exports are rare, and a fresh
 * worker never holds a previous report's text in memory.
 */
import type { Report } from "../../shared/reports/model";

export interface DocxRequest {
  jobId: number;
  report: Report;
}

export type DocxResponse =
  { jobId: number; ok: true; bytes: ArrayBuffer; byteOffset: number; byteLength: number } | { jobId: number; ok: false; message: string };

/** The part of Worker the client uses (a fake in unit tests). */
export interface DocxWorkerLike {
  postMessage(message: DocxRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<DocxResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

function defaultWorker(): DocxWorkerLike {
  return new Worker(new URL("./docxWorker.ts", import.meta.url), { type: "module" }) as unknown as DocxWorkerLike;
}

let nextJob = 1;

export function buildDocxInWorker(report: Report, createWorker: () => DocxWorkerLike = defaultWorker): Promise<Uint8Array> {
  const jobId = nextJob++;
  const worker = createWorker();
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = (event) => {
      const data = event.data;
      if (data.jobId !== jobId) return;
      worker.terminate();
      if (data.ok) resolve(new Uint8Array(data.bytes, data.byteOffset, data.byteLength));
      else reject(new Error(`The Word document could not be written: ${data.message}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The Word document could not be written: ${event.message || "the worker stopped"}`));
    };
    worker.postMessage({ jobId, report });
  });
}
