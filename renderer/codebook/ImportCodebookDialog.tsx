import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useState, type ReactNode } from "react";
import type { CodebookPlan } from "../../shared/codebook/plan";
import { applyCodebookPlan } from "../db/codes";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { plural } from "./DeleteCodeDialog";

const pathText = (path: readonly string[]) => path.join(" / ");

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="mt-3">
      <h3 className="text-sm font-semibold">{title}</h3>
      <div className="mt-1 max-h-40 overflow-auto rounded border border-slate-200 px-2 py-1 text-sm dark:border-slate-700">{children}</div>
    </section>
  );
}

/**
 * The preview of a codebook file: what Apply creates (with paths), what already exists and is
 * matched rather than duplicated, what descriptions change, and the file's problems by line.
 */
export function ImportCodebookDialog({
  fileName,
  plan,
  unusedColumns,
  onClose,
  onApplied,
}: {
  fileName: string;
  plan: CodebookPlan;
  unusedColumns: string[];
  onClose: () => void;
  onApplied: (result: { created: number; updated: number }) => void;
}) {
  const project = useProject();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changes = plan.create.length + plan.update.length;
  const updated = new Set(plan.update.map((u) => u.id));

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      onApplied(await applyCodebookPlan(project, plan, fileName));
    } catch (e) {
      setError(`Nothing was changed: ${describeError(e)}`);
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Import codebook “${fileName}”`} open onClose={onClose} wide>
      <p className="text-sm">
        {changes === 0
          ? "Nothing to change: every code in this file is already in the project with the same description."
          : `Apply creates ${plural(plan.create.length, "code")} and updates ${plural(plan.update.length, "existing code")}. You can undo it.`}
      </p>
      {plan.create.length > 0 && (
        <Section title={`Codes to create (${plan.create.length})`}>
          <ul>
            {plan.create.map((c) => (
              <li key={c.ref}>
                {pathText(c.path)}
                {c.implied && <span className="text-slate-600 dark:text-slate-400"> (added to hold its sub-codes)</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {plan.matched.length > 0 && (
        <Section title={`Already in the project, not duplicated (${plan.matched.length})`}>
          <ul>
            {plan.matched.map((m) => (
              <li key={m.id}>
                {pathText(m.path)}
                {updated.has(m.id) && <span className="text-slate-600 dark:text-slate-400"> (description or colour updated)</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {plan.problems.length > 0 && (
        <Section title={`Problems (${plan.problems.length})`}>
          <ul>
            {plan.problems.map((p) => (
              <li key={`${p.line}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </Section>
      )}
      {unusedColumns.length > 0 && (
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
          Columns not used: {unusedColumns.map((c) => `“${c}”`).join(", ")}.
        </p>
      )}
      {error && <ErrorText className="mt-2 text-sm">{error}</ErrorText>}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>{changes === 0 ? "Close" : "Cancel"}</Button>
        {changes > 0 && (
          <Button variant="primary" disabled={busy} onClick={() => void apply()}>
            Apply
          </Button>
        )}
      </div>
    </Dialog>
  );
}
