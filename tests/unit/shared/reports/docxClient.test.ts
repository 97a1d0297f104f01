import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { buildDocxInWorker, type DocxRequest, type DocxResponse, type DocxWorkerLike } from "../../../../renderer/reports/docxClient";
import { buildReport, reportOptions, reportSourceFromTables } from "../../../../shared/reports";
import { reportDocx } from "../../../../shared/reports/docx";
import { fixtureTables } from "../import/fixture";

/** Stands in for the Worker: does what docxWorker.ts does, answering asynchronously like postMessage. */
class FakeWorker implements DocxWorkerLike {
  onmessage: ((event: MessageEvent<DocxResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor(private readonly fail = false) {}
  postMessage(message: DocxRequest): void {
    const answer = (data: DocxResponse): void => {
      setTimeout(() => this.onmessage?.({ data } as MessageEvent<DocxResponse>), 0);
    };
    if (this.fail) return answer({ jobId: message.jobId, ok: false, message: "out of memory" });
    void reportDocx(structuredClone(message.report)).then((bytes) =>
      answer({
        jobId: message.jobId,
        ok: true,
        bytes: bytes.buffer as ArrayBuffer,
        byteOffset: bytes.byteOffset,
        byteLength: bytes.byteLength,
      }),
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe("buildDocxInWorker", () => {
  it("returns the DOCX bytes the worker wrote and closes the worker", async () => {
    const report = await buildReport(reportSourceFromTables(fixtureTables(), "Ward study"), reportOptions({ kind: "codebook" }));
    const worker = new FakeWorker();
    const bytes = await buildDocxInWorker(report, () => worker);
    expect(strFromU8(unzipSync(bytes)["word/document.xml"] as Uint8Array)).toContain("Codebook at a glance");
    expect(worker.terminated).toBe(true);
  });

  it("rejects with a readable message when the worker fails", async () => {
    const report = await buildReport(reportSourceFromTables(fixtureTables(), "Ward study"), reportOptions({ kind: "memos" }));
    const worker = new FakeWorker(true);
    await expect(buildDocxInWorker(report, () => worker)).rejects.toThrow("The Word document could not be written: out of memory");
    expect(worker.terminated).toBe(true);
  });
});
