/** The audit trail's words for the schema-v2 tables: saved searches, speakers and case passages. */
import { describe, expect, it } from "vitest";
import { describeBatch, describeDetail, describeWhat, tableWord, type NameLookup } from "../../../../renderer/audit/describeEntry";
import type { JournalEntry } from "../../../../shared/model/records";
import { casePassage, savedSearch, speaker } from "../../shared/bundle/fixtures";

const names: NameLookup = {
  code: () => undefined,
  source: (id) => (id === "src-1" ? "Focus group 1" : undefined),
  case: (id) => (id === "case-1" ? "P07" : undefined),
};

function entry(table: JournalEntry["table"], op: JournalEntry["op"], before: unknown, after: unknown): JournalEntry {
  return { at: "1790000000005-00000-nodeA", coderId: "coder-a", table, recordId: "x", op, label: "l", batchId: "b", before, after };
}

describe("audit trail words for the new tables", () => {
  it("names each record in the researcher's words", () => {
    expect(tableWord("savedSearches")).toBe("saved search");
    expect(tableWord("savedSearches", 2)).toBe("saved searches");
    expect(tableWord("casePassages", 3)).toBe("case passages");
    expect(describeWhat(entry("savedSearches", "create", null, savedSearch("s", "Go-live")))).toBe("created saved search “Go-live”");
    expect(describeWhat(entry("speakers", "create", null, speaker("sp", "P07 (ward manager)", "P07")))).toBe(
      "created speaker “P07 (ward manager)”",
    );
    const passage = casePassage("p", "case-1", "src-1", 10, 42);
    expect(describeWhat(entry("casePassages", "create", null, passage), names)).toBe("created case passage “P07”");
    expect(describeDetail(entry("casePassages", "create", null, passage), names)).toBe("in “Focus group 1”, characters 10–42");
    const before = speaker("sp", "P07 (ward manager)", "P07 (ward manager)");
    expect(describeDetail(entry("speakers", "update", before, { ...before, name: "P07", role: "participant" }))).toBe(
      "name: P07 (ward manager) → P07; role: none → participant",
    );
    expect(describeBatch([entry("casePassages", "create", null, passage), entry("cases", "create", null, { name: "P07" })])).toBe(
      "2 changes: created 1 case passage, created 1 case",
    );
  });
});
