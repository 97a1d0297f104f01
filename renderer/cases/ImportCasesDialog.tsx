import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { plural } from "../../shared/text/plural";
import { useState } from "react";
import type { AttributeRecord, AttributeType } from "../../shared/model/records";
import type { CsvTable } from "../../shared/cases/csv";
import {
  chooseColumnUse,
  planHasChanges,
  suggestChoices,
  type ColumnUse,
  type ImportChoices,
  type ImportPlan,
} from "../../shared/cases/plan";
import { ATTRIBUTE_TYPE_LABELS } from "../../shared/cases/values";
import { applyCaseImport, planCaseImport, type ImportSummary } from "../db/cases";
import { useLive } from "../db/live";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { ImportFindings } from "./ImportFindings";

const USES: { value: ColumnUse; label: string }[] = [
  { value: "source", label: "File or source name" },
  { value: "case", label: "Case name" },
  { value: "attribute", label: "Attribute" },
  { value: "ignore", label: "Leave out" },
];
const TYPES = Object.keys(ATTRIBUTE_TYPE_LABELS) as AttributeType[];
const DELIMITER_NAMES = { ",": "commas", ";": "semicolons", "\t": "tabs" } as const;

const selectClass =
  "w-full rounded border border-slate-400 bg-white px-1.5 py-1 text-sm disabled:opacity-70 dark:border-slate-600 dark:bg-slate-800";

/**
 * The preview of a cases CSV: what each column is (with inferred types the researcher can change),
 * what matched, what did not (by line), and Apply, which writes everything in one transaction.
 */
export function ImportCasesDialog({
  table,
  attributes,
  onClose,
  onApplied,
}: {
  table: CsvTable;
  /** The project's attributes when the file was read, for the first guess at column types. */
  attributes: AttributeRecord[];
  onClose: () => void;
  onApplied: (summary: ImportSummary) => void;
}) {
  const project = useProject();
  const [choices, setChoices] = useState<ImportChoices>(() => suggestChoices(table, attributes));
  const plan = useLive(() => planCaseImport(project, table, choices), [project, table, choices]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const existingFor = (column: number) => plan?.attributes.find((a) => a.column === column && a.existingId !== null);
  const setType = (column: number, type: AttributeType) =>
    setChoices((c) => ({ ...c, columns: c.columns.map((col, i) => (i === column ? { ...col, type } : col)) }));

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      onApplied(await applyCaseImport(project, table, choices));
    } catch (e) {
      setError(`Nothing was changed: ${describeError(e)}`);
      setBusy(false);
    }
  };

  const hasExistingCategory = plan?.attributes.some((a) => a.existingId !== null && a.type === "category") ?? false;

  return (
    <Dialog title={`Import cases from “${table.fileName}”`} open onClose={onClose} wide>
      <p className="text-sm">
        {plural(table.rows.length, "row")} read, values separated by {DELIMITER_NAMES[table.delimiter]}. Say what each column holds.
      </p>
      <div className="mt-3 max-h-64 overflow-auto rounded border border-slate-300 dark:border-slate-700">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Columns of {table.fileName}</caption>
          <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
            <tr>
              <th scope="col" className="px-2 py-1">
                Column
              </th>
              <th scope="col" className="px-2 py-1">
                First values
              </th>
              <th scope="col" className="px-2 py-1">
                Use as
              </th>
              <th scope="col" className="px-2 py-1">
                Type
              </th>
            </tr>
          </thead>
          <tbody>
            {table.header.map((name, i) => {
              const choice = choices.columns[i];
              if (!choice) return null;
              const existing = existingFor(i);
              const samples = table.rows
                .slice(0, 3)
                .map((r) => r.cells[i] ?? "")
                .filter((v) => v.trim() !== "");
              return (
                <tr key={`${i}:${name}`} className="border-t border-slate-200 dark:border-slate-700">
                  <th scope="row" className="px-2 py-1 font-medium">
                    {name}
                  </th>
                  <td className="max-w-56 truncate px-2 py-1 text-slate-700 dark:text-slate-300" title={samples.join(" · ")}>
                    {samples.join(" · ")}
                  </td>
                  <td className="px-2 py-1">
                    <select
                      aria-label={`Use of column ${name}`}
                      value={choice.use}
                      onChange={(e) => setChoices((c) => chooseColumnUse(c, i, e.target.value as ColumnUse))}
                      className={selectClass}
                    >
                      {USES.map((u) => (
                        <option key={u.value} value={u.value}>
                          {u.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="px-2 py-1">
                    {choice.use === "attribute" && (
                      <select
                        aria-label={`Type of column ${name}`}
                        aria-describedby={existing ? `existing-${i}` : undefined}
                        value={existing?.type ?? choice.type}
                        disabled={existing !== undefined}
                        onChange={(e) => setType(i, e.target.value as AttributeType)}
                        className={selectClass}
                      >
                        {TYPES.map((t) => (
                          <option key={t} value={t}>
                            {ATTRIBUTE_TYPE_LABELS[t]}
                          </option>
                        ))}
                      </select>
                    )}
                    {existing && (
                      <span id={`existing-${i}`} className="text-xs text-slate-600 dark:text-slate-400">
                        Existing attribute “{existing.name}”
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {hasExistingCategory && (
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={choices.extendCategories}
            onChange={(e) => setChoices((c) => ({ ...c, extendCategories: e.target.checked }))}
          />
          Add new values to the lists of existing “one of a list” attributes
        </label>
      )}
      {plan === undefined ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Working out what will change…</p>
      ) : (
        <PlanSummary plan={plan} hasSourceColumn={choices.columns.some((c) => c.use === "source")} />
      )}
      {error && <ErrorText className="mt-2 text-sm">{error}</ErrorText>}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="primary"
          disabled={busy || !plan || plan.choiceErrors.length > 0 || !planHasChanges(plan)}
          onClick={() => void apply()}
        >
          Apply
        </Button>
      </div>
    </Dialog>
  );
}

function PlanSummary({ plan, hasSourceColumn }: { plan: ImportPlan; hasSourceColumn: boolean }) {
  const newCases = plan.cases.filter((c) => c.existingId === null).length;
  const newAttributes = plan.attributes.filter((a) => a.existingId === null);
  return (
    <section aria-label="What the import will do" className="mt-3 text-sm">
      {plan.choiceErrors.length > 0 && (
        <ErrorText as="ul" className="mb-2">
          {plan.choiceErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ErrorText>
      )}
      <ul className="grid grid-cols-2 gap-x-6 gap-y-0.5 sm:grid-cols-3">
        {hasSourceColumn && <li>{plural(plan.matchedRows, "row")} matched to a source</li>}
        {hasSourceColumn && <li>{plural(plan.unmatchedRows.length, "row")} unmatched</li>}
        <li>{plural(newCases, "new case")}</li>
        <li>{plural(plan.cases.length - newCases, "existing case")}</li>
        <li>
          {plural(newAttributes.length, "new attribute")}
          {newAttributes.length > 0 ? `: ${newAttributes.map((a) => a.name).join(", ")}` : ""}
        </li>
        <li>{plural(plan.valueCount, "value")} to set</li>
        {hasSourceColumn && <li>{plural(plan.linkCount, "source link")} to add</li>}
      </ul>
      {!planHasChanges(plan) && plan.choiceErrors.length === 0 && (
        <p className="mt-2">This file would change nothing: everything in it is already in the project.</p>
      )}
      <ImportFindings plan={plan} />
    </section>
  );
}
