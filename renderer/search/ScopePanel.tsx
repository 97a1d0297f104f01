import { useId } from "react";
import { SOURCE_KINDS, type AttributeRecord, type CaseRecord, type CodeRecord, type SourceKind } from "../../shared/model/records";
import type { SearchScope, SpeakerScope } from "../../shared/search/scope";
import { CaseAttributeFilter } from "../cases/CaseAttributeFilter";
import { CodeChecklist } from "../ui/CodeChecklist";
import { CaseSelect } from "../ui/FilterSelects";
import { SPEAKER_CHOICES, type SearchForm } from "./searchState";

const LEGEND = "mb-1 text-sm font-semibold";

/**
 * "Where to search": source kinds, a case or a case attribute value, speakers, inside or outside the
 * coding of chosen codes, and memos and coding annotations too. Limits combine.
 */
export function ScopePanel({
  form,
  codes,
  cases,
  attributes,
  interviewerLabels,
  onChange,
}: {
  form: SearchForm;
  codes: readonly CodeRecord[];
  cases: readonly CaseRecord[];
  attributes: readonly AttributeRecord[];
  /** The labels marked as interviewer or facilitator in the Speakers view (undefined: the usual labels). */
  interviewerLabels: readonly string[] | undefined;
  onChange: (patch: Partial<SearchForm>) => void;
}) {
  const id = useId();
  const scope = form.scope;
  const setScope = (patch: Partial<SearchScope>) => {
    const next: SearchScope = { ...scope, ...patch };
    for (const key of Object.keys(next) as (keyof SearchScope)[]) if (next[key] === undefined) delete next[key];
    onChange({ scope: next });
  };
  const kinds = new Set(scope.sourceKinds ?? []);
  const toggleKind = (kind: SourceKind, on: boolean) => {
    const next = SOURCE_KINDS.filter((k) => (k === kind ? on : kinds.has(k)));
    setScope({ sourceKinds: next.length > 0 ? next : undefined });
  };
  const caseId = scope.cases?.caseIds?.[0] ?? "";
  const attribute = scope.cases?.attribute
    ? { attributeId: scope.cases.attribute.attributeId, value: String(scope.cases.attribute.value ?? "") }
    : null;
  const coding = scope.coding;
  const interviewers =
    interviewerLabels && interviewerLabels.length > 0
      ? `marked in Speakers: ${interviewerLabels.join(", ")}`
      : "Interviewer, Researcher, Facilitator, Moderator, INT, I, Q…";

  return (
    <div className="grid gap-4 text-sm md:grid-cols-2">
      <fieldset>
        <legend className={LEGEND}>Kinds of source</legend>
        <p id={`${id}-kinds`} className="mb-1 text-xs text-slate-600 dark:text-slate-400">
          None ticked: every kind.
        </p>
        <div className="flex flex-wrap gap-x-3 gap-y-1" aria-describedby={`${id}-kinds`}>
          {SOURCE_KINDS.map((k) => (
            <label key={k} className="flex items-center gap-1.5">
              <input type="checkbox" checked={kinds.has(k)} onChange={(e) => toggleKind(k, e.target.checked)} />
              {k}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className={LEGEND}>Cases</legend>
        <div className="flex flex-wrap gap-2">
          <CaseSelect
            id={`${id}-case`}
            label="Only sources of a case"
            cases={cases}
            value={caseId}
            onChange={(picked) => setScope({ cases: picked ? { caseIds: [picked] } : undefined })}
          />
          <CaseAttributeFilter
            attributes={attributes}
            cases={cases}
            value={attribute}
            onChange={(value) =>
              setScope({
                cases: value && value.value !== "" ? { attribute: { attributeId: value.attributeId, value: value.value } } : undefined,
              })
            }
          />
        </div>
      </fieldset>
      <fieldset>
        <legend className={LEGEND}>Speakers</legend>
        {SPEAKER_CHOICES.map((choice) => (
          <label key={choice.value} className="flex items-center gap-1.5">
            <input
              type="radio"
              name={`${id}-speakers`}
              checked={(scope.speakers ?? "all") === choice.value}
              onChange={() => setScope({ speakers: choice.value === "all" ? undefined : (choice.value as SpeakerScope) })}
            />
            {choice.label}
          </label>
        ))}
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Interviewers and facilitators: {interviewers}</p>
      </fieldset>
      <fieldset>
        <legend className={LEGEND}>Memos and annotations</legend>
        <label className="flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={form.notes.memos}
            onChange={(e) => onChange({ notes: { ...form.notes, memos: e.target.checked } })}
          />
          Search memos too
        </label>
        <label className="flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={form.notes.annotations}
            onChange={(e) => onChange({ notes: { ...form.notes, annotations: e.target.checked } })}
          />
          Search coding annotations too
        </label>
      </fieldset>
      <div className="flex min-h-0 flex-col gap-2 md:col-span-2">
        <fieldset className="flex flex-wrap items-center gap-x-3">
          <legend className={LEGEND}>Coding</legend>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name={`${id}-coding`}
              checked={coding?.inside !== false}
              onChange={() => setScope({ coding: coding ? { ...coding, inside: true } : undefined })}
            />
            Only inside the coding of the chosen codes
          </label>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name={`${id}-coding`}
              checked={coding?.inside === false}
              onChange={() => setScope({ coding: { codeIds: coding?.codeIds ?? [], inside: false } })}
            />
            Only outside it
          </label>
        </fieldset>
        <CodeChecklist
          codes={codes}
          chosen={coding?.codeIds ?? []}
          onChange={(codeIds) =>
            setScope({ coding: codeIds.length > 0 || coding?.inside === false ? { codeIds, inside: coding?.inside ?? true } : undefined })
          }
          wording={{
            legend: "Codes that limit the search",
            listLabel: "Codes that limit the search",
            emptyHint: "This project has no codes yet.",
          }}
          listClassName="max-h-40"
        />
      </div>
    </div>
  );
}
