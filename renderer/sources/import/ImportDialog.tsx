import { useEffect, useId, useState } from "react";
import { SOURCE_KINDS, type SourceKind } from "../../../shared/model/records";
import { useHost } from "../../host/HostContext";
import type { PickedFile } from "../../host/host";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { filesFromDataTransfer } from "./dropFiles";
import { ImportProgressView, ImportResultsView } from "./ImportResults";
import { useImport } from "./useImport";
import { CaseFromFileName } from "./CaseFromFileName";
import { caseNameFromFileName, checkCaseNamePattern } from "../../../shared/cases/pattern";

const FILTERS = [{ name: "Transcripts and documents", extensions: ["docx", "txt"] }];

/** Import sources: pick or drop files or folders; conversion runs in workers; every file gets a result. */
export function ImportDialog({ open, droppedFiles, onClose }: { open: boolean; droppedFiles: PickedFile[] | null; onClose: () => void }) {
  const host = useHost();
  const { state, start, cancel, reset } = useImport();
  const [kind, setKind] = useState<SourceKind>("interview");
  const [cancelling, setCancelling] = useState(false);
  const [dragOver, setDragOver] = useState(false);
  const [casePattern, setCasePattern] = useState<string | null>(null);
  const kindId = useId();
  const patternProblem = casePattern === null ? null : checkCaseNamePattern(casePattern);

  const begin = (files: PickedFile[]) => {
    if (files.length === 0) return;
    setCancelling(false);
    const pattern = casePattern !== null && !patternProblem ? casePattern : null;
    void start(
      files,
      kind,
      pattern === null
        ? undefined
        : (file) => {
            const name = caseNameFromFileName(pattern, file.name);
            return name ? [name] : [];
          },
    );
  };

  // Files dropped on the sources list start importing straight away with the last-used kind.
  useEffect(() => {
    if (open && droppedFiles && droppedFiles.length > 0 && state.phase === "idle") begin(droppedFiles);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start once per drop
  }, [open, droppedFiles]);

  const close = () => {
    if (state.phase === "running") return; // cancel first: a half-finished batch must be explicit
    reset();
    onClose();
  };

  return (
    <Dialog title="Import sources" open={open} onClose={close} wide>
      {state.phase === "idle" && (
        <div
          className={`flex flex-col gap-4 rounded ${dragOver ? "outline-2 outline-dashed outline-blue-600" : ""}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragOver(true);
          }}
          onDragLeave={() => setDragOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragOver(false);
            void filesFromDataTransfer(e.dataTransfer).then(begin);
          }}
        >
          <p className="text-sm">
            Word documents (.docx) and plain text (.txt). Pick as many as you like, or a whole folder; you can also drop them here or on the
            sources list.
          </p>
          <div className="flex items-center gap-2">
            <label htmlFor={kindId} className="text-sm font-medium">
              Source kind
            </label>
            <select
              id={kindId}
              value={kind}
              onChange={(e) => setKind(e.target.value as SourceKind)}
              className="rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
            >
              {SOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k[0]?.toUpperCase()}
                  {k.slice(1)}
                </option>
              ))}
            </select>
          </div>
          <CaseFromFileName pattern={casePattern} problem={patternProblem} onChange={setCasePattern} />
          <div className="flex gap-2">
            <Button
              variant="primary"
              disabled={patternProblem !== null}
              onClick={() => void host.pickFiles({ title: "Import sources", filters: FILTERS, multiple: true }).then(begin)}
            >
              Choose files…
            </Button>
            <Button
              disabled={patternProblem !== null}
              onClick={() =>
                void host.pickFiles({ title: "Import a folder", filters: FILTERS, multiple: true, directory: true }).then(begin)
              }
            >
              Choose folder…
            </Button>
          </div>
          <div className="flex justify-end">
            <Button onClick={close}>Close</Button>
          </div>
        </div>
      )}
      {state.phase === "running" && (
        <ImportProgressView
          progress={state.progress}
          cancelling={cancelling}
          onCancel={() => {
            setCancelling(true);
            cancel();
          }}
        />
      )}
      {state.phase === "done" && (
        <div className="flex flex-col gap-3">
          {state.cancelled && <p className="text-sm">The import was cancelled. Files saved before that stay in the project.</p>}
          <ImportResultsView outcomes={state.outcomes} />
          <div className="flex justify-end gap-2">
            <Button onClick={reset}>Import more</Button>
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
