import { useId } from "react";
import { SOURCE_KINDS, type AttributeRecord, type CaseRecord, type SourceKind } from "../../shared/model/records";
import { CaseAttributeFilter } from "../cases/CaseAttributeFilter";
import type { SourceFilter } from "../../shared/sources/listing";

const SELECT = "rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";

/** Type-ahead search plus kind, case and case-attribute filters for the sources list. */
export function SourceFilters({
  filter,
  onChange,
  cases,
  attributes,
}: {
  filter: SourceFilter;
  onChange: (filter: SourceFilter) => void;
  cases: CaseRecord[];
  attributes: AttributeRecord[];
}) {
  const id = useId();
  return (
    <>
      <input
        type="search"
        aria-label="Search sources by name"
        placeholder="Search sources…"
        value={filter.search}
        onChange={(e) => onChange({ ...filter, search: e.target.value })}
        className={`${SELECT} w-48`}
      />
      <label htmlFor={`${id}-kind`} className="sr-only">
        Filter by kind
      </label>
      <select
        id={`${id}-kind`}
        value={filter.kind ?? ""}
        onChange={(e) => onChange({ ...filter, kind: (e.target.value || null) as SourceKind | null })}
        className={SELECT}
      >
        <option value="">All kinds</option>
        {SOURCE_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      {cases.length > 0 && (
        <>
          <label htmlFor={`${id}-case`} className="sr-only">
            Filter by case
          </label>
          <select
            id={`${id}-case`}
            value={filter.caseId ?? ""}
            onChange={(e) => onChange({ ...filter, caseId: e.target.value || null })}
            className={SELECT}
          >
            <option value="">All cases</option>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </>
      )}
      <CaseAttributeFilter
        attributes={attributes}
        cases={cases}
        value={filter.attribute}
        onChange={(attribute) => onChange({ ...filter, attribute })}
      />
    </>
  );
}
