/// <reference lib="webworker" />
import { describeError } from "../../shared/describeError";
import { RefiError } from "../../shared/refi/errors";
import { importQde, importQdpx } from "../../shared/refi/import";
import type { RefiParseRequest, RefiParseResponse } from "./refiProtocol";

// Reading a 2 MB NVivo project takes a second or two: here, so the window never freezes.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<RefiParseRequest>) => {
  const { bytes, fileName, importerId } = event.data;
  const read = /\.qde$/i.test(fileName) ? importQde : importQdpx;
  read(new Uint8Array(bytes), fileName, { importerId }).then(
    (result) => scope.postMessage({ ok: true, result } satisfies RefiParseResponse),
    (error: unknown) => {
      const message = error instanceof RefiError ? error.message : `“${fileName}” could not be read: ${describeError(error)}`;
      scope.postMessage({ ok: false, message } satisfies RefiParseResponse);
    },
  );
};
