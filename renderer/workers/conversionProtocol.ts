import type { ConvertedSource, ImportErrorData } from "../../shared/import/types";

/** Messages between the import UI and the conversion workers. */
export interface ConvertRequest {
  jobId: number;
  fileName: string;
  bytes: ArrayBuffer;
}

export type ConvertResponse = { jobId: number; ok: true; source: ConvertedSource } | { jobId: number; ok: false; error: ImportErrorData };
