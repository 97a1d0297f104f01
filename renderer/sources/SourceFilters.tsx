import { useId } from "react";
import type { AttributeRecord, CaseRecord } from "../../shared/model/records";
import { CaseAttributeFilter } from "../cases/CaseAttributeFilter";
import { CaseSelect, FILTER_SELECT as SELECT, SourceKindSelect } from "../ui/FilterSelects";
import type { SourceFilter } from "../../shared/sources/listing";

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
      <SourceKindSelect
        id={`${id}-kind`}
        label="Filter by kind"
        allLabel="All kinds"
        value={filter.kind}
        onChange={(kind) => onChange({ ...filter, kind })}
      />
      {cases.length > 0 && (
        <CaseSelect
          id={`${id}-case`}
          label="Filter by case"
          cases={cases}
          value={filter.caseId}
          onChange={(caseId) => onChange({ ...filter, caseId })}
        />
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
