import { describe, expect, it } from "vitest";
import { flattenTree, pathNames } from "../../../../shared/coding/codeTree";
import {
  decodeCodebookCsv,
  exportCodebookCsv,
  matchCodebookHeader,
  parseColour,
  planCodebookCsv,
  readCodebookCsv,
} from "../../../../shared/codebook/csv";
import type { CodebookPlan, PlanCode } from "../../../../shared/codebook/plan";

function code(id: string, parentId: string | null, order: number, name: string, description = "", colour = "#888888"): PlanCode {
  return { id, parentId, name, order, isCategory: false, deleted: false, description, colour };
}

function planOf(text: string, existing: PlanCode[] = []): CodebookPlan {
  const result = planCodebookCsv("codebook.csv", text, existing);
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

/** Applies a plan to a code list the way the repository would (ids from refs). */
function applyPlan(existing: PlanCode[], plan: CodebookPlan): PlanCode[] {
  const out = existing.map((c) => ({ ...c }));
  for (const u of plan.update) {
    const c = out.find((x) => x.id === u.id) as PlanCode;
    if (u.description !== undefined) c.description = u.description;
    if (u.colour !== undefined) c.colour = u.colour;
  }
  for (const c of plan.create) {
    const parentId = c.parent === null ? null : "existingId" in c.parent ? c.parent.existingId : c.parent.newRef;
    out.push(code(c.ref, parentId, c.order, c.name, c.description, c.colour ?? "#888888"));
  }
  return out;
}

const tree = (codes: PlanCode[]) =>
  flattenTree(codes).map((n) => [pathNames(codes, n.code.id).join("/"), n.code.description, n.code.colour]);

describe("codebook CSV headers", () => {
  it("matches names case-insensitively with synonyms", () => {
    expect(matchCodebookHeader(" Code ")).toBe("name");
    expect(matchCodebookHeader("NODE")).toBe("name");
    expect(matchCodebookHeader("Hierarchical Name")).toBe("path");
    expect(matchCodebookHeader("Definition")).toBe("definition");
    expect(matchCodebookHeader("Description")).toBe("definition");
    expect(matchCodebookHeader("Inclusion criteria")).toBe("whenToUse");
    expect(matchCodebookHeader("When NOT to use?")).toBe("whenNotToUse");
    expect(matchCodebookHeader("Exclusion")).toBe("whenNotToUse");
    expect(matchCodebookHeader("Examples")).toBe("example");
    expect(matchCodebookHeader("Color")).toBe("colour");
    expect(matchCodebookHeader("Files")).toBeNull();
    expect(matchCodebookHeader("References")).toBeNull();
  });

  it("reads colours as #rrggbb, including #rgb and NVivo's colour names", () => {
    expect(parseColour("#1F77B4")).toEqual({ ok: true, colour: "#1f77b4" });
    expect(parseColour("abc")).toEqual({ ok: true, colour: "#aabbcc" });
    expect(parseColour("Red")).toEqual({ ok: true, colour: "#e3463b" });
    expect(parseColour("None")).toEqual({ ok: true, colour: null });
    expect(parseColour("")).toEqual({ ok: true, colour: null });
    expect(parseColour("#12345")).toEqual({ ok: false });
  });
});

describe("planCodebookCsv", () => {
  it("creates codes with their parents, in parents-first order, splitting description columns", () => {
    const plan = planOf(
      [
        "Path,Definition,When to use,When not to use,Example,Colour",
        'Technology/Usability,"Ease of use, effort",Any effort,Speed,“two clicks”,#1F77B4',
        "Technology,Digital tools,,,,",
        "Staff,,,,,",
      ].join("\r\n"),
    );
    expect(plan.problems).toEqual([]);
    expect(
      plan.create.map((c) => ({ ref: c.ref, path: c.path.join("/"), parent: c.parent, order: c.order, implied: c.implied, line: c.line })),
    ).toEqual([
      { ref: "new-1", path: "Technology", parent: null, order: 0, implied: false, line: 3 },
      { ref: "new-2", path: "Technology/Usability", parent: { newRef: "new-1" }, order: 0, implied: false, line: 2 },
      { ref: "new-3", path: "Staff", parent: null, order: 1, implied: false, line: 4 },
    ]);
    expect(plan.create[1]?.description).toBe(
      "Ease of use, effort\n\nWhen to use: Any effort\n\nWhen not to use: Speed\n\nExample: “two clicks”",
    );
    expect(plan.create[1]?.colour).toBe("#1f77b4");
    expect(plan.create[0]?.description).toBe("Digital tools");
  });

  it("matches existing codes by path (case and spaces ignored), updates descriptions, never duplicates", () => {
    const existing = [code("t", null, 3, "Technology", "Old text"), code("u", "t", 0, "Usability", "Same", "#111111")];
    const plan = planOf(
      "path;description;colour\n technology ;New text;\ntechnology/USABILITY;Same;#111111\nTechnology/Access;;\n",
      existing,
    );
    expect(plan.matched).toEqual([
      { id: "t", path: ["Technology"], line: 2 },
      { id: "u", path: ["Technology", "Usability"], line: 3 },
    ]);
    expect(plan.update).toEqual([{ id: "t", path: ["Technology"], line: 2, description: "New text" }]);
    expect(plan.create.map((c) => [c.name, c.parent, c.order])).toEqual([["Access", { existingId: "t" }, 1]]);
    // The same file again, applied: nothing more to create or change.
    const again = planOf(
      "path;description;colour\n technology ;New text;\ntechnology/USABILITY;Same;#111111\nTechnology/Access;;\n",
      applyPlan(existing, plan),
    );
    expect(again.create).toEqual([]);
    expect(again.update).toEqual([]);
  });

  it("an empty cell never wipes an existing description or colour", () => {
    const plan = planOf("Name,Description,Colour\nTechnology,,\n", [code("t", null, 0, "Technology", "Keep me", "#123456")]);
    expect(plan.update).toEqual([]);
  });

  it("reports bad rows with their line numbers", () => {
    const text = [
      "Path,Definition,Colour",
      "Access,Getting to care,#00ff00",
      ",Orphan definition,",
      "Cost,Money,purple-ish",
      "access,Again,",
      '"Multi',
      'line",x,',
      "Broken,has, an, extra comma",
      "A//B,,",
    ].join("\n");
    const plan = planOf(text);
    expect(plan.problems.map((p) => [p.line, p.skipped])).toEqual([
      [3, true],
      [4, false],
      [5, true],
      [8, true],
      [9, true],
    ]);
    expect(plan.problems.map((p) => p.message)).toEqual([
      "Line 3 has no code path or name; the row was skipped.",
      "Line 4: “purple-ish” is not a colour like #1f77b4; the code was imported without it.",
      "Line 5: “access” is already given on line 2; this one was skipped.",
      "Line 8 has more values than there are columns (a comma inside a value that is not in quotes?); the row was skipped.",
      "Line 9: the path has an empty name between two slashes in “A//B”; the row was skipped.",
    ]);
    expect(plan.create.map((c) => c.path.join("/"))).toEqual(["Access", "Cost", "Multi line"]);
    expect(plan.create[1]?.colour).toBeNull();
  });

  it("builds paths from Name plus Parent columns", () => {
    const plan = planOf("Parent,Name,Inclusion,Exclusion\n,Barriers,,\nBarriers,Cost,Fees,Time\nBarriers/Cost,Parking,,\n");
    expect(plan.create.map((c) => c.path.join("/"))).toEqual(["Barriers", "Barriers/Cost", "Barriers/Cost/Parking"]);
    expect(plan.create[1]?.description).toBe("When to use: Fees\n\nWhen not to use: Time");
  });

  it("reads NVivo's codebook columns (Name, Description, Files, References) and hierarchical names", () => {
    const nvivo = [
      "Name,Description,Files,References",
      "Codes\\\\Economy,Money matters,3,10",
      "Codes\\\\Economy\\Tourism,Visitors,2,4",
      "Attitudes,,0,0",
    ].join("\r\n");
    const read = readCodebookCsv("nvivo.csv", nvivo);
    expect(read.ok && read.columns.map((c) => c.use)).toEqual(["name", "definition", null, null]);
    const plan = planOf(nvivo);
    expect(plan.create.map((c) => [c.path.join("/"), c.description])).toEqual([
      ["Economy", "Money matters"],
      ["Economy/Tourism", "Visitors"],
      ["Attitudes", ""],
    ]);
    const hierarchical = planOf("Hierarchical Name,Description\nNodes\\\\Trust\\Staff,x\nTrust\\Patients,y\n");
    expect(hierarchical.create.map((c) => c.path.join("/"))).toEqual(["Trust", "Trust/Staff", "Trust/Patients"]);
  });

  it("fails with one clear message when the file cannot be a codebook", () => {
    expect(planCodebookCsv("c.csv", "", [])).toEqual({ ok: false, message: "“c.csv” is empty." });
    expect(planCodebookCsv("c.csv", "Definition,Colour\nx,#000000\n", [])).toEqual({
      ok: false,
      message:
        "“c.csv” has no column of code names. Name one column “Path” (e.g. Technology/Usability) or “Name”; the columns found were “Definition”, “Colour”.",
    });
    expect(planCodebookCsv("c.csv", "Name\n", [])).toEqual({ ok: false, message: "“c.csv” has a header row but no codes below it." });
    expect(planCodebookCsv("c.csv", 'Name\n"open', [])).toEqual({
      ok: false,
      message: '“c.csv” could not be read: line 2 opens a quoted value (") that is never closed.',
    });
  });

  it("decodes Excel's encodings", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Name\nCafé\n")]);
    expect(decodeCodebookCsv("c.csv", bytes)).toEqual({ ok: true, text: "Name\nCafé\n" });
    expect(decodeCodebookCsv("c.csv", new Uint8Array([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x43, 0x61, 0x66, 0xe9]))).toEqual({
      ok: true,
      text: "Name\nCafé",
    });
  });
});

describe("exportCodebookCsv", () => {
  const codes = [
    code("t", null, 0, "Technology", "Digital tools.\n\nWhen to use: any device", "#1f77b4"),
    code("u", "t", 1, "Usability", 'Ease of use, "effort"\nsecond line\n\nExample: “two clicks”', "#ff7f0e"),
    code("a", "t", 0, "Yes/No \\ maybe", "", "#2ca02c"),
    code("s", null, 1, '=HYPERLINK("x")', "-5 points\n\nWhen not to use: @mentions", "#d62728"),
    code("d", null, 2, "Deleted", "", "#000000"),
  ];
  codes[4] = { ...(codes[4] as PlanCode), deleted: true };

  it("writes the import columns, parents first, quoting and guarding cells", () => {
    const csv = exportCodebookCsv(codes);
    expect(csv.startsWith("\uFEFFPath,Definition,When to use,When not to use,Example,Colour\r\n")).toBe(true);
    expect(csv.split("\r\n").slice(1)).toEqual([
      "Technology,Digital tools.,any device,,,#1f77b4",
      "Technology/Yes\\/No \\\\ maybe,,,,,#2ca02c",
      'Technology/Usability,"Ease of use, ""effort""\nsecond line",,,“two clicks”,#ff7f0e',
      `"'=HYPERLINK(""x"")",'-5 points,,'@mentions,,#d62728`,
      "",
    ]);
  });

  it("round-trips: export, then import into an empty codebook, gives the same tree and descriptions", () => {
    const plan = planOf(exportCodebookCsv(codes));
    expect(plan.problems).toEqual([]);
    expect(tree(applyPlan([], plan))).toEqual(tree(codes));
  });
});
