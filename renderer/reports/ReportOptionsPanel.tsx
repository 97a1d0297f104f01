import { useId, type ReactNode } from "react";
import { REPORT_KIND_TITLES, REPORT_KINDS, type ReportKind, type ReportOptions } from "../../shared/reports";
import type { AttributeRecord, CaseRecord, CodeRecord, MemoRecord, SourceRecord } from "../../shared/model/records";
import { CodeChecklist } from "../ui/CodeChecklist";
import { Checklist } from "./Checklist";
import { SPEAKER_SCOPE_LABELS, SPEAKER_SCOPES } from "../../shared/retrieval/speakers";

const SPEAKER_CHOICES = SPEAKER_SCOPES.map((value) => ({ value, label: SPEAKER_SCOPE_LABELS[value] }));

export interface OptionLookups {
  codes: CodeRecord[];
  sources: SourceRecord[];
  cases: CaseRecord[];
  attributes: AttributeRecord[];
  memos: MemoRecord[];
}

const CONTEXT_CHOICES = [
  { value: 0, label: "No context" },
  { value: 150, label: "150 characters each side" },
  { value: 300, label: "300 characters each side" },
  { value: 600, label: "600 characters each side" },
] as const;

/** Which options each report uses: the panel shows only those, so nothing appears to do nothing. */
const USES: Readonly<Record<ReportKind, ReadonlySet<string>>> = {
  code: new Set(["codes", "sources", "cases", "context", "speakers", "groupBy", "coder", "attributes"]),
  transcript: new Set(["source", "coder"]),
  codebook: new Set(["codes"]),
  memos: new Set(["memos"]),
  overview: new Set(["sources", "cases", "charts", "attributes", "coder"]),
};

function Select<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => {
          const found = options.find((o) => String(o.value) === e.target.value);
          if (found) onChange(found.value);
        }}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** The preview's options: what goes into the report, and how it is laid out. */
export function ReportOptionsPanel({
  options,
  lookups,
  onChange,
  children,
}: {
  options: ReportOptions;
  lookups: OptionLookups;
  onChange: (patch: Partial<ReportOptions>) => void;
  children?: ReactNode;
}) {
  const uses = USES[options.kind];
  const sourceItems = lookups.sources.map((s) => ({ id: s.id, label: s.name }));
  return (
    <form aria-label="Report options" className="report-no-print flex flex-col gap-3 p-3" onSubmit={(e) => e.preventDefault()}>
      <Select<ReportKind>
        label="Report"
        value={options.kind}
        options={REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_TITLES[k] }))}
        onChange={(kind) => onChange({ kind })}
      />
      {uses.has("source") && (
        <Select<string>
          label="Source"
          value={options.sourceIds[0] ?? ""}
          options={[{ value: "", label: "Choose a source…" }, ...sourceItems.map((s) => ({ value: s.id, label: s.label }))]}
          onChange={(id) => onChange({ sourceIds: id ? [id] : [] })}
        />
      )}
      {uses.has("codes") && (
        // The list scrolls within its own height: a <fieldset> does not shrink inside a height-capped flex box.
        <CodeChecklist
          codes={lookups.codes}
          chosen={options.codeIds}
          onChange={(codeIds) => onChange({ codeIds })}
          wording={{ legend: "Codes in the report" }}
          listClassName="max-h-60"
        >
          <Check
            label="Include sub-codes"
            checked={options.includeSubcodes}
            onChange={(includeSubcodes) => onChange({ includeSubcodes })}
          />
        </CodeChecklist>
      )}
      {uses.has("sources") && (
        <Checklist
          legend="Sources"
          items={sourceItems}
          chosen={options.sourceIds}
          onChange={(sourceIds) => onChange({ sourceIds })}
          noneMeans="All sources"
        />
      )}
      {uses.has("cases") && (
        <Checklist
          legend="Cases"
          items={lookups.cases.map((c) => ({ id: c.id, label: c.name }))}
          chosen={options.caseIds}
          onChange={(caseIds) => onChange({ caseIds })}
          noneMeans="All cases"
        />
      )}
      {uses.has("memos") && (
        <Checklist
          legend="Memos"
          items={lookups.memos.map((m) => ({ id: m.id, label: m.title || "Untitled memo" }))}
          chosen={options.memoIds}
          onChange={(memoIds) => onChange({ memoIds })}
          noneMeans="All memos"
        />
      )}
      {uses.has("context") && (
        <Select<number>
          label="Surrounding context"
          value={options.contextChars}
          options={CONTEXT_CHOICES}
          onChange={(contextChars) => onChange({ contextChars })}
        />
      )}
      {uses.has("speakers") && (
        <Select label="Speaker turns" value={options.speakers} options={SPEAKER_CHOICES} onChange={(speakers) => onChange({ speakers })} />
      )}
      {uses.has("groupBy") && (
        <Select
          label="Group by"
          value={options.groupBy}
          options={[
            { value: "code", label: "Code" },
            { value: "case", label: "Case" },
            { value: "source", label: "Source" },
          ]}
          onChange={(groupBy) => onChange({ groupBy })}
        />
      )}
      {uses.has("coder") && (
        <Select
          label="Coders shown as"
          value={options.coderLabel}
          options={[
            { value: "name", label: "Names" },
            { value: "initials", label: "Initials" },
          ]}
          onChange={(coderLabel) => onChange({ coderLabel })}
        />
      )}
      {uses.has("attributes") && (
        <Checklist
          legend="Case attributes to show"
          items={lookups.attributes.map((a) => ({ id: a.id, label: a.name }))}
          chosen={options.attributeIds}
          onChange={(attributeIds) => onChange({ attributeIds })}
          noneMeans="None shown"
        />
      )}
      {uses.has("charts") && (
        <Check label="Include charts" checked={options.includeCharts} onChange={(includeCharts) => onChange({ includeCharts })} />
      )}
      <Select
        label="Page size"
        value={options.pageSize}
        options={[
          { value: "A4", label: "A4" },
          { value: "Letter", label: "US Letter" },
        ]}
        onChange={(pageSize) => onChange({ pageSize })}
      />
      {children}
    </form>
  );
}
