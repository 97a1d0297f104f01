/** Reads a picked .qdpx (or .qde) in a Web Worker and returns the import preview data. */
import type { RefiParseRequest, RefiParseResponse } from "./refiProtocol";

export function parseRefiFile(bytes: Uint8Array, fileName: string, importerId: string): Promise<RefiParseResponse> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./refiImport.worker.ts", import.meta.url), { type: "module" });
    const done = (response: RefiParseResponse) => {
      worker.terminate();
      resolve(response);
    };
    worker.onmessage = (event: MessageEvent<RefiParseResponse>) => done(event.data);
    worker.onerror = (event) =>
      done({ ok: false, message: `“${fileName}” could not be read: ${event.message || "the reader stopped unexpectedly"}` });
    const copy = bytes.slice().buffer;
    worker.postMessage({ bytes: copy, fileName, importerId } satisfies RefiParseRequest, [copy]);
  });
}
