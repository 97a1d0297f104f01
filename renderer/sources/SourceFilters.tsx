import { useId } from "react";
import { SOURCE_KINDS, type AttributeRecord, type CaseRecord, type SourceKind } from "../../shared/model/records";
import { formatAttributeValue } from "../../shared/cases/values";
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
  const chosen = filter.attribute ? attributes.find((a) => a.id === filter.attribute?.attributeId) : undefined;
  const values = chosen
    ? [...new Set(cases.map((c) => formatAttributeValue(c.values[chosen.id])).filter(Boolean))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    : [];
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
      {attributes.length > 0 && (
        <>
          <label htmlFor={`${id}-attribute`} className="sr-only">
            Filter by attribute
          </label>
          <select
            id={`${id}-attribute`}
            value={filter.attribute?.attributeId ?? ""}
            onChange={(e) => onChange({ ...filter, attribute: e.target.value ? { attributeId: e.target.value, value: "" } : null })}
            className={SELECT}
          >
            <option value="">Any attribute</option>
            {attributes.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          {chosen && (
            <>
              <label htmlFor={`${id}-value`} className="sr-only">
                {`${chosen.name} is`}
              </label>
              <select
                id={`${id}-value`}
                value={filter.attribute?.value ?? ""}
                onChange={(e) => onChange({ ...filter, attribute: { attributeId: chosen.id, value: e.target.value } })}
                className={SELECT}
              >
                <option value="">Any value</option>
                {values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </>
          )}
        </>
      )}
    </>
  );
}
