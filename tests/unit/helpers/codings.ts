/**
 * A coding record for the pure coding planners: coder "me" codes source "s1" with "trust" unless
 * `extra` says otherwise (as Excalidraw's test API builds elements).
 */
import type { CodingRecord } from "../../../shared/model/records";

export const coding = (id: string, start: number, end: number, extra: Partial<CodingRecord> = {}): CodingRecord => ({
  id,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "x",
  updatedBy: "me",
  deleted: false,
  sourceId: "s1",
  codeId: "trust",
  start,
  end,
  coderId: "me",
  note: "",
  ...extra,
});
