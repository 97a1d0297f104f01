import type { RefiImportResult } from "../../shared/refi/types";

export interface RefiParseRequest {
  bytes: ArrayBuffer;
  fileName: string;
  importerId: string;
}

export type RefiParseResponse = { ok: true; result: RefiImportResult } | { ok: false; message: string };
