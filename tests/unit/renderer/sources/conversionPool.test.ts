// The worker pool with stand-in workers: one that crashes, runs out of memory, sends garbage or
// never answers fails only its own file; the pool replaces it and the batch goes on.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { freshIndexedDb } from "../db/helpers";
import { createWorkerPool, type ConversionWorker } from "../../../../renderer/sources/import/conversionPool";
import { runImport } from "../../../../renderer/sources/import/runImport";
import { listSources } from "../../../../renderer/db/sources";
import type { PickedFile } from "../../../../renderer/host/host";
import type { ConvertRequest, ConvertResponse } from "../../../../renderer/workers/conversionProtocol";
import type { ConvertedSource } from "../../../../shared/import/types";
import { newProject } from "../../helpers/project";

type Fate = "converts" | "crashes" | "outOfMemory" | "garbles" | "hangs";

function source(fileName: string): ConvertedSource {
  return {
    fileName,
    format: "txt",
    text: fileName,
    blocks: [{ kind: "paragraph", start: 0, end: fileName.length }],
    marks: [],
    turns: [],
    timestamps: [],
    wordCount: 1,
    charCount: fileName.length,
    contentHash: fileName,
    warnings: [],
  };
}

/** A worker that decides what to do from the file name ("crash-…", "oom-…", "garble-…", "hang-…"). */
class StandInWorker implements ConversionWorker {
  onmessage: ((event: MessageEvent<ConvertResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;

  postMessage(request: ConvertRequest): void {
    const fate: Fate = request.fileName.startsWith("crash")
      ? "crashes"
      : request.fileName.startsWith("oom")
        ? "outOfMemory"
        : request.fileName.startsWith("garble")
          ? "garbles"
          : request.fileName.startsWith("hang")
            ? "hangs"
            : "converts";
    queueMicrotask(() => {
      if (this.terminated) return;
      if (fate === "converts")
        this.onmessage?.({ data: { jobId: request.jobId, ok: true, source: source(request.fileName) } } as MessageEvent<ConvertResponse>);
      // Chromium reports a worker's heap exhaustion as an error event with this message (or none at all).
      if (fate === "crashes") this.onerror?.({ message: "Uncaught TypeError: boom", preventDefault() {} } as ErrorEvent);
      if (fate === "outOfMemory") this.onerror?.({ message: "", preventDefault() {} } as ErrorEvent);
      if (fate === "garbles") this.onmessageerror?.({} as MessageEvent);
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}

const bytes = () => new Uint8Array([1, 2, 3]);

describe("createWorkerPool", () => {
  let spawned: StandInWorker[];
  const spawnWorker = () => {
    const worker = new StandInWorker();
    spawned.push(worker);
    return worker;
  };
  beforeEach(async () => {
    spawned = [];
    await freshIndexedDb();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a worker that crashes or runs out of memory fails only its file; the others convert", async () => {
    const pool = createWorkerPool({ size: 2, spawnWorker });
    const names = ["P01.docx", "crash.docx", "P02.docx", "oom.docx", "garble.docx", "P03.docx"];
    const results = await Promise.all(names.map((name) => pool.convert(name, bytes())));
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false, false, true]);
    const message = (i: number) => {
      const result = results[i];
      return result && !result.ok ? result.error.message : "";
    };
    expect(message(1)).toBe(
      "“crash.docx” could not be imported: the converter stopped unexpectedly (Uncaught TypeError: boom); the file may be too large or damaged. The other files were not affected.",
    );
    expect(message(3)).toContain(
      "“oom.docx” could not be imported: the converter stopped unexpectedly; the file may be too large or damaged",
    );
    expect(message(4)).toContain("“garble.docx” could not be imported: the converter's answer could not be read");
    // Each dead worker was terminated and replaced: two at the start, three replacements.
    expect(spawned).toHaveLength(5);
    expect(spawned.filter((w) => w.terminated)).toHaveLength(3);
    pool.dispose();
  });

  it("a worker that never answers fails its file after the timeout and is replaced", async () => {
    vi.useFakeTimers();
    const pool = createWorkerPool({ size: 1, spawnWorker, jobTimeoutMs: 5_000 });
    const hung = pool.convert("hang.docx", bytes());
    const next = pool.convert("P04.docx", bytes());
    await vi.advanceTimersByTimeAsync(5_001);
    const result = await hung;
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error.message).toBe(
      "“hang.docx” could not be imported: it took too long to convert (over 5 seconds), so it was stopped. The other files were not affected.",
    );
    expect((await next).ok).toBe(true);
    expect(spawned[0]?.terminated).toBe(true);
    pool.dispose();
  });

  it("a file that converts in time is not failed by its timer later", async () => {
    vi.useFakeTimers();
    const pool = createWorkerPool({ size: 1, spawnWorker, jobTimeoutMs: 5_000 });
    expect((await pool.convert("P05.docx", bytes())).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(spawned).toHaveLength(1);
    expect(spawned[0]?.terminated).toBe(false);
    pool.dispose();
  });

  it("in a batch, the file whose worker died fails with its reason and every other file is imported", async () => {
    const project = await newProject();
    const file = (name: string): PickedFile => ({ name, path: name, size: 3, bytes: () => Promise.resolve(bytes()) });
    const converter = createWorkerPool({ size: 2, spawnWorker });
    const files = ["P01.docx", "oom-P02.docx", "P03.docx", "crash-P04.docx", "P05.docx"].map(file);
    const outcomes = await runImport({ project, files, kind: "interview", converter });
    converter.dispose();
    expect(outcomes.map((o) => o.status)).toEqual(["imported", "failed", "imported", "failed", "imported"]);
    expect(outcomes[1]?.message).toContain("“oom-P02.docx” could not be imported");
    expect((await listSources(project)).map((s) => s.name).sort()).toEqual(["P01", "P03", "P05"]);
  });
});
