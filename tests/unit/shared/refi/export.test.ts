/**
 * REFI-QDA export: the .qdpx layout, XSD validity (xmllint), element order, positions in both
 * conventions, escaping of hostile names, chosen sources and codes, variable types, GUIDs.
 */
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { ProjectTables } from "../../../../shared/model/tables";
import { exportQdpx, positionTable, type RefiExportOptions } from "../../../../shared/refi/export";
import { guidFor } from "../../../../shared/refi/exportPlan";
import { decimalString, escapeAttribute, escapeText } from "../../../../shared/refi/xmlWrite";
import { code, coder, coding, meta, sampleTables, schemaAvailable, source, unzip, utf8, validateWithXsd } from "../model/exportHelpers";

const OPTIONS: RefiExportOptions = { projectName: "Shared Care Record", appVersion: "0.1.0", now: () => new Date("2026-11-26T12:00:00Z") };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function exported(tables: ProjectTables, options: Partial<RefiExportOptions> = {}) {
  const result = await exportQdpx(tables, { ...OPTIONS, ...options });
  const files = unzip(result.bytes);
  return { ...result, files, qde: utf8(files["project.qde"]) };
}

/** The XSD's sequence for <Project>: children must appear in this order. */
const PROJECT_ORDER = ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs", "Description", "NoteRef"];

/** Children of <Project> in document order, read with a plain regex (independent of the writer). */
function projectChildren(qde: string): string[] {
  return [...qde.matchAll(/^ {2}<([A-Za-z]+)[\s>/]/gm)].map((m) => m[1] ?? "");
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

function expectValid(xml: string, schema: "Project" | "Codebook") {
  if (!schemaAvailable) return;
  const verdict = validateWithXsd(xml, schema);
  expect(verdict.output).toMatch(/validates/);
  expect(verdict.ok).toBe(true);
}

describe("REFI-QDA project export", () => {
  it("writes project.qde and one UTF-8 text file per source under lower-case sources/", async () => {
    const { tables, ids } = sampleTables();
    const { files, qde, summary } = await exported(tables);
    expect(Object.keys(files).sort()).toEqual(["project.qde", `sources/${ids.s1}.txt`, `sources/${ids.s2}.txt`].sort());
    expect(
      qde.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Shared Care Record"'),
    ).toBe(true);
    expect(qde).toContain(`plainTextPath="internal://${ids.s1}.txt"`);
    expect(qde).not.toContain("richTextPath");
    expect(summary).toMatchObject({ sources: 2, codes: 4, codings: 4, memos: 5, cases: 2, attributes: 4, coders: 2 });
    // Default: NVivo's convention, with a Windows text file (BOM, CRLF) as NVivo for Windows writes.
    const raw = files[`sources/${ids.s1}.txt`] ?? new Uint8Array();
    expect(Array.from(raw.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8(raw).startsWith("Interviewer: How is the record?\r\nP01:")).toBe(true);
    expect(summary.origin).toBe("Margin 0.1.0 (positions in UTF-16 code units, as NVivo counts)");
  });

  it("validates against Project-mrt2019.xsd, with <Project> children in the schema's order", async () => {
    const { tables } = sampleTables();
    for (const convention of ["utf16", "codepoints"] as const) {
      const { qde } = await exported(tables, { convention, lineBreaks: convention === "utf16" ? "crlf" : "lf" });
      expectValid(qde, "Project");
      const children = projectChildren(qde);
      expect(children).toEqual(["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "NoteRef"]);
      const ranks = children.map((c) => PROJECT_ORDER.indexOf(c));
      expect(ranks.every((r, i) => r >= 0 && (i === 0 || r >= (ranks[i - 1] ?? 0)))).toBe(true);
    }
  });

  it("writes users, the code tree (colour, isCodable, description), codings with creating users and notes", async () => {
    const { tables, ids } = sampleTables();
    const { qde } = await exported(tables);
    const doc = parser.parse(qde) as { Project: Record<string, never> };
    const project = doc.Project as unknown as {
      Users: { User: { guid: string; name: string }[] };
      CodeBook: {
        Codes: {
          Code: {
            name: string;
            isCodable: string;
            Description: string;
            Code: { name: string; color: string; Code: { name: string; NoteRef: { targetGUID: string } } };
          }[];
        };
      };
    };
    expect(project.Users.User.map((u) => u.name)).toEqual(["Ana Researcher", "Ben Coder"]);
    expect(project.Users.User.every((u) => GUID.test(u.guid))).toBe(true);
    const [technology, timeSaved] = project.CodeBook.Codes.Code;
    expect(technology?.name).toBe("Technology");
    expect(technology?.isCodable).toBe("false");
    expect(technology?.Description).toBe("Anything about the system.\n\nWhen to use: the software\n\nExample: “logins fail”");
    expect(technology?.Code.color).toBe("#D55E00");
    expect(technology?.Code.Code.name).toBe("Logins & passwords");
    expect(timeSaved?.isCodable).toBe("true");
    // The code memo is a note the code refers to; the coding memo hangs on the selection.
    const loginMemo = tables.memos.find((m) => m.title === "Logins memo");
    expect(technology?.Code.Code.NoteRef.targetGUID).toBe(loginMemo?.id);
    const selection = new RegExp(
      `<PlainTextSelection guid="[^"]+" name="logins fail" [^>]*creatingUser="${ids.ben}"[^>]*>\\s*<Description>login failures at night</Description>\\s*<Coding guid="${ids.c2}" creatingUser="${ids.ben}" creationDateTime="2026-11-20T10:00:00.000Z">\\s*<CodeRef targetGUID="${ids.logins}"/>\\s*</Coding>\\s*<NoteRef targetGUID="[^"]+"/>`,
    );
    expect(qde).toMatch(selection);
  });

  it("converts positions to UTF-16 code units or code points over the text file as written", async () => {
    const { tables, ids } = sampleTables();
    const c3 = tables.codings.find((c) => c.id === ids.c3);
    const c4 = tables.codings.find((c) => c.id === ids.c4);
    for (const [convention, lineBreaks] of [
      ["utf16", "crlf"],
      ["utf16", "lf"],
      ["codepoints", "lf"],
      ["codepoints", "crlf"],
    ] as const) {
      const { qde, files } = await exported(tables, { convention, lineBreaks });
      for (const c of [c3, c4]) {
        if (!c) throw new Error("fixture");
        const m = new RegExp(
          `startPosition="(\\d+)" endPosition="(\\d+)"[^>]*>\\s*(?:<Description>[^<]*</Description>\\s*)?<Coding guid="${c.id}"`,
        ).exec(qde);
        const file = utf8(files[`sources/${c.sourceId}.txt`]).replace(/^\uFEFF/, "");
        // Read the stored file in the stated unit, as another tool would.
        const units = convention === "utf16" ? [...file].flatMap((ch) => (ch.length === 2 ? [ch[0], ch[1]] : [ch])) : [...file];
        const segment = units.slice(Number(m?.[1]), Number(m?.[2])).join("");
        const margin = tables.sourceContent.find((s) => s.id === c.sourceId)?.text.slice(c.start, c.end) ?? "";
        expect(segment.replace(/\r\n/g, "\n")).toBe(margin);
      }
    }
    // The emoji before the coding in source 1 makes the two units differ.
    const utf16 = await exported(tables, { convention: "utf16", lineBreaks: "lf" });
    const points = await exported(tables, { convention: "codepoints", lineBreaks: "lf" });
    const start = (qde: string) => /startPosition="(\d+)"[^>]*>\s*<Description>login failures/.exec(qde)?.[1];
    expect(Number(start(utf16.qde)) - Number(start(points.qde))).toBe(1);
    expect(points.summary.origin).toBe("Margin 0.1.0");
  });

  it("position table counts surrogate pairs and CRLF as the convention says", () => {
    const text = "a😀\nb";
    expect(Array.from(positionTable(text, "utf16", "lf"))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(positionTable(text, "codepoints", "lf"))).toEqual([0, 1, 2, 2, 3, 4]);
    expect(Array.from(positionTable(text, "codepoints", "crlf"))).toEqual([0, 1, 2, 2, 4, 5]);
  });

  it("escapes hostile names and replaces characters XML 1.0 forbids, and the file stays valid", async () => {
    const ana = coder('Ana "<&>" \u0007Bell');
    const s = source(ana.id, "A <b>&amp; 'quoted' \u0000 name\u000b", "Text with \u0001 control 🤖 and <tags> & ]]> ends.");
    const weird = code(ana.id, "<script>alert('x')</script> & \"co\" \uFFFE \uD800 😀", null, 0, {
      description: "Line 1\r\nLine 2 ]]> & <b>\u001F",
    });
    const c = coding(ana.id, s.record.id, weird.id, 0, 4, "note with\ttab & <angle>");
    const tables: ProjectTables = {
      savedSearches: [],
      speakers: [],
      casePassages: [],
      sources: [s.record],
      sourceContent: [s.content],
      codes: [weird],
      codings: [c],
      memos: [],
      cases: [],
      attributes: [],
      coders: [ana],
    };
    const { qde, summary, files } = await exported(tables, { projectName: "Proj <&> \u0002" });
    expectValid(qde, "Project");
    const doc = parser.parse(qde) as {
      Project: {
        name: string;
        CodeBook: { Codes: { Code: { name: string; Description: string } } };
        Sources: { TextSource: { name: string } };
      };
    };
    expect(doc.Project.name).toBe("Proj <&> \uFFFD");
    expect(doc.Project.CodeBook.Codes.Code.name).toBe("<script>alert('x')</script> & \"co\" \uFFFD \uFFFD 😀");
    expect(doc.Project.CodeBook.Codes.Code.Description).toBe("Line 1\nLine 2 ]]> & <b>\uFFFD");
    expect(doc.Project.Sources.TextSource.name).toBe("A <b>&amp; 'quoted' \uFFFD name\uFFFD");
    expect(summary.remarks.join(" ")).toMatch(/\d+ characters? that XML cannot hold/);
    // The text file is not XML: it keeps the text exactly.
    expect(utf8(files[`sources/${s.record.id}.txt`])).toContain("\u0001 control 🤖");
  });

  it("escape functions: attributes lose tabs and line breaks, text keeps line breaks", () => {
    expect(escapeAttribute('a\tb\r\nc"<&>')).toBe("a b c&quot;&lt;&amp;&gt;");
    expect(escapeText("a\r\nb\rc <&> ]]>")).toBe("a\nb\nc &lt;&amp;&gt; ]]&gt;");
    expect(decimalString(1e-7)).toBe("0.0000001");
    expect(decimalString(1e21)).toBe("1000000000000000000000");
    expect(decimalString(-52.5)).toBe("-52.5");
  });

  it("exports chosen sources and codes: codings limited, parents kept, cases and memos follow", async () => {
    const { tables, ids } = sampleTables();
    const { qde, files, summary } = await exported(tables, { sourceIds: [ids.s1], codeIds: [ids.logins] });
    expectValid(qde, "Project");
    expect(Object.keys(files).sort()).toEqual(["project.qde", `sources/${ids.s1}.txt`]);
    expect(summary).toMatchObject({ sources: 1, codes: 3, codings: 1, cases: 1 });
    expect(qde).toContain(`<Coding guid="${ids.c2}"`);
    expect(qde).not.toContain(`<Coding guid="${ids.c1}"`);
    expect(qde).not.toContain('name="Time saved"');
    expect(qde).toContain('name="Technology"');
    expect(qde).not.toContain('name="P02"');
    // Memos on things left out are left out; the project memo and those on exported items stay.
    expect(qde).toContain('name="Analysis plan"');
    expect(qde).toContain('name="Night shifts"');
    expect(summary.memos).toBe(5);
    const other = await exported(tables, { sourceIds: [ids.s2] });
    expect(other.qde).not.toContain('name="About P01"');
    expect(other.qde).not.toContain('name="P01 background"');
    expect(other.summary.remarks.join(" ")).not.toMatch(/case memo/);
    expect(summary.remarks.join(" ")).toMatch(/2 parent codes were included/);
  });

  it("maps attribute types to variable types and writes values the XSD accepts", async () => {
    const { tables, ids } = sampleTables();
    const ana = tables.coders[0]?.id ?? "";
    const consent = { ...meta(ana), name: "Consent", type: "category" as const, options: ["true", "false"], order: 4 };
    const tiny = { ...meta(ana), name: "Dose", type: "number" as const, options: [], order: 5 };
    const p01 = tables.cases[0];
    if (!p01) throw new Error("fixture");
    p01.values[consent.id] = "true";
    p01.values[tiny.id] = 1e-7;
    p01.values[ids.age] = 41;
    const huge = { ...meta(ana), name: "Odd number", type: "number" as const, options: [], order: 6 };
    p01.values[huge.id] = 1.2345e-30;
    tables.attributes.push(consent, tiny, huge);
    const { qde, summary } = await exported(tables);
    expectValid(qde, "Project");
    // Too many digits for xsd:decimal as schema processors read it: written exactly, as text.
    expect(qde).toContain("<TextValue>1.2345e-30</TextValue>");
    expect(summary.remarks.join(" ")).toMatch(/1 number had too many digits/);
    expect(qde).toMatch(/name="Role" typeOfVariable="Text">\s*<Description>One of: Nurse; GP<\/Description>/);
    expect(qde).toContain('name="Age" typeOfVariable="Float"');
    expect(qde).toContain('name="Interviewed" typeOfVariable="Date"');
    expect(qde).toContain('name="Consent" typeOfVariable="Boolean"');
    expect(qde).toContain("<BooleanValue>true</BooleanValue>");
    expect(qde).toContain("<FloatValue>0.0000001</FloatValue>");
    expect(qde).toContain("<DateValue>2024-03-07</DateValue>");
    expect(qde).toContain("<TextValue>North &lt;A&amp;E&gt;</TextValue>");
    expect(qde).toMatch(
      new RegExp(
        `<Case guid="${ids.p01}" name="P01">\\s*<Description>Ward nurse</Description>[\\s\\S]*?<SourceRef targetGUID="${ids.s1}"/>\\s*</Case>`,
      ),
    );
  });

  it("uses Margin ids as GUIDs, derives stable GUIDs for selections, and leaves tombstones out", async () => {
    const { tables, ids } = sampleTables();
    const deletedCode = { ...code(ids.ana, "Deleted code", null, 9), deleted: true };
    tables.codes.push(deletedCode);
    const first = await exported(tables);
    const second = await exported(tables);
    expect(first.qde).toBe(second.qde);
    expect(first.qde).not.toContain("Deleted code");
    const guids = [...first.qde.matchAll(/(?:guid|GUID|targetGUID|creatingUser|modifyingUser)="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(guids.length).toBeGreaterThan(20);
    expect(guids.every((g) => GUID.test(g))).toBe(true);
    expect(guidFor("not-a-uuid")).toMatch(GUID);
    expect(guidFor(ids.c1, "selection")).not.toBe(ids.c1);
  });

  it("leaves out codings outside their text and says so", async () => {
    const { tables, ids } = sampleTables();
    tables.codings.push(coding(ids.ana, ids.s2, ids.time, 5, 10_000));
    const { summary, qde } = await exported(tables);
    expectValid(qde, "Project");
    expect(summary.codings).toBe(4);
    expect(summary.remarks.join(" ")).toMatch(/1 coding lay outside/);
  });

  it.skipIf(!schemaAvailable)(
    "the schema check fails a file with <Project> children out of order (so passing means something)",
    async () => {
      const { tables } = sampleTables();
      const { qde } = await exported(tables);
      const users = /\n {2}<Users>[\s\S]*?<\/Users>/.exec(qde)?.[0] ?? "";
      const swapped = qde.replace(users, "").replace("\n  </Notes>", `\n  </Notes>${users}`);
      expect(swapped).not.toBe(qde);
      expect(validateWithXsd(swapped, "Project").ok).toBe(false);
    },
  );

  it("an empty project is still a valid file", async () => {
    const tables: ProjectTables = {
      savedSearches: [],
      speakers: [],
      casePassages: [],
      sources: [],
      sourceContent: [],
      codes: [],
      codings: [],
      memos: [],
      cases: [],
      attributes: [],
      coders: [],
    };
    const { qde } = await exported(tables);
    expectValid(qde, "Project");
    expect(projectChildren(qde)).toEqual([]);
  });
});
