import type { CodeRecord } from "../../shared/model/records";
import { CodeChecklist } from "../ui/CodeChecklist";

/** The codes to compare: the code checklist in the comparison's words, with the sub-codes option. */
export function CodesToCompare({
  codes,
  chosen,
  includeSubcodes,
  onChange,
}: {
  codes: readonly CodeRecord[];
  chosen: readonly string[];
  includeSubcodes: boolean;
  onChange: (patch: { codeIds?: string[]; includeSubcodes?: boolean }) => void;
}) {
  return (
    <CodeChecklist
      codes={codes}
      chosen={chosen}
      onChange={(codeIds) => onChange({ codeIds })}
      listClassName="max-h-64 min-h-0"
      wording={{
        legend: "Codes to compare",
        searchLabel: "Find a code to compare",
        listLabel: "Codes to compare",
        chooseAllLabel: "Choose all codes",
        emptyHint: "This project has no codes yet.",
      }}
    >
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={includeSubcodes} onChange={(e) => onChange({ includeSubcodes: e.target.checked })} />
        Include sub-codes (a code’s coding includes its sub-codes’)
      </label>
    </CodeChecklist>
  );
}
