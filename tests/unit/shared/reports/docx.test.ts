/**
 * DOCX output checked two ways: the package's XML (heading styles, Quote style, footer fields, page
 * size) and a real client: LibreOffice headless converts it to text, which must show the headings,
 * segments and sources. The LibreOffice part is skipped with a notice when soffice is not installed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildReport, reportOptions, reportSourceFromTables, type ReportOptions } from "../../../../shared/reports";
import { reportDocx } from "../../../../shared/reports/docx";
import { fixtureTables } from "../import/fixture";

const now = () => new Date("2026-03-05T09:00:00.000Z");
async function docx(o: Partial<ReportOptions> & Pick<ReportOptions, "kind">): Promise<Uint8Array> {
  return reportDocx(await buildReport(reportSourceFromTables(fixtureTables(), "Ward study"), reportOptions(o), { now }));
}

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name.endsWith(".xml"))
      .map(([name, data]) => [name, strFromU8(data)]),
  );
}

const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"].find((p) => existsSync(p)) ?? null;
if (!soffice)
  console.warn(
    "NOTICE: LibreOffice (soffice) is not installed: the DOCX-in-a-real-client checks are skipped. Debian: apt-get install libreoffice-writer-nogui",
  );

/** LibreOffice's plain-text rendering of DOCX files (one soffice run for all: it is slow to start). */
function libreOfficeTexts(files: Record<string, Uint8Array>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "margin-docx-"));
  try {
    const names = Object.keys(files);
    for (const name of names) writeFileSync(join(dir, `${name}.docx`), files[name] as Uint8Array);
    // A private profile: a shared one is locked by any other soffice running on the machine.
    execFileSync(
      soffice as string,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        "--headless",
        "--convert-to",
        "txt:Text",
        "--outdir",
        dir,
        ...names.map((n) => join(dir, `${n}.docx`)),
      ],
      {
        stdio: "pipe",
        timeout: 240_000,
      },
    );
    return Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, `${n}.txt`), "utf8")]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("report DOCX", () => {
  it("underlines a transcript's coded words in their code's style, and not the rest of the paragraph", async () => {
    const doc = parts(await docx({ kind: "transcript", sourceIds: ["src-p01"] }))["word/document.xml"] ?? "";
    expect(doc).toMatch(
      /<w:r><w:rPr><w:u w:val="(single|dash|dotted|double|wave|dashLong)" w:color="[0-9A-Fa-f]{6}"\/><\/w:rPr><w:t xml:space="preserve">Logging in takes three minutes, every time\.<\/w:t><\/w:r>/,
    );
    expect(doc).toMatch(/<w:r><w:t xml:space="preserve">: Mixed\. <\/w:t><\/w:r>/);
  });

  it("uses Word heading styles, a Quote style, page X of Y fields, a running header and the page size", async () => {
    const xml = parts(await docx({ kind: "code", codeIds: ["code-tech"], pageSize: "Letter", contextChars: 30 }));
    const doc = xml["word/document.xml"] ?? "";
    expect(doc).toContain('<w:pStyle w:val="Heading1"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading2"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading3"/>');
    expect(doc).toContain('<w:pStyle w:val="Quote"/>');
    expect(doc).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
    expect(xml["word/styles.xml"]).toMatch(/w:styleId="Heading1"[\s\S]*?<w:name w:val="Heading 1"\/>/);
    expect(xml["word/styles.xml"]).toMatch(/w:styleId="Quote"[\s\S]*?<w:name w:val="Quote"\/>/);
    const footer = Object.entries(xml).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? "";
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    const headerXml = Object.entries(xml).find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] ?? "";
    expect(headerXml).toContain("Ward study — Code report: Technology");
    const a4 = parts(await docx({ kind: "codebook" }))["word/document.xml"] ?? "";
    expect(a4).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it.skipIf(!soffice)(
    "opens in LibreOffice with the headings, segments and sources of a code report",
    async () => {
      const { code: text = "" } = libreOfficeTexts({ code: await docx({ kind: "code", codeIds: ["code-tech"] }) });
      for (const expected of [
        "Code report: Technology",
        "Technology/Usability",
        "Technology/Interoperability",
        "P01 interview",
        "P02 pharmacy",
        "Huddle observation, paragraph 2",
        "P01 interview, speaker turn 2 (P01)",
        "Logging in takes three minutes, every time.",
        "قال الصيدلي: النظام بطيء جداً",
        "药剂师说：系统太慢了 😩",
        'Annotation: Echoes P02, "slow" again',
        "Definition: How the system itself helps or hinders.",
        "Usability memo",
      ])
        expect(text, expected).toContain(expected);
    },
    180_000,
  );

  it.skipIf(!soffice)(
    "opens in LibreOffice for every other kind: transcript, codebook, memos, overview",
    async () => {
      const texts = libreOfficeTexts({
        transcript: await docx({ kind: "transcript", sourceIds: ["src-p01"] }),
        codebook: await docx({ kind: "codebook" }),
        memos: await docx({ kind: "memos" }),
        overview: await docx({ kind: "overview" }),
      });
      const { transcript = "", codebook = "", memos = "", overview = "" } = texts;
      expect(transcript).toContain("Coded transcript: P01 interview");
      expect(transcript).toContain("Logging in takes three minutes, every time.");
      expect(transcript).toMatch(/Usability \[1\]/);
      expect(transcript).toContain("[2] Technology, speaker turn 4 (P01), Sam Okafor");
      expect(codebook).toContain("Codebook at a glance");
      expect(codebook).toContain("When not to use: about staffing.");
      expect(memos).toContain("Linked to: Code: Technology/Usability");
      expect(memos).toContain("Check against audit logs.");
      expect(overview).toContain("Code frequencies by source");
      expect(overview).toContain("Coder contributions");
    },
    300_000,
  );
});
