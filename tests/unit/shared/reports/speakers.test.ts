/**
 * Code reports that leave out interviewer and facilitator turns (shared/reports/codeReport.ts with
 * shared/retrieval/speakers.ts), and the CLI's --speakers flag.
 */
import { describe, expect, it } from "vitest";
import { runReport, type ReportIo } from "../../../../cli/commands/report";
import { buildReport, reportOptions, reportSourceFromTables, type ReportOptions, type SegmentSection } from "../../../../shared/reports";
import type { ProjectTables } from "../../../../shared/model/tables";
import { fixtureTables } from "../import/fixture";
import { runCli } from "../../cli/runCli";

/** The fixture, with two more Workload codings in P01: one from the first question to the end, one inside a question. */
function tables(): ProjectTables {
  const t = fixtureTables();
  const text = t.sourceContent.find((c) => c.id === "src-p01")?.text ?? "";
  const add = (id: string, start: number, end: number) =>
    t.codings.push({
      id,
      createdAt: "2026-03-04T10:00:00.000Z",
      updatedAt: "1772618400000-00000-node1",
      updatedBy: "coder-amira",
      deleted: false,
      sourceId: "src-p01",
      codeId: "code-work",
      start,
      end,
      coderId: "coder-amira",
      note: "",
    });
  add("cod-span", text.indexOf("How was go-live?"), text.length);
  add("cod-question", text.indexOf("And the handover?"), text.indexOf("And the handover?") + "And the handover?".length);
  return t;
}

const build = (o: Partial<ReportOptions>) =>
  buildReport(reportSourceFromTables(tables(), "Ward study"), reportOptions({ kind: "code", codeIds: ["code-work"], ...o }), {
    now: () => new Date("2026-03-05T09:00:00.000Z"),
  });
const texts = (sections: readonly { type: string }[]) =>
  sections.filter((s): s is SegmentSection => s.type === "segment").map((s) => [s.segment.codingId, s.segment.text]);

describe("code report, speaker turns", () => {
  it("cuts each segment to the participants' words and leaves out one wholly in a question", async () => {
    const all = await build({});
    expect(texts(all.sections).map(([id]) => id)).toEqual(["cod-span", "cod-question", "cod-3"]);

    const r = await build({ speakers: "withoutInterviewers" });
    expect(texts(r.sections)).toEqual([
      ["cod-span", "Mixed. Logging in takes three minutes, every time."],
      ["cod-span", 'The "obs chart" is buried; we print it instead.'],
      ["cod-3", "we print it instead"],
    ]);
    const ids = r.sections.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.header.subtitle).toContain("3 segments · leave out interviewer and facilitator turns");
    // The researcher's own marks replace the recognised labels: here P01 is the interviewer.
    const marked = await build({ speakers: "participants", interviewerLabels: ["P01"] });
    expect(texts(marked.sections)).toEqual([
      ["cod-span", "How was go-live?"],
      ["cod-span", "And the handover?"],
      ["cod-question", "And the handover?"],
    ]);
  });

  it("margin report --speakers: the CSV has the cut segments; a wrong value is refused", async () => {
    const files = new Map<string, Uint8Array>();
    const io: ReportIo = { writeFile: (p, b) => Promise.resolve(void files.set(p, b)), stdout: () => {}, stderr: () => {} };
    const args = { kind: "code", codes: ["People/Workload"], sources: [], format: "csv", out: "r.csv" };
    expect(await runReport(tables(), { ...args, speakers: "withoutInterviewers" }, io)).toBe(0);
    const csv = new TextDecoder().decode(files.get("r.csv"));
    expect(csv).toContain('"Mixed. Logging in takes three minutes, every time."');
    expect(csv).not.toContain("And the handover?");
    // Roles marked in the Speakers view travel in the bundle: here the roles are swapped.
    const marked = tables();
    const speaker = (label: string, role: "interviewer" | "participant") =>
      marked.speakers.push({
        id: `spk-${label}`,
        createdAt: "2026-03-04T10:00:00.000Z",
        updatedAt: "1772618400000-00000-node1",
        updatedBy: "coder-amira",
        deleted: false,
        label,
        name: label,
        role,
      });
    speaker("P01", "interviewer");
    speaker("Interviewer", "participant");
    expect(await runReport(marked, { ...args, speakers: "participants", out: "m.csv" }, io)).toBe(0);
    const markedCsv = new TextDecoder().decode(files.get("m.csv"));
    expect(markedCsv).toContain('"And the handover?"');
    expect(markedCsv).not.toContain("Logging in takes three minutes");
    const bad = await runCli(
      "report",
      "p.margin",
      "--passphrase-file",
      "x",
      "--kind",
      "code",
      "--format",
      "csv",
      "--out",
      "o.csv",
      "--speakers",
      "constructor",
    );
    expect(bad.err).toContain("--speakers must be all, without-interviewers or participants");
  });
});
