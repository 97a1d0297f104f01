import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useCallback, useMemo, useState } from "react";
import { indexCodes, pathNames } from "../../shared/coding/codeTree";
import { comparisonLookups } from "../db/comparison";
import { useLive } from "../db/live";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { CellTable } from "./CellTable";
import { CodesToCompare } from "./CodesToCompare";
import { coderLabel, CoderGroupPicker } from "./CoderGroupPicker";
import { CodeSummaryTable } from "./CodeSummaryTable";
import { requestProblem, useComparisonState } from "./comparisonState";
import type { ComparisonCell } from "./computeComparison";
import { DisagreementPanel } from "./DisagreementPanel";
import { exportComparisonCsv } from "./exportComparison";
import { HowCalculated } from "./HowCalculated";
import { OverallAgreement } from "./OverallAgreement";
import { SourceChooser } from "./SourceChooser";
import { useComparison } from "./useComparison";

/**
 * Coding comparison (NVivo's coding comparison query): how far coder A and coder B agree on where
 * chosen codes apply, per code and source, with kappa, averages, and the passages where they differ.
 */
export function ComparisonView() {
  const project = useProject();
  const host = useHost();
  const lookups = useLive(() => comparisonLookups(project), [project]);
  const [state, update] = useComparisonState(project);
  const status = useComparison(project, lookups, state.run);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [exportMessage, setExportMessage] = useState<string | null>(null);

  const names = useMemo(() => {
    const index = indexCodes(lookups?.codes ?? []);
    const sources = new Map((lookups?.sources ?? []).map((s) => [s.id, s.name]));
    const coders = new Map((lookups?.coders ?? []).map((c) => [c.id, coderLabel(c)]));
    return {
      codeLabel: (id: string) => pathNames(index, id).join(" / ") || "(deleted code)",
      sourceName: (id: string) => sources.get(id) ?? "(deleted source)",
      group: (ids: readonly string[]) => ids.map((id) => coders.get(id) ?? "Unknown coder").join(", ") || "nobody",
    };
  }, [lookups]);

  const draft = state.draft;
  const problem = requestProblem(draft);
  const run = state.run;
  const results = status.state === "done" ? status.results : status.state === "running" ? status.previous : null;
  const openCell: ComparisonCell | undefined = results && openKey ? results.cells.find((c) => c.key === openKey) : undefined;
  const onShowDisagreements = useCallback((cell: ComparisonCell) => setOpenKey(cell.key), []);

  const onExport = async () => {
    if (!results || !run) return;
    setExportMessage(null);
    try {
      const saved = await exportComparisonCsv(host, project, results, {
        ...names,
        coderA: names.group(run.coderA),
        coderB: names.group(run.coderB),
      });
      if (saved) setExportMessage("Comparison exported as CSV.");
    } catch (error) {
      setExportMessage(`Could not export the comparison: ${describeError(error)}`);
    }
  };

  return (
    <section aria-label="Coding comparison" className="@container flex min-h-0 flex-1 flex-col">
      <h2 className="sr-only">Coding comparison</h2>
      <div className="grid min-h-0 flex-1 grid-rows-[auto_minmax(0,1fr)] @3xl:grid-cols-[19rem_minmax(0,1fr)] @3xl:grid-rows-1">
        <form
          aria-label="What to compare"
          className="flex max-h-[28rem] min-h-0 flex-col gap-4 overflow-auto border-b border-slate-300 p-3 @3xl:max-h-none @3xl:border-r @3xl:border-b-0 dark:border-slate-700"
          onSubmit={(e) => {
            e.preventDefault();
            if (problem) return;
            setOpenKey(null);
            update({ run: { ...draft } });
          }}
        >
          {!lookups ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
          ) : (
            <>
              <CoderGroupPicker
                coders={lookups.coders}
                coderA={draft.coderA}
                coderB={draft.coderB}
                onChange={(patch) => update({ draft: { ...draft, ...patch } })}
              />
              <CodesToCompare
                codes={lookups.codes}
                chosen={draft.codeIds}
                includeSubcodes={draft.includeSubcodes}
                onChange={(patch) => update({ draft: { ...draft, ...patch } })}
              />
              <SourceChooser
                sources={lookups.sources}
                chosen={draft.sourceIds}
                countUncoded={draft.countUncoded}
                onChange={(sourceIds) => update({ draft: { ...draft, sourceIds } })}
                onCountUncodedChange={(countUncoded) => update({ draft: { ...draft, countUncoded } })}
              />
              <div className="flex flex-col gap-1">
                <Button type="submit" variant="primary" disabled={problem !== null}>
                  Compare coding
                </Button>
                {problem && <p className="text-xs text-slate-700 dark:text-slate-300">{problem}</p>}
              </div>
            </>
          )}
        </form>
        <div className="flex min-h-0 flex-col gap-2 p-3">
          <HowCalculated />
          {!run ? (
            <p className="p-3 text-sm text-slate-700 dark:text-slate-300">
              Choose coder A, coder B and the codes to compare, then press Compare coding to see how far they agree on where each code
              applies.
            </p>
          ) : status.state === "failed" ? (
            <ErrorText className="p-3 text-sm" tone="strong">
              Could not compare coding: {status.message}
            </ErrorText>
          ) : !results ? (
            <div role="status" className="flex items-center gap-2 p-3 text-sm">
              Comparing coding…
              {status.state === "running" && status.total > 0 && (
                <progress aria-label="Codes compared" max={status.total} value={status.done}>
                  {status.done} of {status.total}
                </progress>
              )}
            </div>
          ) : (
            <>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm">
                  <strong>A:</strong> {names.group(run.coderA)} · <strong>B:</strong> {names.group(run.coderB)}
                  {status.state === "running" && <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">Updating…</span>}
                </p>
                <span className="flex items-center gap-2">
                  <span role="status" className="text-xs text-slate-700 dark:text-slate-300">
                    {exportMessage}
                  </span>
                  <Button onClick={() => void onExport()}>Export CSV</Button>
                </span>
              </div>
              <OverallAgreement pooled={results.pooled} countUncoded={results.countUncoded} observers={results.observers} />
              {/* Focusable so keyboard users can scroll a long list of codes. */}
              <div tabIndex={0} role="region" aria-label="Agreement by code" className="max-h-[40%] shrink-0 overflow-auto">
                <CodeSummaryTable
                  byCode={results.byCode}
                  overall={results.overall}
                  countUncoded={results.countUncoded}
                  showAlpha={results.observers > 2}
                  codeLabel={names.codeLabel}
                />
              </div>
              {results.cells.length === 0 ? (
                <p className="p-3 text-sm text-slate-700 dark:text-slate-300">Neither A nor B coded these codes in these sources.</p>
              ) : (
                <div className="relative flex min-h-[12rem] flex-1 flex-col overflow-x-auto">
                  <div className="flex min-h-0 min-w-[56rem] flex-1 flex-col">
                    <CellTable
                      cells={results.cells}
                      showAlpha={results.observers > 2}
                      codeLabel={names.codeLabel}
                      sourceName={names.sourceName}
                      selectedKey={openKey}
                      onShowDisagreements={onShowDisagreements}
                    />
                  </div>
                </div>
              )}
              {openCell && (
                <div className="max-h-[45%] min-h-0 shrink-0 overflow-hidden">
                  <DisagreementPanel
                    key={openCell.key}
                    project={project}
                    cell={openCell}
                    codeLabel={names.codeLabel(openCell.codeId)}
                    sourceName={names.sourceName(openCell.sourceId)}
                    coderA={names.group(run.coderA)}
                    coderB={names.group(run.coderB)}
                    onClose={() => setOpenKey(null)}
                  />
                </div>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}
