/// <reference lib="webworker" />
import { describeError } from "../../shared/describeError";
import { reportDocx } from "../../shared/reports/docx";
import type { DocxRequest, DocxResponse } from "./docxClient";

// Writing a 5,000-segment report's DOCX takes seconds of zipping and XML: off the main thread, so
// the preview keeps scrolling and the progress stays live.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<DocxRequest>) => {
  const { jobId, report } = event.data;
  reportDocx(report).then(
    (bytes) => {
      const buffer = bytes.buffer as ArrayBuffer;
      scope.postMessage(
        { jobId, ok: true, bytes: buffer, byteOffset: bytes.byteOffset, byteLength: bytes.byteLength } satisfies DocxResponse,
        [buffer],
      );
    },
    (error: unknown) => scope.postMessage({ jobId, ok: false, message: describeError(error) } satisfies DocxResponse),
  );
};
