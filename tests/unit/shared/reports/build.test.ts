import { describe, expect, it } from "vitest";
import { buildReport, reportOptions, reportSourceFromTables, streamReport, ReportError } from "../../../../shared/reports";
import type {
  HeadingSection,
  Report,
  ReportOptions,
  ReportSection,
  SegmentSection,
  TableSection,
  TranscriptBlockSection,
} from "../../../../shared/reports";
import { fixtureTables } from "../import/fixture";

const now = () => new Date("2026-03-05T09:00:00.000Z");
const build = (o: Partial<ReportOptions> & Pick<ReportOptions, "kind">): Promise<Report> =>
  buildReport(reportSourceFromTables(fixtureTables(), "Ward study"), reportOptions(o), { now });

const of = <T extends ReportSection["type"]>(r: Report, type: T) =>
  r.sections.filter((s): s is Extract<ReportSection, { type: T }> => s.type === type);
const headings = (r: Report) => of(r, "heading").map((h: HeadingSection) => `${h.level} ${h.text}`);
const segments = (r: Report) => of(r, "segment").map((s: SegmentSection) => s.segment);

describe("code report", () => {
  it("groups by code then source, with sub-codes, paths, definitions, counts and memos", async () => {
    const r = await build({ kind: "code", codeIds: ["code-tech"] });
    expect(r.header.title).toBe("Code report: Technology");
    expect(r.header.projectName).toBe("Ward study");
    expect(r.header.generatedAt).toBe("2026-03-05T09:00:00.000Z");
    expect(headings(r)).toEqual([
      "1 Technology",
      "2 P01 interview",
      "1 Technology/Usability",
      "2 P01 interview",
      "2 P02 pharmacy",
      "1 Technology/Interoperability",
      "2 Huddle observation",
    ]);
    const tech = of(r, "heading")[0]!.code!;
    expect(tech.description.definition).toBe("How the system itself helps or hinders.");
    expect(tech.description.whenNotToUse).toBe("about staffing.");
    expect(tech.counts).toEqual({ codings: 1, sources: 1, codingsWithSubcodes: 5, sourcesWithSubcodes: 3 });
    const usab = of(r, "heading")[2]!.code!;
    expect(usab.counts).toEqual({ codings: 3, sources: 2, codingsWithSubcodes: 3, sourcesWithSubcodes: 2 });
    expect(usab.memos.map((m) => [m.title, m.author, m.body])).toEqual([["Usability memo", "Sam Okafor", "Log-in time dominates."]]);
    expect(segments(r).map((s) => s.text)).toEqual([
      'The "obs chart" is buried; we print it instead.',
      "Logging in takes three minutes, every time.",
      "قال الصيدلي: النظام بطيء جداً",
      "药剂师说：系统太慢了 😩",
      "=SUM(A1) was written",
    ]);
    // Contents list and total are known from the first chunk.
    expect(r.header.contents.filter((c) => c.level === 1).map((c) => c.text)).toEqual([
      "Technology",
      "Technology/Usability",
      "Technology/Interoperability",
    ]);
    expect(r.header.total).toBe(r.sections.length);
  });

  it("gives each segment its source, case, chosen attributes, coder, location and annotation", async () => {
    const r = await build({ kind: "code", codeIds: ["code-usab"], attributeIds: ["attr-site"], coderLabel: "initials", contextChars: 20 });
    const [first, second, third] = segments(r);
    expect(first).toMatchObject({
      sourceName: "P01 interview",
      codePath: "Technology/Usability",
      cases: ["Case A"],
      attributes: [{ label: "Site", value: "North" }],
      coder: "AP",
      coderName: "Amira Patel",
      location: { kind: "turn", number: 2, speaker: "P01", label: "speaker turn 2 (P01)" },
      note: 'Echoes P02, "slow" again',
      date: "2026-03-04",
    });
    expect(first!.context).toEqual({ before: "P01: Mixed. ", after: "", clippedBefore: false, clippedAfter: false });
    expect(second).toMatchObject({
      sourceName: "P02 pharmacy",
      cases: ["Case B"],
      coder: "SO",
      location: { kind: "paragraph", number: 2, label: "paragraph 2" },
    });
    expect(third!.location.label).toBe("paragraph 3");
  });

  it("leaves out tombstoned codings, codes and sources", async () => {
    const r = await build({ kind: "code" });
    const texts = segments(r).map((s) => s.text);
    expect(texts).not.toContain("How was go-live?");
    expect(texts).not.toContain("Gone.");
    expect(headings(r).join("\n")).not.toMatch(/Deleted/);
    expect(segments(r)).toHaveLength(6);
  });

  it("groups by case (sources without a case last) and by source", async () => {
    const byCase = await build({ kind: "code", codeIds: ["code-tech", "code-people"], groupBy: "case", attributeIds: ["attr-role"] });
    expect(headings(byCase)).toEqual([
      "1 Codes",
      "1 Case A",
      "2 Technology",
      "2 Usability",
      "2 Workload",
      "1 Case B",
      "2 Usability",
      "1 No case",
      "2 Interoperability",
    ]);
    const caseA = of(byCase, "heading").find((h) => h.text === "Case A")!;
    expect(caseA.details).toEqual([
      { label: "Role", value: "Nurse" },
      { label: "Segments", value: "3" },
    ]);
    expect(of(byCase, "codebookEntry").map((e) => e.code.path)).toEqual([
      "Technology",
      "Technology/Usability",
      "Technology/Interoperability",
      "People",
      "People/Workload",
    ]);

    const bySource = await build({ kind: "code", codeIds: ["code-usab"], groupBy: "source" });
    expect(headings(bySource)).toEqual(["1 Codes", "1 P01 interview", "2 Usability", "1 P02 pharmacy", "2 Usability"]);
  });

  it("filters by source and by case", async () => {
    const bySource = await build({ kind: "code", sourceIds: ["src-p02"] });
    expect(new Set(segments(bySource).map((s) => s.sourceName))).toEqual(new Set(["P02 pharmacy"]));
    const byCase = await build({ kind: "code", caseIds: ["case-a"] });
    expect(
      segments(byCase)
        .map((s) => s.codingId)
        .sort(),
    ).toEqual(["cod-1", "cod-2", "cod-3"]);
  });

  it('folds a parent code coded only through its sub-codes: its heading, no "No coded segments" line', async () => {
    const r = await build({ kind: "code", codeIds: ["code-people"], includeSubcodes: true });
    expect(of(r, "text")).toEqual([]);
    const people = of(r, "heading").find((h) => h.text === "People");
    expect(people?.details).toEqual([{ label: "Segments in this report", value: "none coded here directly; 1 in its sub-codes below" }]);
    expect(r.sections.length).toBe(r.header.total);
  });

  it("says so when a chosen code has no segments, and names an unknown code", async () => {
    const r = await build({ kind: "code", codeIds: ["code-people"], includeSubcodes: false });
    expect(of(r, "text").map((t) => t.text)).toEqual(["No coded segments."]);
    await expect(build({ kind: "code", codeIds: ["code-gone"] })).rejects.toThrow(ReportError);
    await expect(build({ kind: "code", codeIds: ["code-gone"] })).rejects.toThrow(/code-gone/);
  });

  it("streams: the first chunk carries the header and a first page, then progress to the total", async () => {
    const source = reportSourceFromTables(fixtureTables(), "Ward study");
    const chunks = [];
    for await (const chunk of streamReport(source, reportOptions({ kind: "code" }), { firstChunk: 2, chunkSize: 3 })) chunks.push(chunk);
    expect(chunks[0]!.header?.title).toBe("Code report");
    expect(chunks[0]!.sections).toHaveLength(2);
    expect(chunks.slice(1).every((c) => c.header === null)).toBe(true);
    const total = chunks[0]!.total;
    expect(chunks.map((c) => c.done)).toEqual([...chunks.map((_, i) => Math.min(2 + 3 * i, total))]);
    expect(chunks[chunks.length - 1]!.done).toBe(total);
  });
});

describe("coders and cancelling", () => {
  it("keeps a removed coder's name on their codings", async () => {
    const tables = fixtureTables();
    tables.coders[1]!.deleted = true;
    const r = await buildReport(reportSourceFromTables(tables, "Ward study"), reportOptions({ kind: "code", codeIds: ["code-usab"] }));
    expect(segments(r).map((s) => s.coder)).toEqual(["Amira Patel", "Sam Okafor", "Amira Patel"]);
  });

  it("stops between chunks when cancelled", async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = async () => {
      for await (const chunk of streamReport(reportSourceFromTables(fixtureTables(), "x"), reportOptions({ kind: "code" }), {
        firstChunk: 1,
        chunkSize: 1,
        signal: controller.signal,
      })) {
        seen.push(chunk.done);
        controller.abort();
      }
    };
    await expect(run()).rejects.toThrow();
    expect(seen).toEqual([1]);
  });
});

describe("coded transcript", () => {
  it("gives every block with its stripes, lanes, labels where they start, and numbered notes", async () => {
    const r = await build({ kind: "transcript", sourceIds: ["src-p01"] });
    expect(r.header.title).toBe("Coded transcript: P01 interview");
    const blocks = of(r, "block");
    expect(blocks.map((b: TranscriptBlockSection) => b.text)).toEqual([
      "# Ward 7 interview",
      "Interviewer: How was go-live?",
      "P01: Mixed. Logging in takes three minutes, every time.",
      "Interviewer: And the handover?",
      'P01: The "obs chart" is buried; we print it instead.',
    ]);
    expect(blocks.map((b) => b.speaker)).toEqual([null, "Interviewer", "P01", "Interviewer", "P01"]);
    expect(blocks[1]!.stripes).toEqual([]); // its only coding is a tombstone
    expect(blocks[2]!.stripes.map((s) => [s.codePath, s.startsHere, s.endsHere, s.noteNumbers])).toEqual([
      ["Technology/Usability", true, true, [1]],
    ]);
    const last = blocks[4]!.stripes;
    expect(last.map((s) => s.codeName).sort()).toEqual(["Technology", "Workload"]);
    expect(new Set(last.map((s) => s.lane)).size).toBe(2); // overlapping codings never share a lane
    expect(last.find((s) => s.codeName === "Technology")!.noteNumbers).toEqual([2]);
    expect(r.header.legend.map((e) => [e.codePath, e.pattern])).toEqual([
      ["People/Workload", 0],
      ["Technology", 1],
      ["Technology/Usability", 2],
    ]);
    expect(r.header.laneCount).toBe(2);
    // Each stripe says which characters of its block are coded: the printed page marks those words only.
    const coded = (b: TranscriptBlockSection) => b.stripes.map((s) => [s.codeName, b.text.slice(s.from, s.to)]).sort();
    expect(coded(blocks[2]!)).toEqual([["Usability", "Logging in takes three minutes, every time."]]);
    expect(coded(blocks[4]!)).toEqual([
      ["Technology", 'The "obs chart" is buried; we print it instead.'],
      ["Workload", "we print it instead"],
    ]);
    const notes = of(r, "notes")[0]!.notes;
    expect(notes.map((n) => [n.number, n.codePath, n.coder, n.location, n.text])).toEqual([
      [1, "Technology/Usability", "Amira Patel", "speaker turn 2 (P01)", 'Echoes P02, "slow" again'],
      [2, "Technology", "Sam Okafor", "speaker turn 4 (P01)", "Line one\nline two"],
    ]);
  });

  it("needs a source, and names a missing one", async () => {
    await expect(build({ kind: "transcript" })).rejects.toThrow(/Choose the source/);
    await expect(build({ kind: "transcript", sourceIds: ["src-gone"] })).rejects.toThrow(/src-gone/);
  });
});

describe("codebook", () => {
  it("lists the hierarchy in order with definitions, rules and counts with sub-codes", async () => {
    const r = await build({ kind: "codebook" });
    const entries = of(r, "codebookEntry").map((e) => e.code);
    expect(entries.map((c) => `${c.depth} ${c.path}`)).toEqual([
      "0 Technology",
      "1 Technology/Usability",
      "1 Technology/Interoperability",
      "0 People",
      "1 People/Workload",
    ]);
    expect(entries[0]!.description).toEqual({
      definition: "How the system itself helps or hinders.",
      whenToUse: "about the software.",
      whenNotToUse: "about staffing.",
      example: "“the log-in is slow”",
    });
    expect(entries.map((c) => c.counts.codingsWithSubcodes)).toEqual([5, 3, 1, 1, 1]);
    expect(entries.map((c) => c.counts.sourcesWithSubcodes)).toEqual([3, 2, 1, 1, 1]);
    expect(r.header.contents.map((c) => `${c.level} ${c.text}`)).toEqual([
      "1 Technology",
      "2 Usability",
      "2 Interoperability",
      "1 People",
      "2 Workload",
    ]);
  });
});

describe("memos", () => {
  it("lists live memos with what they are linked to", async () => {
    const r = await build({ kind: "memos" });
    expect(of(r, "memo").map((m) => [m.memo.title, m.target, m.memo.author])).toEqual([
      ["Analysis plan", "Project", "Amira Patel"],
      ["Usability memo", "Code: Technology/Usability", "Sam Okafor"],
      ["About the log-in quote", "Coding of Technology/Usability in P01 interview (speaker turn 2 (P01))", "Amira Patel"],
    ]);
    expect(of(r, "memo")[0]!.memo.blocks.map((b) => b.type)).toEqual(["paragraph", "list"]);
    const chosen = await build({ kind: "memos", memoIds: ["memo-usab"] });
    expect(of(chosen, "memo")).toHaveLength(1);
  });
});

describe("overview", () => {
  it("counts codings per code, by source, by attribute value, by case and by coder", async () => {
    const r = await build({ kind: "overview" });
    const table = (id: string) => of(r, "table").find((t: TableSection) => t.id === id)!;
    const row = (id: string, label: string) => table(id).rows.find((x) => x.label === label)!.values;
    expect(table("codes").chart).toEqual({ kind: "bar", column: 0 });
    expect(row("codes", "Technology/Usability")).toEqual([3, 2]);
    expect(table("by-source").columns).toEqual(["Huddle observation", "P01 interview", "P02 pharmacy"]);
    expect(row("by-source", "Technology/Usability")).toEqual([0, 1, 2]);
    expect(table("by-attribute-attr-site").columns).toEqual(["North", "South"]);
    expect(row("by-attribute-attr-site", "Technology/Usability")).toEqual([1, 2]);
    expect(table("by-case").chart).toEqual({ kind: "heatmap" });
    expect(row("by-case", "People/Workload")).toEqual([1, 0]);
    expect(table("by-coder").columns).toEqual(["Amira Patel", "Sam Okafor"]);
    expect(row("by-coder", "Technology/Usability")).toEqual([2, 1]);
    const noCharts = await build({ kind: "overview", includeCharts: false });
    expect(of(noCharts, "table").every((t) => t.chart === null)).toBe(true);
  });
});

describe("reportSourceFromTables", () => {
  it("returns codings by code and by source without tombstones", async () => {
    const s = reportSourceFromTables(fixtureTables(), "x");
    expect((await s.codingsForCodes(["code-usab", "code-usab"])).map((c) => c.id).sort()).toEqual([
      "cod-1",
      "cod-4",
      "cod-5",
      "cod-gone-src",
    ]);
    expect((await s.codingsForSource("src-obs")).map((c) => c.id)).toEqual(["cod-6"]);
    await expect(s.sourceContent("nope")).resolves.toBeUndefined();
    expect(ReportError).toBeDefined();
  });
});
