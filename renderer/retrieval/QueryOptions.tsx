import { useId } from "react";
import { CaseAttributeFilter } from "../cases/CaseAttributeFilter";
import { FILTER_SELECT as SELECT, SourceKindSelect } from "../ui/FilterSelects";
import type { AttributeRecord, CaseRecord, CoderRecord } from "../../shared/model/records";
import { SORT_LABELS, type MatchMode, type SegmentFilter, type SegmentSort } from "../../shared/retrieval/segments";
import { SPEAKER_SCOPE_LABELS, SPEAKER_SCOPES, type SpeakerScope } from "../../shared/retrieval/speakers";

/** ANY / ALL and sub-codes, with the rule spelled out so the researcher knows what ALL returns. */
export function MatchOptions({
  mode,
  includeSubcodes,
  onChange,
}: {
  mode: MatchMode;
  includeSubcodes: boolean;
  onChange: (patch: { mode?: MatchMode; includeSubcodes?: boolean }) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1 text-sm">
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1" aria-describedby={`${id}-rule`}>
        <legend className="sr-only">Show segments coded at</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name={`${id}-mode`} checked={mode === "any"} onChange={() => onChange({ mode: "any" })} />
          Any of these codes
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name={`${id}-mode`} checked={mode === "all"} onChange={() => onChange({ mode: "all" })} />
          All of these codes
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={includeSubcodes} onChange={(e) => onChange({ includeSubcodes: e.target.checked })} />
          Include sub-codes
        </label>
      </fieldset>
      <p id={`${id}-rule`} className="text-xs text-slate-600 dark:text-slate-400">
        {mode === "any"
          ? "Every coding of any chosen code, one row per coding."
          : "Only text that every chosen code covers in the same source, trimmed to where they overlap (any coder’s codings count)."}
      </p>
    </div>
  );
}

/**
 * "Speaker turns": all, or leave out the interviewer's and facilitator's turns, or participants' turns
 * only (shared/retrieval/speakers.ts). Shared by Coded segments and the report options.
 */
export function SpeakerTurnsSelect({ value, onChange }: { value: SpeakerScope; onChange: (speakers: SpeakerScope) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={`${id}-speakers`} className="sr-only">
        Speaker turns
      </label>
      <select
        id={`${id}-speakers`}
        className={SELECT}
        value={value}
        onChange={(e) => onChange(e.target.value as SpeakerScope)}
        title="A segment is cut to the kept turns; one wholly in an interviewer’s or facilitator’s turn is left out."
      >
        {SPEAKER_SCOPES.map((s) => (
          <option key={s} value={s}>
            {SPEAKER_SCOPE_LABELS[s]}
          </option>
        ))}
      </select>
    </>
  );
}

/** Coder, source kind, case-attribute and speaker filters, the sort order and the context switch. */
export function SegmentFilters({
  filter,
  sort,
  showAllContext,
  speakers,
  coders,
  attributes,
  cases,
  onChange,
}: {
  filter: SegmentFilter;
  sort: SegmentSort;
  showAllContext: boolean;
  speakers: SpeakerScope;
  coders: CoderRecord[];
  attributes: AttributeRecord[];
  cases: readonly CaseRecord[];
  onChange: (patch: { filter?: SegmentFilter; sort?: SegmentSort; showAllContext?: boolean; speakers?: SpeakerScope }) => void;
}) {
  const id = useId();
  const setFilter = (patch: Partial<SegmentFilter>) => onChange({ filter: { ...filter, ...patch } });
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={`${id}-coder`} className="sr-only">
        Filter by coder
      </label>
      <select
        id={`${id}-coder`}
        className={SELECT}
        value={filter.coderId ?? ""}
        onChange={(e) => setFilter({ coderId: e.target.value || null })}
      >
        <option value="">All coders</option>
        {coders.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.initials})
          </option>
        ))}
      </select>
      <SourceKindSelect
        id={`${id}-kind`}
        label="Filter by source kind"
        value={filter.sourceKind}
        onChange={(sourceKind) => setFilter({ sourceKind })}
      />
      <CaseAttributeFilter
        attributes={attributes}
        cases={cases}
        value={filter.attribute}
        onChange={(attribute) => setFilter({ attribute })}
      />
      <SpeakerTurnsSelect value={speakers} onChange={(value) => onChange({ speakers: value })} />
      <label htmlFor={`${id}-sort`} className="ml-auto text-xs text-slate-700 dark:text-slate-300">
        Sort by
      </label>
      <select id={`${id}-sort`} className={SELECT} value={sort} onChange={(e) => onChange({ sort: e.target.value as SegmentSort })}>
        {(Object.keys(SORT_LABELS) as SegmentSort[]).map((key) => (
          <option key={key} value={key}>
            {SORT_LABELS[key]}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1.5">
        <input type="checkbox" checked={showAllContext} onChange={(e) => onChange({ showAllContext: e.target.checked })} />
        Show context for all
      </label>
    </div>
  );
}
