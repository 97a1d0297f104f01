/// <reference lib="webworker" />
import { describeError } from "../../shared/describeError";
import { convertFile, ImportError } from "../../shared/import";
import type { ConvertRequest, ConvertResponse } from "./conversionProtocol";

// DOCX conversion runs here so a 1,000-file import never freezes the window.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ConvertRequest>) => {
  const { jobId, fileName, bytes } = event.data;
  convertFile(new Uint8Array(bytes), fileName).then(
    (source) => scope.postMessage({ jobId, ok: true, source } satisfies ConvertResponse),
    (error: unknown) => {
      const data =
        error instanceof ImportError
          ? { name: "ImportError" as const, message: error.message, fileName, reason: error.reason }
          : {
              name: "ImportError" as const,
              message: `${fileName} could not be read: ${describeError(error)}`,
              fileName,
              reason: "corrupt" as const,
            };
      scope.postMessage({ jobId, ok: false, error: data } satisfies ConvertResponse);
    },
  );
};
