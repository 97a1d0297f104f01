/**
 * The two filter selects every list and scope form has (Sources, Coded segments, Search, Word
 * frequency): a kind of source, and a case. One place for their markup, so the views read alike.
 */
import { SOURCE_KINDS, type CaseRecord, type SourceKind } from "../../shared/model/records";

export const FILTER_SELECT = "rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";

/** A kind of source, or every kind (""). `label` is the accessible name (visually hidden). */
export function SourceKindSelect({
  id,
  label,
  value,
  onChange,
  allLabel = "All kinds of source",
}: {
  id: string;
  label: string;
  value: SourceKind | null;
  onChange: (kind: SourceKind | null) => void;
  allLabel?: string;
}) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        className={FILTER_SELECT}
        value={value ?? ""}
        onChange={(e) => onChange((e.target.value || null) as SourceKind | null)}
      >
        <option value="">{allLabel}</option>
        {SOURCE_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </>
  );
}

/** One case, or every case (""). */
export function CaseSelect({
  id,
  label,
  cases,
  value,
  onChange,
}: {
  id: string;
  label: string;
  cases: readonly Pick<CaseRecord, "id" | "name">[];
  value: string | null;
  onChange: (caseId: string | null) => void;
}) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select id={id} className={FILTER_SELECT} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">All cases</option>
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </>
  );
}
