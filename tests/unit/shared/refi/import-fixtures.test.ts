/** Small .qdpx files built here with fflate: each exercises one rule of the importer. */
import { strToU8, zipSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RefiError } from "../../../../shared/refi/errors";
import { importQde, importQdpx } from "../../../../shared/refi/import";
import { offsetToPosition, positionMap } from "../../../../shared/refi/positions";
import type { RefiImportResult } from "../../../../shared/refi/types";

const G = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const cat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

interface Sel {
  start: number;
  end: number;
  code?: number;
  note?: number;
}
function textSource(guid: number, name: string, selections: Sel[], attrs: string, inline?: string): string {
  const sels = selections
    .map(
      (s, i) =>
        `<PlainTextSelection guid="${G(1000 + guid * 10 + i)}" startPosition="${s.start}" endPosition="${s.end}">` +
        (s.code !== undefined
          ? `<Coding guid="${G(2000 + guid * 10 + i)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(s.code)}"/></Coding>`
          : "") +
        (s.note !== undefined ? `<NoteRef targetGUID="${G(s.note)}"/>` : "") +
        `</PlainTextSelection>`,
    )
    .join("");
  return `<TextSource guid="${G(guid)}" name="${esc(name)}" ${attrs}>${inline !== undefined ? `<PlainTextContent>${esc(inline)}</PlainTextContent>` : ""}${sels}</TextSource>`;
}
function project(origin: string, sources: string, extra = ""): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Fixture" origin="${origin}">
<Users><User guid="${G(1)}" name="Ada Lovelace"/></Users>
<CodeBook><Codes>
  <Code guid="${G(10)}" name="Parent" isCodable="false" color="#112233"><Description>Top</Description>
    <Code guid="${G(11)}" name="Child" isCodable="true"><NoteRef targetGUID="${G(52)}"/></Code>
  </Code>
</Codes></CodeBook>
<Variables><Variable guid="${G(30)}" name="Age" typeOfVariable="Integer"/><Variable guid="${G(31)}" name="Consented" typeOfVariable="Boolean"/></Variables>
<Cases><Case guid="${G(40)}" name="P01"><VariableValue><VariableRef targetGUID="${G(30)}"/><IntegerValue>42</IntegerValue></VariableValue><VariableValue><VariableRef targetGUID="${G(31)}"/><BooleanValue>true</BooleanValue></VariableValue><SourceRef targetGUID="${G(100)}"/></Case></Cases>
<Sources>${sources}</Sources>
<Notes>
  <Note guid="${G(50)}" name="Selection note"><PlainTextContent>About this passage</PlainTextContent></Note>
  <Note guid="${G(51)}" name="Loose note"><PlainTextContent>Not attached</PlainTextContent></Note>
  <Note guid="${G(52)}" name="Code note"><PlainTextContent>About the code</PlainTextContent></Note>
  <Note guid="${G(53)}" name="Case note"><PlainTextContent>About P01</PlainTextContent></Note>
</Notes>
${extra}
</Project>`;
}
function qdpx(qde: string, files: Record<string, Uint8Array>, qdeName = "project.qde"): Uint8Array {
  return zipSync({ [qdeName]: strToU8(qde), ...files });
}
function seg(r: RefiImportResult, i = 0): string {
  const c = r.tables.codings[i];
  const t = r.tables.sourceContent.find((s) => s.id === c?.sourceId)?.text ?? "";
  return c ? t.slice(c.start, c.end) : "(no coding)";
}

describe("REFI-QDA import: text and positions", () => {
  const text = "Line one\r\nSecond line with a word\r\nThird";
  // In the stored CRLF text, "word" starts at 10 + 19 = 29 (CRLF counted as 2).
  const at = text.indexOf("word");

  it("CRLF source with a BOM: CRLF counts 2, the BOM nothing, Margin stores \\n", async () => {
    const link = `<Links><Link guid="${G(61)}" name="memo" originGUID="${G(53)}" targetGUID="${G(40)}"/></Links>`;
    const bytes = qdpx(
      project(
        "Test tool 1.0",
        textSource(100, "Interview 1", [{ start: at, end: at + 4, code: 11, note: 50 }], `plainTextPath="internal://a.txt"`),
        link,
      ),
      {
        "sources/a.txt": cat(BOM, strToU8(text)),
      },
    );
    const r = await importQdpx(bytes, "crlf.qdpx");
    const content = r.tables.sourceContent[0];
    expect(content?.text).toBe("Line one\nSecond line with a word\nThird");
    expect(seg(r)).toBe("word");
    expect(content?.blocks.map((b) => content.text.slice(b.start, b.end))).toEqual(["Line one", "Second line with a word", "Third"]);
    // Notes go to their targets; an unattached note is a project memo.
    const byTitle = new Map(r.tables.memos.map((m) => [m.title, m]));
    expect(byTitle.get("Selection note")?.targetKind).toBe("coding");
    expect(byTitle.get("Selection note")?.targetId).toBe(r.tables.codings[0]?.id);
    expect(byTitle.get("Code note")?.targetKind).toBe("code");
    expect(byTitle.get("Loose note")?.targetKind).toBe("project");
    expect(byTitle.get("Case note")).toMatchObject({ targetKind: "case", targetId: r.tables.cases[0]?.id });
    expect(r.report.skipped.filter((s) => s.kind === "Link")).toEqual([]);
    // Codes, coders, cases and attributes.
    const parent = r.tables.codes.find((c) => c.name === "Parent");
    expect(parent).toMatchObject({ isCategory: true, colour: "#112233", description: "Top", parentId: null });
    expect(r.tables.codes.find((c) => c.name === "Child")?.parentId).toBe(parent?.id);
    expect(r.tables.codings[0]?.coderId).toBe(r.tables.coders.find((c) => c.name === "Ada Lovelace")?.id);
    const age = r.tables.attributes.find((a) => a.name === "Age");
    const consented = r.tables.attributes.find((a) => a.name === "Consented");
    expect(age?.type).toBe("number");
    expect(consented).toMatchObject({ type: "category", options: ["true", "false"] });
    const p01 = r.tables.cases[0];
    expect(p01?.values).toEqual({ [age?.id ?? ""]: 42, [consented?.id ?? ""]: "true" });
    expect(r.tables.sources[0]?.caseIds).toEqual([p01?.id]);
  });

  it("LF source in Sources/ (capital S) and a bare file name", async () => {
    const lf = text.replace(/\r\n/g, "\n");
    const p = lf.indexOf("word");
    const bytes = qdpx(project("qc 1.3.2", textSource(100, "A", [{ start: p, end: p + 4, code: 11 }], `plainTextPath="a.txt"`)), {
      "Sources/a.txt": strToU8(lf),
    });
    expect(seg(await importQdpx(bytes, "bare.qdpx"))).toBe("word");
  });

  const emoji = "Zoë 👩‍⚕️ said: 🙂 naïve «привет» 日本語 done";
  const target = "«привет» 日本語";
  const cpStart = [...emoji.slice(0, emoji.indexOf(target))].length;
  const cpEnd = cpStart + [...target].length;
  const u16Start = emoji.indexOf(target);

  it("inline PlainTextContent with emoji: the standard counts code points", async () => {
    const r = await importQdpx(
      qdpx(project("ATLAS.ti 9", textSource(100, "Inline", [{ start: cpStart, end: cpEnd, code: 11 }], "", emoji)), {}),
      "inline.qdpx",
    );
    expect(seg(r)).toBe(target);
    expect(r.report.positionConvention).toMatch(/code points/);
  });

  it("NVivo counts UTF-16 code units", async () => {
    const r = await importQdpx(
      qdpx(
        project(
          "NVivo for Windows 12.6",
          textSource(100, "N", [{ start: u16Start, end: u16Start + target.length, code: 11 }], `plainTextPath="internal://n.txt"`),
        ),
        {
          "sources/n.txt": strToU8(emoji),
        },
      ),
      "nvivo.qdpx",
    );
    expect(seg(r)).toBe(target);
    expect(r.report.positionConvention).toMatch(/UTF-16/);
  });

  it("a bare .qde with inline text imports without a zip", async () => {
    const r = await importQde(
      strToU8(project("ATLAS.ti 9", textSource(100, "Inline", [{ start: cpStart, end: cpEnd, code: 11 }], "", emoji))),
      "p.qde",
    );
    expect(seg(r)).toBe(target);
  });

  it("position maps: a Margin offset converted to a position and back is the same offset (property)", () => {
    const chars = fc.constantFrom("a", "é", "\r\n", "\n", "🙂", "👩‍⚕️", "日", " ");
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }),
        fc.constantFrom("codepoint" as const, "utf16" as const),
        fc.boolean(),
        (parts, unit, crlf) => {
          const lfText = parts.join("").replace(/\r\n/g, "\n");
          const stored = crlf ? lfText.replace(/\n/g, "\r\n") : lfText;
          const map = positionMap(stored, unit);
          expect(map.text).toBe(lfText);
          // Every offset at a character boundary (not inside a surrogate pair) round-trips.
          for (let o = 0; o <= lfText.length; o++) {
            if (o > 0 && o < lfText.length && (lfText.charCodeAt(o) & 0xfc00) === 0xdc00) continue;
            expect(map.toOffset(offsetToPosition(lfText, o, unit, crlf ? "\r\n" : "\n"))).toBe(o);
          }
        },
      ),
    );
  });
});

describe("REFI-QDA import: what cannot come in is reported, the rest imports", () => {
  it("missing source file, absolute and relative paths, media, out-of-range selections, links and sets", async () => {
    const sources =
      textSource(
        100,
        "Present",
        [
          { start: 0, end: 4, code: 11 },
          { start: 2, end: 999, code: 11 },
        ],
        `plainTextPath="internal://p.txt"`,
      ) +
      textSource(101, "Gone", [{ start: 0, end: 3, code: 11 }], `plainTextPath="internal://gone.txt"`) +
      textSource(102, "Elsewhere", [], `plainTextPath="absolute://C:/Users/x/notes.txt"`) +
      textSource(103, "Relative", [], `plainTextPath="relative:///r.txt"`) +
      `<PDFSource guid="${G(104)}" name="Report.pdf" path="internal://r.pdf"><PDFSelection guid="${G(105)}" page="1" firstX="0" firstY="0" secondX="1" secondY="1"><Coding guid="${G(106)}"><CodeRef targetGUID="${G(11)}"/></Coding></PDFSelection></PDFSource>` +
      `<VideoSource guid="${G(107)}" name="Clip" path="relative:///clip.mp4"/>`;
    const extra = `<Links><Link guid="${G(60)}" name="rel" originGUID="${G(10)}" targetGUID="${G(11)}"/></Links>
<Sets><Set guid="${G(70)}" name="Key codes"><MemberCode targetGUID="${G(11)}"/><MemberSource targetGUID="${G(100)}"/></Set></Sets>`;
    const r = await importQdpx(
      qdpx(project("ATLAS.ti 9", sources, extra), {
        "sources/p.txt": strToU8("Some text here"),
        "sources/r.txt": strToU8("Relative text"),
      }),
      "mixed.qdpx",
    );
    expect(r.tables.sources.map((s) => s.name)).toEqual(["Present", "Relative"]);
    expect(r.tables.codings).toHaveLength(1);
    const why = (kind: string, name: string) => r.report.skipped.find((s) => s.kind === kind && s.name.startsWith(name))?.reason ?? "";
    expect(why("source", "Gone")).toMatch(/missing/);
    expect(why("codings", "Gone")).toMatch(/1 coding/);
    expect(why("source", "Elsewhere")).toMatch(/absolute path/);
    expect(why("PDF source", "Report.pdf")).toMatch(/text sources only; its 1 coding/);
    expect(why("video source", "Clip")).toMatch(/text sources only/);
    expect(why("coding", "Present, selection 2–999")).toMatch(/past the end/);
    expect(why("Link", "1")).toMatch(/no links/);
    const sets = r.tables.memos.find((m) => m.title === "Sets from mixed.qdpx");
    expect(sets?.body).toContain("## Key codes");
    expect(sets?.body).toContain("- Code: Child");
    expect(sets?.body).toContain("- Source: Present");
    expect(r.report.imported.sets).toBe(1);
  });
});

describe("REFI-QDA import: bad files give a clear error and nothing", () => {
  const expectRefiError = async (run: Promise<unknown>, pattern: RegExp, element?: string) => {
    const error: unknown = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RefiError);
    expect((error as RefiError).message).toMatch(pattern);
    if (element !== undefined) expect((error as RefiError).element).toBe(element);
  };

  it("not a zip", async () => {
    await expectRefiError(
      importQdpx(strToU8("hello, I am text"), "notes.qdpx"),
      /“notes\.qdpx” is not a REFI-QDA project: a \.qdpx file is a zip archive/,
    );
  });
  it("a zip without a .qde", async () => {
    await expectRefiError(importQdpx(zipSync({ "readme.txt": strToU8("x") }), "empty.qdpx"), /has no project file \(\.qde\)/);
  });
  it("malformed XML names the element and the line", async () => {
    const bad = project("x", "").replace("<Description>Top</Description>", "<Description>Top</Descripton>");
    await expectRefiError(
      importQdpx(qdpx(bad, {}), "bad.qdpx"),
      /“bad\.qdpx › project\.qde” has malformed XML at line 5, column \d+: Expected closing tag 'Description' .*instead of closing tag 'Descripton'/,
      "Description",
    );
  });
  it("unknown element inside <Sources> names it", async () => {
    await expectRefiError(
      importQdpx(qdpx(project("x", `<SpreadsheetSource guid="${G(9)}"/>`), {}), "odd.qdpx"),
      /<SpreadsheetSource>/,
      "SpreadsheetSource",
    );
  });
  it("a selection without positions names the element and its guid", async () => {
    const xml = project(
      "x",
      `<TextSource guid="${G(100)}" name="A"><PlainTextContent>abc</PlainTextContent><PlainTextSelection guid="${G(5)}" startPosition="0"/></TextSource>`,
    );
    await expectRefiError(
      importQdpx(qdpx(xml, {}), "nopos.qdpx"),
      /malformed <PlainTextSelection> element: it has no endPosition attribute \(guid/,
      "PlainTextSelection",
    );
  });
  it("a root that is not <Project>", async () => {
    await expectRefiError(
      importQdpx(qdpx(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`, {}), "cb.qdpx"),
      /root element is <CodeBook>, not <Project>/,
      "CodeBook",
    );
  });
});

describe("CLI: runImportQdpx", () => {
  it("returns the tables and logs the report, naming what was left out", async () => {
    const { runImportQdpx } = await import("../../../../cli/commands/import-qdpx");
    const lines: string[] = [];
    const xml = project(
      "ATLAS.ti 9",
      textSource(100, "Gone", [], `plainTextPath="internal://gone.txt"`) +
        textSource(101, "Here", [{ start: 0, end: 4, code: 11 }], "", "Here it is"),
    );
    const out = await runImportQdpx(qdpx(xml, {}), "cli.qdpx", { log: (l) => lines.push(l), projectId: "p-1" });
    expect(out.tables.sources.map((s) => s.name)).toEqual(["Here"]);
    expect(out.tables.memos.find((m) => m.title === "Loose note")?.targetId).toBe("p-1");
    expect(lines[0]).toBe(
      "cli.qdpx: exported by ATLAS.ti 9; positions read as Unicode code points over the stored text (QDA-XML 1.0; a Windows line break counts as 2).",
    );
    expect(lines).toContain("Imported 1 sources, 2 codes, 1 codings, 4 memos, 1 cases, 2 attributes, 1 coders, 0 sets.");
    expect(lines.some((l) => l.startsWith("Not imported: source Gone — its file internal://gone.txt is missing"))).toBe(true);
    await expect(runImportQdpx(strToU8("nope"), "x.qdpx", { log: () => undefined })).rejects.toThrow(/“x\.qdpx” is not a REFI-QDA project/);
  });
});

describe("REFI-QDA import: sources named only by an id (NVivo for Mac 15)", () => {
  const ID_NAME = "66653866-6334-3535-3435-366637306566";
  const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

  it("calls them “Source n”, never by the id, in Margin and in the notes", async () => {
    const sources =
      textSource(100, ID_NAME, [], `plainTextPath="internal://${G(100)}.txt" richTextPath="internal://${G(100)}.docx"`) +
      textSource(101, "Interview 2", [], `plainTextPath="internal://${G(101)}.txt"`);
    const bytes = qdpx(project("NVivo for Mac 15.0.0", sources), {
      [`sources/${G(100)}.txt`]: strToU8(" "),
      [`sources/${G(100)}.docx`]: strToU8("not a word file"),
      [`sources/${G(101)}.txt`]: strToU8("Some text"),
    });
    const r = await importQdpx(bytes, "mac15.qdpx");
    expect(r.tables.sources.map((s) => s.name)).toEqual(["Source 1", "Interview 2"]);
    const notes = r.report.problems.filter((p) => p.startsWith("Source 1"));
    expect(notes.length).toBeGreaterThan(0);
    for (const p of r.report.problems) expect(p.replace(ID_NAME, "")).not.toMatch(GUID);
    for (const s of r.report.skipped) expect(`${s.name} ${s.reason}`).not.toMatch(GUID);
  });
});
