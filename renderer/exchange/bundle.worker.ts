/// <reference lib="webworker" />
import { describeError } from "../../shared/describeError";
import { BundleError, nobleChunkOpener, openKeyFile, readBundle, sealKeyFile, writeBundle, type ChunkOpener } from "../../shared/bundle";
import { openedWithoutKnown, type KnownVersions } from "../../shared/merge";
import { webCryptoSha256 } from "./workerSha256";
import type { BundleRequest, BundleResponse } from "./bundleProtocol";

// Packing, encrypting (scrypt takes ~2 s by design) and verifying run here so the window never freezes;
// so do saving and opening a copy of my key (scrypt again).
const scope = self as unknown as DedicatedWorkerGlobalScope;

function fail(error: unknown): BundleResponse {
  const message = describeError(error);
  if (error instanceof BundleError) {
    return {
      kind: "failed",
      message,
      bundleError: { code: error.code, message, ...(error.fileName === undefined ? {} : { fileName: error.fileName }) },
    };
  }
  return { kind: "failed", message, bundleError: null };
}

// The project's versions, sent after a "read" that says they follow (see openBundle).
let settleKnown: (known: KnownVersions | null) => void = () => {};
const known = new Promise<KnownVersions | null>((settle) => (settleKnown = settle));

scope.onmessage = (event: MessageEvent<BundleRequest>) => {
  const request = event.data;
  if (request.op === "known") {
    settleKnown(request.known);
    return;
  }
  const post = (response: BundleResponse, transfer: Transferable[] = []) => scope.postMessage(response, transfer);
  if (request.op === "write") {
    writeBundle(request.tables, request.info, request.lock, (progress) => post({ kind: "progress", progress }), {
      hasher: webCryptoSha256(),
      ...(request.scryptWorkFactor === undefined ? {} : { scryptWorkFactor: request.scryptWorkFactor }),
      ...(request.signWith === undefined ? {} : { signWith: request.signWith }),
    }).then(
      (bytes) => post({ kind: "written", bytes }, [bytes.buffer]),
      (error: unknown) => post(fail(error)),
    );
  } else if (request.op === "seal-key") {
    sealKeyFile(request.identity, request.passphrase).then(
      (bytes) => post({ kind: "key-sealed", bytes }, [bytes.buffer]),
      (error: unknown) => post(fail(error)),
    );
  } else if (request.op === "open-key") {
    openKeyFile(request.bytes, request.passphrase, request.fileName).then(
      (identity) => post({ kind: "key-opened", identity }),
      (error: unknown) => post(fail(error)),
    );
  } else {
    let decryptMs = 0;
    const chunkOpener: ChunkOpener = (key, nonce, sealed) => {
      const t = performance.now();
      try {
        return nobleChunkOpener(key, nonce, sealed);
      } finally {
        decryptMs += performance.now() - t;
      }
    };
    const start = performance.now();
    let readMs = 0;
    readBundle(request.bytes, request.key, {
      fileName: request.fileName,
      hasher: webCryptoSha256(),
      chunkOpener,
      ...(request.skipContent ? { skipContent: request.skipContent } : {}),
    })
      .then(async (opened) => {
        readMs = performance.now() - start;
        return request.knownFollows ? openedWithoutKnown(opened, await known) : opened;
      })
      .then(
        (opened) => {
          const now = performance.now();
          post({
            kind: "opened",
            opened,
            timing: { readMs, decryptMs, leaveOutMs: now - start - readMs, postedAt: performance.timeOrigin + now },
          });
        },
        (error: unknown) => post(fail(error)),
      );
  }
};
