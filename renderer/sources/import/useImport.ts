import { useCallback, useRef, useState } from "react";
import type { SourceKind } from "../../../shared/model/records";
import type { PickedFile } from "../../host/host";
import { useProject, useSession } from "../../project/ProjectContext";
import { createWorkerPool } from "./conversionPool";
import { runImport, startingProgress, type ImportOutcome, type ImportProgress } from "./runImport";

export type ImportState =
  { phase: "idle" } | { phase: "running"; progress: ImportProgress } | { phase: "done"; outcomes: ImportOutcome[]; cancelled: boolean };

/** Runs one import batch on a fresh worker pool, with progress and cancel. */
export function useImport() {
  const project = useProject();
  const session = useSession();
  const [state, setState] = useState<ImportState>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (files: PickedFile[], kind: SourceKind, caseNamesFor?: (file: PickedFile) => string[]) => {
      if (files.length === 0) return;
      const controller = new AbortController();
      abort.current = controller;
      const converter = createWorkerPool();
      session.setImporting(true);
      setState({ phase: "running", progress: startingProgress(files.length) });
      try {
        const outcomes = await runImport({
          project,
          files,
          kind,
          converter,
          signal: controller.signal,
          onProgress: (progress) => setState({ phase: "running", progress }),
          ...(caseNamesFor ? { caseNamesFor } : {}),
        });
        setState({ phase: "done", outcomes, cancelled: controller.signal.aborted });
      } finally {
        converter.dispose();
        abort.current = null;
        session.setImporting(false);
      }
    },
    [project, session],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return { state, start, cancel, reset };
}
