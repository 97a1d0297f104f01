import { useEffect, useId, useMemo, useState } from "react";
import { flattenTree, indexCodes, pathNames, siblingNameTaken } from "../../shared/coding/codeTree";
import { normaliseCodeName } from "../../shared/coding/codeName";
import { nextCodeColour } from "../../shared/coding/palette";
import { describeError } from "../../shared/describeError";
import type { CodeId, SourceId } from "../../shared/ids";
import type { CodeRecord } from "../../shared/model/records";
import type { AutocodePlan } from "../../shared/search/autocode";
import type { KwicRow } from "../../shared/search/kwic";
import { SPREAD_UNITS, type SpreadUnit } from "../../shared/search/spread";
import { plural } from "../../shared/text/plural";
import { applyAutocode, previewAutocode, type RangesBySource } from "../db/autocode";
import type { OpenProject } from "../db/projects";
import { Button } from "../ui/Button";
import { CodeCombobox } from "../ui/CodeCombobox";
import { Dialog } from "../ui/Dialog";
import { ErrorText } from "../ui/ErrorText";
import type { CorpusClient } from "./corpusClient";
import { autocodeLabel, passageCount, SPREAD_WORDING } from "./searchState";

type Target = { kind: "existing"; codeId: string | null } | { kind: "new"; name: string; parentId: string | null };

type Preview =
  | { status: "idle" | "working" }
  | { status: "ready"; plan: AutocodePlan; ranges: RangesBySource; key: string }
  | { status: "failed"; message: string };

/**
 * Code the ticked hits: to an existing code or a new one, spread to the hit, word, sentence,
 * paragraph, speaker turn or section; a preview of what will change per source; then ONE batch.
 */
export function AutocodeDialog({
  project,
  client,
  codes,
  rows,
  query,
  onClose,
  onDone,
}: {
  project: OpenProject;
  client: CorpusClient | null;
  codes: readonly CodeRecord[];
  rows: readonly KwicRow[];
  query: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const [target, setTarget] = useState<Target>({ kind: "existing", codeId: null });
  const [unit, setUnit] = useState<SpreadUnit>("hit");
  const [preview, setPreview] = useState<Preview>({ status: "idle" });
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const index = useMemo(() => indexCodes(codes), [codes]);
  const pickable = useMemo(
    () => flattenTree(index).map(({ code }) => ({ id: code.id as string, path: pathNames(index, code.id).join(" / ") })),
    [index],
  );
  const names = useMemo(() => new Map(rows.map((r) => [r.sourceId, r.sourceName])), [rows]);
  const codeId = target.kind === "existing" ? target.codeId : null;
  const newName = target.kind === "new" ? normaliseCodeName(target.name) : "";
  const taken = target.kind === "new" && newName !== "" && siblingNameTaken(codes, target.parentId, newName, null);
  const ready = target.kind === "existing" ? codeId !== null : newName !== "" && !taken;
  const codePath =
    target.kind === "existing"
      ? codeId
        ? pathNames(index, codeId as CodeId).join("/")
        : ""
      : [...(target.parentId ? pathNames(index, target.parentId as CodeId) : []), newName].join("/");
  const key = `${unit}|${codeId ?? "new"}`;

  // The preview follows the choices: spread in the worker (it holds the sources), plan against the code's codings.
  useEffect(() => {
    if (!client || (target.kind === "existing" && codeId === null)) {
      setPreview({ status: "idle" });
      return;
    }
    let live = true;
    setPreview({ status: "working" });
    const hits = rows.map((r) => ({ sourceId: r.sourceId, start: r.start, end: r.end }));
    client
      .ask("spread", { hits, unit })
      .then(async (answer) => {
        const ranges: RangesBySource = new Map(answer.sources.map((s) => [s.sourceId as SourceId, s.ranges]));
        const plan = await previewAutocode(project, ranges, codeId as CodeId | null);
        if (live) setPreview({ status: "ready", plan, ranges, key: `${unit}|${codeId ?? "new"}` });
      })
      .catch((e: unknown) => live && setPreview({ status: "failed", message: describeError(e) }));
    return () => {
      live = false;
    };
  }, [client, project, rows, unit, codeId, target.kind]);

  const apply = async () => {
    if (preview.status !== "ready" || preview.key !== key || !ready) return;
    setApplying(true);
    setError(null);
    try {
      const passages = passageCount(preview.ranges);
      const code =
        target.kind === "existing"
          ? { id: codeId as CodeId }
          : {
              newCode: {
                name: newName,
                parentId: (target.parentId as CodeId | null) ?? null,
                colour: nextCodeColour(codes.map((c) => c.colour)),
              },
            };
      const { plan } = await applyAutocode(project, {
        rangesBySource: preview.ranges,
        code,
        label: autocodeLabel(query, codePath, unit, passages),
      });
      const t = plan.totals;
      const grown = t.updates > 0 ? `, ${plural(t.updates, "coding")} grown` : "";
      const already = t.alreadyCoded > 0 ? ` (${t.alreadyCoded} already coded)` : "";
      onDone(
        `Coded ${plural(passages, "passage")} in ${plural(plan.sources.length, "source")} at ${codePath}: ${plural(t.creates, "new coding")}${grown}${already}. Undo (Ctrl+Z) takes it all back.`,
      );
    } catch (e: unknown) {
      setError(describeError(e));
      setApplying(false);
    }
  };

  const plan = preview.status === "ready" && preview.key === key ? preview.plan : null;
  return (
    <Dialog title={`Code ${plural(rows.length, "hit")}`} open onClose={onClose} wide>
      <div className="flex flex-col gap-4 text-sm">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-semibold">Code</legend>
          <div className="flex gap-4">
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${id}-target`}
                checked={target.kind === "existing"}
                onChange={() => setTarget({ kind: "existing", codeId: null })}
              />
              An existing code
            </label>
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${id}-target`}
                checked={target.kind === "new"}
                onChange={() => setTarget({ kind: "new", name: "", parentId: null })}
              />
              A new code
            </label>
          </div>
          {target.kind === "existing" ? (
            <CodeCombobox
              label="Existing code"
              codes={pickable}
              value={target.codeId}
              onChange={(codeId) => setTarget({ kind: "existing", codeId })}
            />
          ) : (
            <div className="flex flex-wrap gap-3">
              <label className="flex flex-col gap-1">
                <span className="font-medium">New code name</span>
                <input
                  value={target.name}
                  onChange={(e) => setTarget({ ...target, name: e.target.value })}
                  aria-invalid={taken || undefined}
                  className="rounded border border-slate-400 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-800"
                />
              </label>
              <label className="flex flex-col gap-1">
                <span className="font-medium">Under</span>
                <select
                  value={target.parentId ?? ""}
                  onChange={(e) => setTarget({ ...target, parentId: e.target.value || null })}
                  className="rounded border border-slate-400 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-800"
                >
                  <option value="">Top level of the codebook</option>
                  {pickable.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.path}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
          {taken && (
            <ErrorText>There is already a code called “{newName}” there: choose it as an existing code, or another name.</ErrorText>
          )}
        </fieldset>
        <fieldset>
          <legend className="mb-1 font-semibold">How much to code around each hit</legend>
          <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
            {SPREAD_UNITS.map((u) => (
              <label key={u} className="flex items-start gap-1.5">
                <input type="radio" name={`${id}-unit`} checked={unit === u} onChange={() => setUnit(u)} className="mt-1" />
                <span>
                  {SPREAD_WORDING[u].label}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{SPREAD_WORDING[u].hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <section aria-label="Preview" className="rounded border border-slate-300 p-2 dark:border-slate-700">
          <h3 className="mb-1 font-semibold">Preview</h3>
          {!ready ? (
            <p>Choose a code to see what will be coded.</p>
          ) : preview.status === "failed" ? (
            <ErrorText>{preview.message}</ErrorText>
          ) : !plan ? (
            <p role="status">Working out the passages…</p>
          ) : (
            <PlanTable plan={plan} names={names} />
          )}
        </section>
        {error && <ErrorText>{error}</ErrorText>}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!plan || !ready || applying} onClick={() => void apply()}>
            {applying ? "Coding…" : "Apply"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function PlanTable({ plan, names }: { plan: AutocodePlan; names: ReadonlyMap<string, string> }) {
  const t = plan.totals;
  return (
    <>
      <p role="status" className="mb-2">
        {plural(t.creates, "new coding")}, {plural(t.updates, "coding")} that grow, {plural(t.alreadyCoded, "hit")} already coded, in{" "}
        {plural(plan.sources.length, "source")}.
      </p>
      <div className="max-h-48 overflow-auto">
        <table className="w-full text-left text-xs">
          <caption className="sr-only">Preview per source</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-2">
                Source
              </th>
              <th scope="col" className="pr-2 text-right">
                Hits
              </th>
              <th scope="col" className="pr-2 text-right">
                New codings
              </th>
              <th scope="col" className="pr-2 text-right">
                Grow
              </th>
              <th scope="col" className="text-right">
                Already coded
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.sources.map((s) => (
              <tr key={s.sourceId} className="border-t border-slate-200 dark:border-slate-700">
                <th scope="row" className="pr-2 font-normal">
                  {names.get(s.sourceId) ?? s.sourceId}
                </th>
                <td className="pr-2 text-right tabular-nums">{s.ranges}</td>
                <td className="pr-2 text-right tabular-nums">{s.creates.length}</td>
                <td className="pr-2 text-right tabular-nums">{s.updates.length}</td>
                <td className="text-right tabular-nums">{s.alreadyCoded}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
