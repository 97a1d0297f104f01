import { BundleError, type BundleProgress, type OpenedBundle } from "../../shared/bundle";
import type { BundleCodec } from "../db/exchange/codec";
import type { BundleRequest, BundleResponse } from "./bundleProtocol";

/** One short-lived worker per bundle: nothing (keys, passphrases, tables) lingers in it afterwards. */
function run(
  request: BundleRequest,
  onProgress?: (p: BundleProgress) => void,
  then?: Promise<BundleRequest>,
  signal?: AbortSignal,
): Promise<BundleResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = new Worker(new URL("./bundle.worker.ts", import.meta.url), { type: "module" });
    // Abandoned work stops at once: the worker (and the project it holds) goes.
    signal?.addEventListener(
      "abort",
      () => {
        worker.terminate();
        reject(signal.reason);
      },
      { once: true },
    );
    worker.onmessage = (event: MessageEvent<BundleResponse>) => {
      const response = event.data;
      if (response.kind === "progress") {
        onProgress?.(response.progress);
        return;
      }
      worker.terminate();
      resolve(response);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "The bundle worker stopped unexpectedly."));
    };
    worker.postMessage(request);
    // A follow-up (the project's versions) goes to the same worker when ready; a terminated worker drops it.
    void then?.then((next) => worker.postMessage(next));
  });
}

function unwrap(response: BundleResponse): never {
  if (response.kind === "failed" && response.bundleError) {
    const e = response.bundleError;
    throw new BundleError(e.code, e.message, e.fileName);
  }
  throw new Error(response.kind === "failed" ? response.message : "Unexpected reply from the bundle worker.");
}

export const workerCodec: BundleCodec = {
  async write(tables, info, lock, onProgress, options) {
    const request: BundleRequest = {
      op: "write",
      tables,
      info,
      lock,
      ...(options?.scryptWorkFactor === undefined ? {} : { scryptWorkFactor: options.scryptWorkFactor }),
      ...(options?.signWith === undefined ? {} : { signWith: options.signWith }),
    };
    const response = await run(request, onProgress, undefined, options?.signal);
    if (response.kind === "written") return response.bytes;
    return unwrap(response);
  },
  async sealKey(identity, passphrase) {
    const response = await run({ op: "seal-key", identity, passphrase });
    if (response.kind === "key-sealed") return response.bytes;
    return unwrap(response);
  },
  async openKey(bytes, passphrase, fileName) {
    const response = await run({ op: "open-key", bytes, passphrase, fileName });
    if (response.kind === "key-opened") return response.identity;
    return unwrap(response);
  },
  async read(bytes, key, options): Promise<OpenedBundle> {
    // A copy goes to the worker: the dialog keeps the file to try another passphrase.
    // Without the versions (their read failed) the worker leaves nothing out, rather than wait for ever.
    const known = options.known?.then(
      (versions): BundleRequest => ({ op: "known", known: versions }),
      (): BundleRequest => ({ op: "known", known: null }),
    );
    const response = await run(
      {
        op: "read",
        bytes,
        key,
        fileName: options.fileName,
        ...(options.skipContent ? { skipContent: options.skipContent } : {}),
        ...(known ? { knownFollows: true } : {}),
      },
      undefined,
      known,
    );
    if (response.kind === "opened") {
      const { readMs, decryptMs, leaveOutMs, postedAt } = response.timing;
      const received = performance.now();
      const copyMs = Math.max(0, performance.timeOrigin + received - postedAt);
      // Placed where they happened on the page's clock (never before its start: a negative start throws).
      const began = Math.max(0, received - copyMs - leaveOutMs - readMs);
      performance.measure("margin:bundle-worker-read", { start: began, duration: readMs });
      performance.measure("margin:bundle-worker-decrypt", { start: began, duration: decryptMs });
      performance.measure("margin:bundle-worker-leave-out-known", {
        start: Math.max(0, received - copyMs - leaveOutMs),
        duration: leaveOutMs,
      });
      performance.measure("margin:bundle-copy-to-page", { start: Math.max(0, received - copyMs), duration: copyMs });
      return response.opened;
    }
    return unwrap(response);
  },
};
