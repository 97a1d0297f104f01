import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useState } from "react";
import type { RefiExportSummary } from "../../shared/refi/export";
import { listCodes } from "../db/codes";
import { useLive } from "../db/live";
import { exportProjectQdpx, refiFileName, type RefiExportChoice } from "../db/refiExport";
import { listSources } from "../db/sources";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { ExportChoiceLists } from "./ExportChoiceLists";
import { plural } from "../../shared/text/plural";

/** Which tool the file is for decides how selection positions count (docs/refi-qda.md "Export"). */
const TARGETS = {
  "nvivo-windows": { label: "NVivo for Windows", hint: "UTF-16 code units; Windows line breaks", convention: "utf16", lineBreaks: "crlf" },
  "nvivo-mac": { label: "NVivo for Mac", hint: "UTF-16 code units; Mac line breaks", convention: "utf16", lineBreaks: "lf" },
  standard: {
    label: "ATLAS.ti, MAXQDA, QualCoder and other tools",
    hint: "the QDA-XML standard: Unicode code points",
    convention: "codepoints",
    lineBreaks: "lf",
  },
} as const satisfies Record<string, { label: string; hint: string } & Pick<RefiExportChoice, "convention" | "lineBreaks">>;
type Target = keyof typeof TARGETS;

const appVersion = (): string => (typeof __APP_VERSION__ === "string" ? __APP_VERSION__ : "dev");

export function summaryText(s: RefiExportSummary): string {
  return `Exported ${plural(s.sources, "source")}, ${plural(s.codes, "code")}, ${plural(s.codings, "coding")}, ${plural(s.memos, "memo")}, ${plural(s.cases, "case")}, ${plural(s.attributes, "attribute")} and ${plural(s.coders, "coder")}.`;
}

/** "Export project as REFI-QDA": the whole project or chosen sources and codes, for a chosen tool. */
export function ExportRefiDialog({ onClose }: { onClose: () => void }) {
  const project = useProject();
  const host = useHost();
  const sources = useLive(() => listSources(project), [project]);
  const codes = useLive(() => listCodes(project), [project]);
  const [scope, setScope] = useState<"whole" | "chosen">("whole");
  const [target, setTarget] = useState<Target>("nvivo-windows");
  const [chosenSources, setChosenSources] = useState<Set<string> | null>(null);
  const [chosenCodes, setChosenCodes] = useState<Set<string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RefiExportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Everything starts chosen: a partial export is made by unticking.
  const pickedSources = chosenSources ?? new Set((sources ?? []).map((s) => s.id));
  const pickedCodes = chosenCodes ?? new Set((codes ?? []).map((c) => c.id));
  const nothingChosen = scope === "chosen" && pickedSources.size === 0;

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { convention, lineBreaks } = TARGETS[target];
      const choice: RefiExportChoice =
        scope === "whole"
          ? { convention, lineBreaks }
          : { convention, lineBreaks, sourceIds: [...pickedSources], codeIds: [...pickedCodes] };
      const result = await exportProjectQdpx(project, choice, appVersion());
      const saved = await host.saveFile({
        suggestedName: refiFileName(project.entry.name, "qdpx"),
        data: result.bytes,
        mimeType: "application/zip",
        filters: [{ name: "REFI-QDA project", extensions: ["qdpx"] }],
      });
      if (saved) setDone(result.summary);
    } catch (e) {
      setError(`The project could not be exported: ${describeError(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Export project as REFI-QDA (.qdpx)" open onClose={onClose} wide>
      <p className="text-sm">
        A .qdpx file opens in NVivo, ATLAS.ti, MAXQDA and QualCoder, and is the open format for archiving a project. It holds the
        sources&apos; text, codebook, codings with their coders, memos, cases and attributes.
      </p>
      <fieldset className="mt-3">
        <legend className="text-sm font-semibold">What to export</legend>
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input type="radio" name="refi-scope" checked={scope === "whole"} onChange={() => setScope("whole")} />
          The whole project
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="refi-scope" checked={scope === "chosen"} onChange={() => setScope("chosen")} />
          Chosen sources and codes (codings of the chosen codes in the chosen sources)
        </label>
      </fieldset>
      {scope === "chosen" && sources && codes && (
        <ExportChoiceLists
          sources={sources}
          codes={codes}
          chosenSources={pickedSources}
          chosenCodes={pickedCodes}
          onSources={setChosenSources}
          onCodes={setChosenCodes}
        />
      )}
      <fieldset className="mt-3">
        <legend className="text-sm font-semibold">Which program will open it</legend>
        {(Object.keys(TARGETS) as Target[]).map((key) => (
          <label key={key} className="mt-1 flex items-baseline gap-2 text-sm">
            <input type="radio" name="refi-target" checked={target === key} onChange={() => setTarget(key)} />
            <span>
              {TARGETS[key].label} <span className="text-xs text-slate-600 dark:text-slate-400">({TARGETS[key].hint})</span>
            </span>
          </label>
        ))}
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          The programs count positions in the text differently; choosing the right one makes every coded segment begin and end where it does
          here.
        </p>
      </fieldset>
      {nothingChosen && <p className="mt-2 text-sm text-amber-900 dark:text-amber-200">Choose at least one source to export.</p>}
      <div role="status" className="mt-3 text-sm">
        {busy && "Exporting…"}
        {done && (
          <>
            <p>{summaryText(done)}</p>
            {done.remarks.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {done.remarks.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {error && (
        <ErrorText className="mt-2 text-sm" tone="strong">
          {error}
        </ErrorText>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>{done ? "Close" : "Cancel"}</Button>
        <Button variant="primary" disabled={busy || nothingChosen || !sources || !codes} onClick={() => void run()}>
          Export…
        </Button>
      </div>
    </Dialog>
  );
}

/** The navigator's entry point: a button that opens the export dialog. */
export function ExportRefiButton() {
  const [open, setOpen] = useState(false);
  return (
    <div className="mt-auto border-t border-slate-200 p-2 dark:border-slate-700">
      <Button variant="ghost" className="w-full justify-start" onClick={() => setOpen(true)}>
        Export project as REFI-QDA…
      </Button>
      {open && <ExportRefiDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
