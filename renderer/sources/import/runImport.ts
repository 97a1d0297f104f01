import { MAX_FILE_BYTES, tooLarge } from "../../../shared/import/errors";
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
  done: number;
  /** Files being converted right now. */
  current: string[];
  imported: number;
  duplicates: number;
  failed: number;
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

/**
 * Imports a batch: conversions run in parallel on the converter (the worker pool), each file is written
 * in its own transaction as soon as it is converted, and every file ends with an outcome — nothing the
 * researcher picked is silently ignored. Cancelling stops new work; files already written stay, and a
 * file whose conversion was under way is not written at all.
 */
export async function runImport(options: ImportOptions): Promise<ImportOutcome[]> {
  const { project, files, kind, converter, signal, onProgress } = options;
  const outcomes: ImportOutcome[] = new Array<ImportOutcome>(files.length);
  const progress: ImportProgress = { total: files.length, done: 0, current: [], imported: 0, duplicates: 0, failed: 0 };
  const report = () => onProgress?.({ ...progress, current: [...progress.current] });
  // Writes are chained so files land in the order they finish, one transaction at a time.
  let writes: Promise<unknown> = Promise.resolve();
  let next = 0;

  const finish = (index: number, outcome: ImportOutcome) => {
    outcomes[index] = outcome;
    progress.done += 1;
    if (outcome.status === "imported") progress.imported += 1;
    else if (outcome.status === "duplicate") progress.duplicates += 1;
    else if (outcome.status === "failed") progress.failed += 1;
    report();
  };

  const base = (file: PickedFile) => ({ fileName: file.name, path: file.path, sourceId: null, warnings: [] as string[] });

  const importOne = async (index: number, file: PickedFile): Promise<void> => {
    if (file.size > MAX_FILE_BYTES) {
      finish(index, { ...base(file), status: "failed", message: tooLarge(file.name, file.size).message });
      return;
    }
    progress.current.push(file.name);
    report();
    let result;
    try {
      result = await converter.convert(file.name, await file.bytes());
    } catch (error) {
      result = { ok: false as const, error: { message: `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}` } };
    } finally {
      progress.current = progress.current.filter((name) => name !== file.name);
    }
    if (signal?.aborted) {
      finish(index, { ...base(file), status: "cancelled", message: "Cancelled before it was saved." });
      return;
    }
    if (!result.ok) {
      finish(index, { ...base(file), status: "failed", message: result.error.message });
      return;
    }
    const converted = result.source;
    const write = writes.then(async () => {
      if (signal?.aborted) return finish(index, { ...base(file), status: "cancelled", message: "Cancelled before it was saved." });
      try {
        const caseNames = options.caseNamesFor ? options.caseNamesFor(file) : [];
        const added = await addConvertedSource(project, converted, { kind, caseNames });
        if (added.status === "duplicate") {
          finish(index, { ...base(file), status: "duplicate", message: `Same text as “${added.existing.name}”, already in the project.`, sourceId: added.existing.id });
        } else {
          finish(index, { ...base(file), status: "imported", message: null, sourceId: added.source.id, warnings: converted.warnings });
        }
      } catch (error) {
        finish(index, { ...base(file), status: "failed", message: `${file.name} could not be saved: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
    writes = write;
    await write;
  };

  // Keep every worker busy plus one file read ahead, without reading the whole batch into memory.
  const lanes = Math.max(1, converter.size + 1);
  const lane = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      if (!file) continue;
      if (signal?.aborted) {
        finish(index, { ...base(file), status: "cancelled", message: "Not imported: the import was cancelled." });
        continue;
      }
      await importOne(index, file);
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.min(lanes, files.length) }, lane));
  await writes;
  if (progress.imported > 0) await refreshSourceCount(project);
  return outcomes;
}
