import { useId } from "react";
import { type AttributeRecord, type CaseRecord, type CodeRecord, type SourceKind } from "../../shared/model/records";
import type { SearchScope, SpeakerScope } from "../../shared/search/scope";
import { CaseAttributeFilter, type AttributeFilterValue } from "../cases/CaseAttributeFilter";
import { CodeChecklist } from "../ui/CodeChecklist";
import { CaseSelect, FILTER_SELECT as SELECT, SourceKindSelect } from "../ui/FilterSelects";

/** What the scope form shows; `wordScope` turns it into the search core's SearchScope. */
export interface WordScopeState {
  kind: SourceKind | null;
  caseId: string | null;
  attribute: AttributeFilterValue;
  speakers: SpeakerScope;
  coding: "anywhere" | "inside" | "outside";
  codeIds: string[];
}

export const WHOLE_PROJECT: WordScopeState = {
  kind: null,
  caseId: null,
  attribute: null,
  speakers: "all",
  coding: "anywhere",
  codeIds: [],
};

/** The search scope (shared/search/scope.ts) for the form; inside/outside with no code chosen is no limit. */
export function wordScope(state: WordScopeState, interviewerLabels?: readonly string[]): SearchScope {
  const attribute = state.attribute && state.attribute.value !== "" ? state.attribute : null;
  return {
    ...(state.kind ? { sourceKinds: [state.kind] } : {}),
    ...(state.caseId || attribute
      ? { cases: { ...(state.caseId ? { caseIds: [state.caseId] } : {}), ...(attribute ? { attribute } : {}) } }
      : {}),
    ...(state.speakers !== "all" ? { speakers: state.speakers, ...(interviewerLabels ? { interviewerLabels } : {}) } : {}),
    ...(state.coding !== "anywhere" && state.codeIds.length > 0
      ? { coding: { codeIds: state.codeIds, inside: state.coding === "inside" } }
      : {}),
  };
}

const SPEAKERS: Record<SpeakerScope, string> = {
  all: "All text",
  participants: "Participants’ turns only",
  withoutInterviewers: "Leave out interviewer turns",
};

/** Which words to count: the same scopes as search (source kind, case, attribute, speakers, codes). */
export function WordScopeForm({
  state,
  onChange,
  codes,
  cases,
  attributes,
}: {
  state: WordScopeState;
  onChange: (patch: Partial<WordScopeState>) => void;
  codes: readonly CodeRecord[];
  cases: readonly CaseRecord[];
  attributes: readonly AttributeRecord[];
}) {
  const id = useId();
  return (
    <fieldset className="flex min-w-0 flex-col gap-2 text-sm">
      <legend className="mb-1 font-semibold">Count words in</legend>
      <div className="flex flex-wrap items-center gap-2">
        <SourceKindSelect id={`${id}-kind`} label="Kind of source" value={state.kind} onChange={(kind) => onChange({ kind })} />
        {cases.length > 0 && (
          <CaseSelect id={`${id}-case`} label="Case" cases={cases} value={state.caseId} onChange={(caseId) => onChange({ caseId })} />
        )}
        <CaseAttributeFilter
          attributes={attributes}
          cases={cases}
          value={state.attribute}
          onChange={(attribute) => onChange({ attribute })}
        />
        <label htmlFor={`${id}-speakers`} className="sr-only">
          Speakers
        </label>
        <select
          id={`${id}-speakers`}
          className={SELECT}
          value={state.speakers}
          onChange={(e) => onChange({ speakers: e.target.value as SpeakerScope })}
        >
          {(Object.keys(SPEAKERS) as SpeakerScope[]).map((s) => (
            <option key={s} value={s}>
              {SPEAKERS[s]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-coding`} className="sr-only">
          Coding
        </label>
        <select
          id={`${id}-coding`}
          className={SELECT}
          value={state.coding}
          onChange={(e) => onChange({ coding: e.target.value as WordScopeState["coding"] })}
        >
          <option value="anywhere">Coded or not</option>
          <option value="inside">Only inside chosen codes</option>
          <option value="outside">Only outside chosen codes</option>
        </select>
      </div>
      {state.coding !== "anywhere" && (
        <div className="flex max-h-56 min-h-0 flex-col rounded border border-slate-300 p-2 dark:border-slate-700">
          <CodeChecklist
            codes={codes}
            chosen={state.codeIds}
            onChange={(codeIds) => onChange({ codeIds })}
            wording={{
              legend: state.coding === "inside" ? "Count only inside these codes" : "Count only outside these codes",
              emptyHint: "The codebook is empty.",
            }}
          />
        </div>
      )}
    </fieldset>
  );
}
