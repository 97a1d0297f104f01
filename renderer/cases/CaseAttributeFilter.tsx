import { useId } from "react";
import type { AttributeRecord, CaseRecord } from "../../shared/model/records";
import { formatAttributeValue } from "../../shared/cases/values";

export type AttributeFilterValue = { attributeId: string; value: string } | null;

const SELECT = "rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";

/** "Case attribute is value": used by the sources list and by coded-segment retrieval. */
export function CaseAttributeFilter({
  attributes,
  cases,
  value,
  onChange,
}: {
  attributes: readonly AttributeRecord[];
  cases: readonly CaseRecord[];
  value: AttributeFilterValue;
  onChange: (value: AttributeFilterValue) => void;
}) {
  const id = useId();
  if (attributes.length === 0) return null;
  const chosen = value ? attributes.find((a) => a.id === value.attributeId) : undefined;
  const values = chosen
    ? [...new Set(cases.map((c) => formatAttributeValue(c.values[chosen.id])).filter(Boolean))].sort((a, b) =>
        a.localeCompare(b, undefined, { numeric: true }),
      )
    : [];
  return (
    <>
      <label htmlFor={`${id}-attribute`} className="sr-only">
        Filter by case attribute
      </label>
      <select
        id={`${id}-attribute`}
        className={SELECT}
        value={value?.attributeId ?? ""}
        onChange={(e) => onChange(e.target.value ? { attributeId: e.target.value, value: "" } : null)}
      >
        <option value="">Any case attribute</option>
        {attributes.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      {chosen && value && (
        <>
          <label htmlFor={`${id}-value`} className="sr-only">
            {`${chosen.name} is`}
          </label>
          <select
            id={`${id}-value`}
            className={SELECT}
            value={value.value}
            onChange={(e) => onChange({ attributeId: chosen.id, value: e.target.value })}
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
  );
}
