import { useEffect, useId, useMemo, useState } from "react";
import { codePath, indexCodes } from "../../shared/coding/codeTree";
import { nextCodeColour } from "../../shared/coding/palette";
import { describeError } from "../../shared/describeError";
import type { CaseId, CodeId } from "../../shared/ids";
import type { SpeakerRow, SpeakerTurnRanges } from "../../shared/search/speakers";
import { plural } from "../../shared/text/plural";
import { applyAutocode, previewAutocode } from "../db/autocode";
import { codePassagesToCases, planCasePassages } from "../db/casePassages";
import { listCases } from "../db/cases";
import { listCodes } from "../db/codes";
import { useLive } from "../db/live";
import { useProject } from "../project/ProjectContext";
import { useCorpus } from "../search/CorpusContext";
import { Button } from "../ui/Button";
import { CodeCombobox } from "../ui/CodeCombobox";
import { Dialog } from "../ui/Dialog";
import { ErrorText } from "../ui/ErrorText";
import { caseRequests, codeTurnsLabel, rangesForRows } from "./codeTurnsPlan";

type Target = "newCode" | "code" | "perSpeaker" | "case";

interface PreviewRow {
  key: string;
  what: string;
  source: string;
  turns: number;
  already: number;
}

/**
 * Codes every turn of the ticked speakers (each turn's text, its label left out) to a code, new or
 * existing, or to cases: by default one case per speaker, named after it (made when missing), as a
 * focus group needs. Shows per source how many turns and how many are already coded, then applies
 * it all as ONE journaled batch: one undo step, one audit-trail line.
 */
export function CodeTurnsDialog({
  rows,
  sourceNames,
  onClose,
  onDone,
}: {
  rows: SpeakerRow[];
  sourceNames: ReadonlyMap<string, string>;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const project = useProject();
  const corpus = useCorpus();
  const codes = useLive(() => listCodes(project), [project]);
  const cases = useLive(() => listCases(project), [project]);
  const [target, setTarget] = useState<Target>("perSpeaker");
  const [newCodeName, setNewCodeName] = useState(rows.length === 1 ? (rows[0]?.name ?? "") : "");
  const [codeId, setCodeId] = useState<string | null>(null);
  const [caseId, setCaseId] = useState<string>("");
  const [turns, setTurns] = useState<SpeakerTurnRanges[] | null>(null);
  const [preview, setPreview] = useState<PreviewRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = useId();

  const index = useMemo(() => indexCodes(codes ?? []), [codes]);
  const choices = useMemo(
    () => (codes ?? []).map((c) => ({ id: c.id as string, path: codePath(index, c.id) })).sort((a, b) => a.path.localeCompare(b.path)),
    [codes, index],
  );

  useEffect(() => {
    if (!corpus) return;
    let current = true;
    corpus.ask("speakerTurns", { labels: rows.flatMap((r) => r.labels) }).then(
      (answer) => current && setTurns(answer.sources),
      (e: unknown) => current && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [corpus, rows]);

  const ready =
    target === "newCode" ? newCodeName.trim() !== "" : target === "code" ? codeId !== null : target === "case" ? caseId !== "" : true;

  useEffect(() => {
    if (!turns || !ready) return setPreview(null);
    let current = true;
    const name = (id: string) => sourceNames.get(id) ?? "a source";
    const work = async (): Promise<PreviewRow[]> => {
      if (target === "newCode" || target === "code") {
        const plan = await previewAutocode(project, rangesForRows(rows, turns), target === "code" ? (codeId as CodeId) : null);
        return plan.sources.map((s) => ({ key: s.sourceId, what: "", source: name(s.sourceId), turns: s.ranges, already: s.alreadyCoded }));
      }
      const requests = caseRequests(
        rows,
        turns,
        target === "case" ? { kind: "existing", caseId: caseId as CaseId } : { kind: "perSpeaker" },
      );
      const planned = await planCasePassages(project, requests);
      return planned.flatMap((p) =>
        p.plan.sources.map((s) => ({
          key: `${p.caseName}:${s.sourceId}`,
          what: `${p.caseName}${p.caseId === null ? " (new case)" : ""}`,
          source: name(s.sourceId),
          turns: s.ranges,
          already: s.alreadyCoded,
        })),
      );
    };
    work().then(
      (r) => current && (setPreview(r), setError(null)),
      (e: unknown) => current && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [project, rows, turns, target, codeId, caseId, newCodeName, ready, sourceNames]);

  const total = preview?.reduce((n, r) => n + r.turns, 0) ?? 0;

  const apply = async () => {
    if (!turns) return;
    setBusy(true);
    setError(null);
    try {
      if (target === "newCode" || target === "code") {
        const to = target === "code" ? `“${codePath(index, codeId as CodeId)}”` : `new code “${newCodeName.trim()}”`;
        await applyAutocode(project, {
          rangesBySource: rangesForRows(rows, turns),
          code:
            target === "code"
              ? { id: codeId as CodeId }
              : { newCode: { name: newCodeName, parentId: null, colour: nextCodeColour((codes ?? []).map((c) => c.colour)) } },
          label: codeTurnsLabel(rows, to, total),
        });
        onDone(`Coded ${plural(total, "turn")} to ${to}.`);
      } else {
        const requests = caseRequests(
          rows,
          turns,
          target === "case" ? { kind: "existing", caseId: caseId as CaseId } : { kind: "perSpeaker" },
        );
        const to =
          target === "case"
            ? `case “${cases?.find((c) => c.id === caseId)?.name ?? ""}”`
            : `cases ${rows
                .slice(0, 3)
                .map((r) => `“${r.name}”`)
                .join(", ")}${rows.length > 3 ? "…" : ""}`;
        await codePassagesToCases(project, requests, codeTurnsLabel(rows, to, total));
        onDone(`Coded ${plural(total, "turn")} to ${to}.`);
      }
    } catch (e) {
      setError(`Nothing was coded: ${describeError(e)}`);
      setBusy(false);
    }
  };

  const radio = (value: Target, label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input type="radio" name={name} value={value} checked={target === value} onChange={() => setTarget(value)} />
      {label}
    </label>
  );

  return (
    <Dialog title="Code turns" open onClose={onClose} wide>
      <p className="mb-3 text-sm">
        Every turn of {rows.map((r) => r.name).join(", ")} (the text after each speaker label) is coded in one step, which you can undo.
      </p>
      <fieldset className="mb-3 flex flex-col gap-1.5">
        <legend className="mb-1 text-sm font-medium">Code the turns to</legend>
        {radio("perSpeaker", rows.length === 1 ? "A case for this speaker, named after it" : "A case for each speaker, named after it")}
        {radio("case", "One existing case")}
        {radio("newCode", "A new code")}
        {radio("code", "An existing code")}
      </fieldset>
      {target === "newCode" && (
        <label className="mb-3 flex flex-col gap-1 text-sm font-medium">
          New code name
          <input
            value={newCodeName}
            onChange={(e) => setNewCodeName(e.target.value)}
            className="rounded border border-slate-400 bg-white px-2 py-1.5 text-sm font-normal dark:border-slate-600 dark:bg-slate-800"
          />
        </label>
      )}
      {target === "code" && (
        <div className="mb-3">
          <CodeCombobox label="Code" codes={choices} value={codeId} onChange={setCodeId} />
        </div>
      )}
      {target === "case" && (
        <label className="mb-3 flex flex-col gap-1 text-sm font-medium">
          Case
          <select
            value={caseId}
            onChange={(e) => setCaseId(e.target.value)}
            className="rounded border border-slate-400 bg-white px-2 py-1.5 text-sm font-normal dark:border-slate-600 dark:bg-slate-800"
          >
            <option value="">Choose a case</option>
            {(cases ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <section aria-label="Preview" aria-live="polite" className="mb-3 max-h-64 overflow-auto text-sm">
        {!turns && !error && <p>Finding the turns…</p>}
        {preview && preview.length === 0 && <p>These speakers have no turns to code.</p>}
        {preview && preview.length > 0 && (
          <table className="w-full text-left">
            <caption className="mb-1 text-left font-medium">
              {plural(total, "turn")} in {plural(new Set(preview.map((r) => r.source)).size, "source")}
            </caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                {preview.some((r) => r.what) && <th className="py-1 font-medium">Case</th>}
                <th className="py-1 font-medium">Source</th>
                <th className="py-1 text-right font-medium">Turns</th>
                <th className="py-1 text-right font-medium">Already coded</th>
              </tr>
            </thead>
            <tbody>
              {preview.map((r) => (
                <tr key={r.key} className="border-b border-slate-200 dark:border-slate-800">
                  {r.what && <td className="py-1">{r.what}</td>}
                  <td className="py-1">{r.source}</td>
                  <td className="py-1 text-right tabular-nums">{r.turns}</td>
                  <td className="py-1 text-right tabular-nums">{r.already}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {error && <ErrorText>{error}</ErrorText>}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" disabled={busy || !preview || total === 0} onClick={() => void apply()}>
          Apply
        </Button>
      </div>
    </Dialog>
  );
}
