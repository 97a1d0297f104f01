import { ErrorText } from "../ui/ErrorText";
import { useCallback, useMemo, useRef, useState } from "react";
import { REPORT_KINDS, reportOptions, type ReportKind, type ReportOptions } from "../../shared/reports";
import { retrievalLookups } from "../db/retrieval";
import { listMemos } from "../db/memos";
import { useLive } from "../db/live";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { ReportDocument } from "./ReportDocument";
import { ReportOptionsPanel, type OptionLookups } from "./ReportOptionsPanel";
import { ReportOutputBar } from "./ReportOutputBar";
import { projectReportSource } from "./reportData";
import { useReportStream } from "./useReportStream";
import { useSpeakerRoles } from "../speakers/useSpeakerRoles";

/** `#/project/<id>/reports?kind=codebook` opens that report. */
function kindFromHash(hash: string): ReportKind {
  const match = /[?&]kind=([a-z]+)/.exec(hash);
  return REPORT_KINDS.find((k) => k === match?.[1]) ?? "code";
}

function rememberKind(kind: ReportKind): void {
  // replaceState does not fire hashchange: the route (and this view) stays as it is.
  const [path = ""] = window.location.hash.split("?", 1);
  window.history.replaceState(window.history.state, "", `${path}?kind=${kind}`);
}

/** Reports: options on the left, a live preview that is exactly what prints, and the ways out. */
export function ReportsView() {
  const project = useProject();
  const [chosen, setOptions] = useState<ReportOptions>(() => reportOptions({ kind: kindFromHash(window.location.hash) }));
  // Who counts as interviewer or facilitator: the Speakers view's marks, when there are any.
  const { interviewerLabels } = useSpeakerRoles();
  // Keyed by the labels' text, so a fresh array with the same labels does not make the report again.
  const labelsKey = interviewerLabels?.join("\u0000");
  const options = useMemo(
    () => (labelsKey !== undefined ? { ...chosen, interviewerLabels: labelsKey === "" ? [] : labelsKey.split("\u0000") } : chosen),
    [chosen, labelsKey],
  );
  const lookups = useLive<OptionLookups>(async () => {
    const [base, memos] = await Promise.all([retrievalLookups(project), listMemos(project)]);
    return { ...base, memos };
  }, [project]);
  const source = useMemo(() => projectReportSource(project), [project]);
  // The report is read once per choice of options; "Refresh" reads it again after changes elsewhere.
  const [version, setVersion] = useState(0);
  // A code report of every code could be 100,000 segments: it waits for codes to be chosen.
  const missing =
    options.kind === "transcript" && options.sourceIds.length === 0
      ? "Choose a source to see its coded transcript."
      : options.kind === "code" && options.codeIds.length === 0
        ? "Choose one or more codes to see every passage coded to them."
        : null;
  const ready = missing === null;
  const progress = useReportStream(ready ? source : null, ready ? options : null, version);
  const previewRef = useRef<HTMLDivElement | null>(null);
  const host = useHost();

  const change = useCallback((patch: Partial<ReportOptions>) => {
    setOptions((current) => {
      const next = { ...current, ...patch };
      if (patch.kind && patch.kind !== current.kind) {
        rememberKind(patch.kind);
        // A transcript is of one source; other reports start from every source again.
        next.sourceIds = patch.kind === "transcript" ? current.sourceIds.slice(0, 1) : [];
      }
      return next;
    });
  }, []);

  return (
    <div className="grid min-h-0 flex-1 grid-cols-[18rem_minmax(0,1fr)]">
      <div className="report-no-print min-h-0 overflow-auto border-r border-slate-300 dark:border-slate-700">
        <h2 className="px-3 pt-3 text-base font-semibold">Reports</h2>
        {lookups ? <ReportOptionsPanel options={options} lookups={lookups} onChange={change} /> : <p className="p-3 text-sm">Loading…</p>}
      </div>
      <section aria-label="Report preview" className="flex min-h-0 flex-col">
        <ReportOutputBar
          host={host}
          progress={progress}
          options={options}
          source={source}
          previewRef={previewRef}
          onRefresh={() => setVersion((v) => v + 1)}
        />
        <div className="min-h-0 flex-1 overflow-auto bg-slate-200 p-4 dark:bg-slate-800">
          {!ready ? (
            <p className="report-no-print text-sm">{missing}</p>
          ) : progress.error ? (
            <ErrorText className="report-no-print text-sm" tone="strong">
              This report could not be made: {progress.error}
            </ErrorText>
          ) : progress.header ? (
            <div ref={previewRef}>
              <ReportDocument header={progress.header} sections={progress.sections} />
            </div>
          ) : (
            <p className="report-no-print text-sm">Preparing the report…</p>
          )}
        </div>
      </section>
    </div>
  );
}
