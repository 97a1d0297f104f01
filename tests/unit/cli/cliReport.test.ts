import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { runReport, type ReportArgs, type ReportIo } from "../../../cli/commands/report";
import { fixtureTables } from "../shared/import/fixture";

function io() {
  const files = new Map<string, Uint8Array>();
  const out: string[] = [];
  const err: string[] = [];
  const value: ReportIo = {
    writeFile: (path, bytes) => {
      files.set(path, bytes);
      return Promise.resolve();
    },
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    now: () => new Date("2026-03-05T09:00:00Z"),
  };
  return { files, out, err, io: value };
}

const args = (a: Partial<ReportArgs>): ReportArgs => ({
  kind: "code",
  codes: [],
  sources: [],
  format: "csv",
  out: "report.csv",
  projectName: "Ward study",
  ...a,
});

describe("runReport (margin report)", () => {
  it("writes a CSV code report for code paths and source names", async () => {
    const t = io();
    const code = await runReport(
      fixtureTables(),
      args({ codes: ["technology/Usability"], sources: ["P02 pharmacy"], attributes: ["Site"] }),
      t.io,
    );
    expect(code).toBe(0);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(t.files.get("report.csv"));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe('"Code","Source","Case","Site","Coder","Start","End","Text","Location","Annotation","Date coded"');
    expect(lines.slice(1).map((l) => l.split('","')[7])).toEqual(["قال الصيدلي: النظام بطيء جداً", "药剂师说：系统太慢了 😩"]);
    expect(t.out).toEqual([
      "Wrote Code report: Technology/Usability to report.csv (CSV, " +
        t.files.get("report.csv")!.length.toLocaleString("en-GB") +
        " bytes, 2 segments).",
    ]);
    expect(t.err).toEqual([]);
  });

  it("writes DOCX and HTML for the other kinds", async () => {
    const t = io();
    expect(
      await runReport(fixtureTables(), args({ kind: "transcript", sources: ["P01 interview"], format: "docx", out: "t.docx" }), t.io),
    ).toBe(0);
    expect(strFromU8(unzipSync(t.files.get("t.docx")!)["word/document.xml"]!)).toContain("Coded transcript: P01 interview");
    expect(await runReport(fixtureTables(), args({ kind: "codebook", format: "html", out: "c.html" }), t.io)).toBe(0);
    expect(new TextDecoder().decode(t.files.get("c.html"))).toContain("<dt>When not to use</dt><dd>about staffing.</dd>");
    expect(await runReport(fixtureTables(), args({ kind: "memos", format: "html", out: "m.html" }), t.io)).toBe(0);
    expect(new TextDecoder().decode(t.files.get("m.html"))).toContain("Usability memo");
  });

  it("names what is wrong and writes nothing", async () => {
    const cases: [Partial<ReportArgs>, string][] = [
      [
        { codes: ["Technology/Usabilty"] },
        "margin report: there is no code “Usabilty” under “Technology” (looking for “Technology/Usabilty”).",
      ],
      [
        { codes: ["Deleted code"] },
        "margin report: there is no code “Deleted code” at the top of the codebook (looking for “Deleted code”).",
      ],
      [{ sources: ["P03"] }, "margin report: there is no source named “P03” in this project."],
      [{ kind: "transcript" }, "margin report: --kind transcript needs exactly one --source."],
      [{ kind: "summary" }, "margin report: --kind must be one of code, transcript, codebook, memos, overview (got “summary”)."],
      [{ format: "pdf" }, "margin report: --format must be one of docx, csv, html (got “pdf”)."],
      [{ attributes: ["Region"] }, "margin report: there is no case attribute named “Region” in this project."],
    ];
    for (const [bad, message] of cases) {
      const t = io();
      expect(await runReport(fixtureTables(), args(bad), t.io)).toBe(2);
      expect(t.err).toEqual([message]);
      expect(t.files.size).toBe(0);
    }
  });
});
