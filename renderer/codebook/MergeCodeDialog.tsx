import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useMemo, useState } from "react";
import { codePath, type CodeIndex } from "../../shared/coding/codeTree";
import type { CodeMergePlan } from "../../shared/coding/codeMerge";
import type { CodeRecord } from "../../shared/model/records";
import { mergeCodes, previewMerge } from "../db/codes";
import { useLive } from "../db/live";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { CodeCombobox } from "../ui/CodeCombobox";
import { plural } from "./DeleteCodeDialog";

/** The preview's lines, so the researcher sees what happens to every coding before confirming. */
export function mergeSummary(plan: CodeMergePlan, fromName: string, intoName: string, index: CodeIndex<CodeRecord>): string[] {
  const { moved, collapsed, unioned } = plan.summary;
  const lines = [
    `${plural(moved, "coding")} move${moved === 1 ? "s" : ""} to “${intoName}”.`,
    `${plural(collapsed, "coding")} with exactly the same text as one already at “${intoName}” (same coder) ${collapsed === 1 ? "is" : "are"} combined.`,
    `${plural(unioned, "overlapping coding")} by the same coder ${unioned === 1 ? "is" : "are"} joined into one.`,
  ];
  if (plan.reparented.length > 0)
    lines.push(
      `${plural(plan.reparented.length, "sub-code")} of “${fromName}” move${plan.reparented.length === 1 ? "s" : ""} under “${intoName}”.`,
    );
  for (const r of plan.renamed)
    lines.push(`“${index.byId.get(r.id)?.name ?? ""}” is renamed “${r.name}” (“${intoName}” already has a sub-code of that name).`);
  lines.push(`“${fromName}”'s description and memo are added to “${intoName}”'s, and “${fromName}” is removed.`);
  return lines;
}

export function MergeCodeDialog({
  from,
  index,
  onClose,
  onMerged,
}: {
  from: CodeRecord;
  index: CodeIndex<CodeRecord>;
  onClose: () => void;
  onMerged: (intoId: string, plan: CodeMergePlan) => void;
}) {
  const project = useProject();
  const [intoId, setIntoId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choices = useMemo(
    () =>
      [...index.byId.values()]
        .filter((c) => c.id !== from.id)
        .map((c) => ({ id: c.id, path: codePath(index, c.id) }))
        .sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true, sensitivity: "base" })),
    [index, from.id],
  );
  const preview = useLive(async () => (intoId ? previewMerge(project, from.id, intoId) : null), [project, from.id, intoId]);
  const into = intoId ? index.byId.get(intoId) : undefined;

  const confirm = async () => {
    if (!intoId) return;
    setBusy(true);
    setError(null);
    try {
      onMerged(intoId, await mergeCodes(project, from.id, intoId));
    } catch (e) {
      setError(`Nothing was merged: ${describeError(e)}`);
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Merge “${from.name}” into…`} open onClose={onClose}>
      <p className="mb-3 text-sm">Choose the code that takes over “{from.name}”'s codings. You can undo the merge.</p>
      <CodeCombobox label="Merge into" codes={choices} value={intoId} onChange={setIntoId} />
      <section aria-label="What the merge will do" aria-live="polite" className="mt-3 text-sm">
        {preview && !preview.ok && <ErrorText>{preview.reason}</ErrorText>}
        {preview?.ok && into && (
          <ul className="list-disc pl-5">
            {mergeSummary(preview.plan, from.name, into.name, index).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </section>
      {error && <ErrorText className="mt-2 text-sm">{error}</ErrorText>}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" disabled={busy || !preview?.ok} onClick={() => void confirm()}>
          Merge
        </Button>
      </div>
    </Dialog>
  );
}
