import { describeError } from "../../../shared/describeError";
import { originalsFirst } from "../../../shared/import/copies";
import { MAX_FILE_BYTES, tooLarge } from "../../../shared/import/errors";
import { newId } from "../../../shared/ids";
import { plural } from "../../../shared/text/plural";
import type { ConvertedSource } from "../../../shared/import/types";
import type { SourceKind } from "../../../shared/model/records";
import type { OpenProject } from "../../db/projects";
import { addConvertedSource, refreshSourceCount } from "../../db/sources";
import type { PickedFile } from "../../host/host";
import type { Converter } from "./conversionPool";

export type ImportStatus = "imported" | "duplicate" | "failed" | "cancelled";

export interface ImportOutcome {
  fileName: string;
  path: string;
  status: ImportStatus;
  /** Why it failed, or which source it duplicates. */
  message: string | null;
  sourceId: string | null;
  warnings: string[];
}

export interface ImportProgress {
  total: number;
  /** Files with an outcome (saved, duplicate, failed or cancelled). */
  done: number;
  /** Files whose conversion has finished (or that needed none: too large), saved or not yet. */
  converted: number;
  /** Files being converted right now. */
  current: string[];
  /**
   * The file holding the batch: files after it are converted but wait for it, since files are saved in
   * the order they were picked. Null when nothing waits.
   */
  holding: string | null;
  imported: number;
  duplicates: number;
  failed: number;
}

/** Progress before any file has been looked at. */
export function startingProgress(total: number): ImportProgress {
  return { total, done: 0, converted: 0, current: [], holding: null, imported: 0, duplicates: 0, failed: 0 };
}

export interface ImportOptions {
  project: OpenProject;
  files: PickedFile[];
  kind: SourceKind;
  converter: Converter;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Names of the cases a file belongs to (e.g. derived from its file name); found or created with the source. */
  caseNamesFor?: (file: PickedFile) => string[];
}

/** A promise and the function that settles it (Promise.withResolvers is not in every runtime we test on). */
function settledSignal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Converted files waiting for an earlier file's turn to be written; bounds memory behind one slow file. */
const MAX_WAITING_WRITES = 16;

/**
 * Imports a batch: conversions run in parallel on the converter (the worker pool), and each file is written
 * in its own transaction in the order the researcher picked the files — so when two files hold the same
 * text, the later one in the batch is the duplicate, whichever converts first — except that a file named
 * like a copy of another picked file ("P01 (copy)", "P01 - Copy") is written after it (originalsFirst),
 * so the original is the one kept. A slow file holds back only
 * the writes after it; conversions go on, up to MAX_WAITING_WRITES converted files waiting. Every file ends
 * with an outcome — nothing the researcher picked is silently ignored. Cancelling stops new work; files
 * already written stay, and a file whose conversion was under way is not written at all.
 */
export async function runImport(options: ImportOptions): Promise<ImportOutcome[]> {
  const { project, files, kind, converter, signal, onProgress } = options;
  const outcomes: ImportOutcome[] = new Array<ImportOutcome>(files.length);
  const progress = startingProgress(files.length);
  // Files are written in this order; turns[k] settles once the k-th file to write has its outcome.
  const order = originalsFirst(files.map((f) => f.name));
  // Per file (pick index): conversion finished / outcome given. The holder is the first file in write
  // order without an outcome, while it is still converting and a later one is converted and waiting for it.
  const convertedFlags = files.map(() => false);
  const finished = files.map(() => false);
  const holder = (): string | null => {
    const first = order.findIndex((index) => !finished[index]);
    if (first < 0) return null;
    const firstIndex = order[first] ?? first;
    if (convertedFlags[firstIndex]) return null;
    const waits = order.some((index, turn) => turn > first && convertedFlags[index] === true && !finished[index]);
    return waits ? (files[firstIndex]?.name ?? null) : null;
  };
  const report = () => onProgress?.({ ...progress, current: [...progress.current], holding: holder() });
  const markConverted = (index: number) => {
    if (convertedFlags[index]) return;
    convertedFlags[index] = true;
    progress.converted += 1;
  };
  const turns = files.map(() => settledSignal());
  const keptInBatch = new Set<string>();
  // Each file is saved in its own transaction, but the batch is one undo step.
  // One file keeps its own name in the undo button and the audit trail ("Imported P07.txt").
  const only = files.length === 1 ? files[0] : undefined;
  const batch = { id: newId(), label: only ? `Imported ${only.name}` : `Imported ${plural(files.length, "file")}` };
  const writes: Promise<void>[] = [];
  const waiting = new Set<Promise<void>>();
  let next = 0;

  const finish = (index: number, outcome: ImportOutcome) => {
    outcomes[index] = outcome;
    finished[index] = true;
    markConverted(index);
    progress.done += 1;
    if (outcome.status === "imported") progress.imported += 1;
    else if (outcome.status === "duplicate") progress.duplicates += 1;
    else if (outcome.status === "failed") progress.failed += 1;
    report();
  };

  const base = (file: PickedFile) => ({ fileName: file.name, path: file.path, sourceId: null, warnings: [] as string[] });

  const convertOne = async (index: number, file: PickedFile) => {
    progress.current.push(file.name);
    report();
    try {
      return await converter.convert(file.name, await file.bytes());
    } catch (error) {
      return { ok: false as const, error: { message: `${file.name} could not be read: ${describeError(error)}` } };
    } finally {
      // Reported as each conversion finishes, so a file held up by a slower one before it still counts.
      progress.current = progress.current.filter((name) => name !== file.name);
      markConverted(index);
      report();
    }
  };

  const writeOne = async (index: number, file: PickedFile, converted: ConvertedSource): Promise<void> => {
    if (signal?.aborted) return finish(index, { ...base(file), status: "cancelled", message: "Cancelled before it was saved." });
    try {
      const caseNames = options.caseNamesFor ? options.caseNamesFor(file) : [];
      const added = await addConvertedSource(project, converted, { kind, caseNames, batch });
      if (added.status === "duplicate") {
        const which = keptInBatch.has(added.existing.id) ? "which was kept" : "already in the project";
        finish(index, {
          ...base(file),
          status: "duplicate",
          message: `Same text as “${added.existing.name}”, ${which}.`,
          sourceId: added.existing.id,
        });
      } else {
        keptInBatch.add(added.source.id);
        finish(index, { ...base(file), status: "imported", message: null, sourceId: added.source.id, warnings: converted.warnings });
      }
    } catch (error) {
      finish(index, { ...base(file), status: "failed", message: `${file.name} could not be saved: ${describeError(error)}` });
    }
  };

  /** Waits for the file written before this one (write position `turn`), then settles this file's outcome. */
  const inTurn = async (turn: number, settle: () => Promise<void> | void): Promise<void> => {
    try {
      if (turn > 0) await turns[turn - 1]?.promise;
      await settle();
    } finally {
      turns[turn]?.resolve();
    }
  };

  const importOne = async (turn: number, index: number, file: PickedFile): Promise<void> => {
    if (file.size > MAX_FILE_BYTES)
      return inTurn(turn, () => finish(index, { ...base(file), status: "failed", message: tooLarge(file.name, file.size).message }));
    const result = await convertOne(index, file);
    if (signal?.aborted)
      return inTurn(turn, () => finish(index, { ...base(file), status: "cancelled", message: "Cancelled before it was saved." }));
    if (!result.ok) return inTurn(turn, () => finish(index, { ...base(file), status: "failed", message: result.error.message }));
    const written = inTurn(turn, () => writeOne(index, file, result.source));
    writes.push(written);
    waiting.add(written);
    const done = () => waiting.delete(written);
    written.then(done, done);
    // The lane converts its next file while this one waits for its turn, unless too many are waiting.
    // (A failure here surfaces below, where every write is awaited.)
    while (waiting.size >= MAX_WAITING_WRITES) await Promise.race(waiting).catch(() => undefined);
  };

  // Keep every worker busy plus one file read ahead, without reading the whole batch into memory.
  const lanes = Math.max(1, converter.size + 1);
  const lane = async () => {
    while (next < files.length) {
      const turn = next++;
      const index = order[turn] ?? turn;
      const file = files[index];
      if (!file) continue;
      if (signal?.aborted) {
        await inTurn(turn, () => finish(index, { ...base(file), status: "cancelled", message: "Not imported: the import was cancelled." }));
        continue;
      }
      await importOne(turn, index, file);
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.min(lanes, files.length) }, lane));
  await Promise.all(writes);
  await turns.at(-1)?.promise;
  if (progress.imported > 0) await refreshSourceCount(project);
  return outcomes;
}
