import { describe, expect, it } from "vitest";
import { searchCodeRows } from "../../../../shared/retrieval/codeSearch";

const rows = [
  { depth: 0, name: "Technology" },
  { depth: 1, name: "Usability" },
  { depth: 2, name: "Log-in" },
  { depth: 1, name: "Interoperability" },
  { depth: 0, name: "People" },
  { depth: 1, name: "Workload" },
  { depth: 1, name: "Training" },
  { depth: 0, name: "Zoë's codes" },
];

const view = (query: string) => searchCodeRows(rows, query).map(({ row, context }) => `${row.name}${context ? " (context)" : ""}`);

describe("searchCodeRows", () => {
  it("keeps every row for an empty query", () => {
    expect(view("  ")).toHaveLength(rows.length);
  });
  it("keeps matches and their ancestors, marked as context", () => {
    expect(view("log-in")).toEqual(["Technology (context)", "Usability (context)", "Log-in"]);
    expect(view("log")).toEqual(["Technology", "Usability (context)", "Log-in"]);
    expect(view("ing")).toEqual(["People (context)", "Training"]);
    expect(view("o")).toEqual(["Technology", "Usability (context)", "Log-in", "Interoperability", "People", "Workload", "Zoë's codes"]);
  });
  it("ignores case and accents", () => {
    expect(view("ZOE")).toEqual(["Zoë's codes"]);
  });
});
