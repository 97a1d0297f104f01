/**
 * Hostile DOCX files (generated in tests/fixtures/docx/hostile.ts): each is refused with a clear
 * ImportError, in bounded time, before mammoth sees it. Before the limits on inflated bytes of every
 * part and on elements/nesting, these imported, hung or exhausted the heap.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportError, convertDocx } from "../../../../shared/import";
import { DOCX_LIMITS, readDocxPackage } from "../../../../shared/import/docx-package";
import { checkXmlShape } from "../../../../shared/import/xml-shape";
import {
  deepNestingDocx,
  hostileDocx,
  hugeStylesDocx,
  lyingSizeDocx,
  manyPartsDocx,
  repeatedDeflate,
  tinyParagraphsDocx,
} from "../../../fixtures/docx/hostile";
import { expectImportError, texts, utf8 } from "./helpers";

const MiB = 1024 * 1024;

/** Refused with `tooLarge` within `seconds`; returns the message. */
async function refused(bytes: Uint8Array, fileName: string, seconds: number): Promise<string> {
  const started = performance.now();
  const error = await expectImportError(convertDocx(bytes, fileName), fileName, "tooLarge");
  expect(performance.now() - started).toBeLessThan(seconds * 1000);
  return error.message;
}

describe("hostile DOCX: limits on what unpacking and parsing may cost", () => {
  it("the generated minimal DOCX converts (so the refusals below are about the limits)", async () => {
    const source = await convertDocx(hostileDocx(), "plain.docx");
    expect(texts(source)).toEqual(["Interviewer: How did the first clinic go?"]);
  });

  it("a document.xml that lies about its size is measured as it inflates, not trusted", async () => {
    const bytes = lyingSizeDocx();
    expect(bytes.length).toBeLessThan(8 * MiB);
    const message = await refused(bytes, "lying.docx", 15);
    expect(message).toBe(
      "“lying.docx” is too large to import: its part word/document.xml unpacks to more than 100.0 MB (the limit). Split it into smaller documents and import those.",
    );
  }, 30_000);

  it("a huge styles.xml (a repeated pattern that compresses tiny) is refused: every part is checked", async () => {
    const bytes = hugeStylesDocx();
    expect(bytes.length).toBeLessThan(8 * MiB);
    expect(await refused(bytes, "styles.docx", 15)).toContain("its part word/styles.xml unpacks to more than 100.0 MB");
  }, 30_000);

  it("parts that are each under the part limit are refused once together they pass the total", () => {
    const half = (name: string) => ({ name, data: repeatedDeflate("<x>", " ", 70 * MiB, "</x>"), method: 8 as const, declaredSize: 1 });
    const bytes = hostileDocx([half("customXml/item1.xml"), half("customXml/item2.xml")]);
    let error: unknown;
    try {
      readDocxPackage(bytes, "two.docx");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toContain("its parts unpack to more than 128.0 MB in all");
  }, 30_000);

  it("64 MiB of empty paragraphs in a ~450 KB file is refused by element count, in seconds", async () => {
    const bytes = tinyParagraphsDocx(Math.floor((64 * MiB) / 6));
    expect(bytes.length).toBeLessThan(512 * 1024);
    expect(await refused(bytes, "paragraphs.docx", 10)).toBe(
      "“paragraphs.docx” is too large to import: it has more than 1,000,000 XML elements (the limit). Split it into smaller documents and import those.",
    );
  }, 30_000);

  it("just past the element limit in a 7 MB XML part is refused (mammoth would need ~30 s and ~1.7 GB)", async () => {
    expect(await refused(tinyParagraphsDocx(DOCX_LIMITS.maxElements), "just-over.docx", 10)).toContain("more than 1,000,000 XML elements");
  }, 30_000);

  it("nesting deeper than Word ever writes is refused", async () => {
    const message = await refused(deepNestingDocx(300), "deep.docx", 5);
    expect(message).toContain("nested more than 256 levels deep");
  });

  it("a zip of more than 10,000 parts is refused before any is unpacked", async () => {
    expect(await refused(manyPartsDocx(10_001), "parts.docx", 5)).toContain("it holds 10,006 parts (the limit is 10,000)");
  });

  it("real nesting and element counts stay well inside the limits", async () => {
    const source = await convertDocx(deepNestingDocx(100), "nested.docx");
    expect(texts(source)).toContain("deep");
    expect(texts(await convertDocx(tinyParagraphsDocx(50_000), "many-blank-lines.docx"))).toEqual([
      "Interviewer: How did the first clinic go?",
    ]);
  }, 30_000);
});

describe("reading the zip ourselves", () => {
  it("reads stored parts, and finds the zip behind junk in front of it, as JSZip does", async () => {
    const stored = (name: string, text: string) => ({ name, data: utf8(text), method: 0 as const, declaredSize: utf8(text).length });
    const styles = stored("word/styles.xml", '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>');
    expect(texts(await convertDocx(hostileDocx([styles]), "stored.docx"))).toEqual(["Interviewer: How did the first clinic go?"]);
    const behindStub = readDocxPackage(hostileDocx([styles], utf8("MZ self-extractor stub")), "stub.docx");
    expect(behindStub.mainPart).toBe("word/document.xml");
    expect(new TextDecoder().decode(behindStub.parts.get("word/styles.xml"))).toContain("<w:styles");
  });

  it("a DEFLATE stream cut short, or an unknown method, is corrupt, not a crash", async () => {
    const data = repeatedDeflate("<w:document>", "x", 100_000, "</w:document>");
    const cut = { name: "word/document.xml", data: data.subarray(0, data.length >> 1), method: 8 as const, declaredSize: 100 };
    await expectImportError(convertDocx(hostileDocx([cut]), "cut.docx"), "cut.docx", "corrupt");
    const odd = { name: "word/document.xml", data, method: 8 as const, declaredSize: 100 };
    const bytes = hostileDocx([odd]);
    // Method 14 (LZMA) in both headers: mammoth's JSZip cannot read it either.
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = bytes[i] === 0x50 && bytes[i + 1] === 0x4b;
      const name = new TextDecoder().decode(bytes.subarray(i + 30, i + 47));
      if (sig && bytes[i + 2] === 3 && name === "word/document.xml") bytes[i + 8] = 14;
      if (sig && bytes[i + 2] === 1 && new TextDecoder().decode(bytes.subarray(i + 46, i + 63)) === "word/document.xml") bytes[i + 10] = 14;
    }
    await expectImportError(convertDocx(bytes, "lzma.docx"), "lzma.docx", "corrupt");
  });

  it("any lie in the size and offset fields gives a result or an ImportError, in bounded time", async () => {
    const original = hostileDocx();
    const centralAt = original.findLastIndex(
      (_, i) => original[i] === 0x50 && original[i + 1] === 0x4b && original[i + 2] === 1 && original[i + 3] === 2,
    );
    expect(centralAt).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(18, 20, 24, 42), fc.nat(), async (entryShift, field, value) => {
        const bytes = original.slice();
        // Some field of some central-directory entry (compressed size, sizes, local offset) set to anything.
        let at = -1;
        for (let i = 0, seen = 0; i + 4 <= bytes.length; i++) {
          if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2 && seen++ === entryShift % 5) at = i;
        }
        if (at < 0) return;
        new DataView(bytes.buffer).setUint32(at + field, value >>> 0, true);
        const started = performance.now();
        try {
          await convertDocx(bytes, "fuzz.docx");
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
        expect(performance.now() - started).toBeLessThan(5000);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe("checkXmlShape", () => {
  const shape = (xml: string, maxDepth = 100, maxElements = 100) => checkXmlShape(utf8(xml), { maxDepth, maxElements });

  it("counts start tags and self-closing tags, not end tags, comments, CDATA or declarations", () => {
    expect(shape('<?xml version="1.0"?><!-- <a><b> --><r><a x="1>2"/><b y=\'<c>\'>t<![CDATA[<d><e>]]></b></r>').elements).toBe(3);
  });

  it("tracks depth through self-closing and closed elements", () => {
    expect(shape("<a><b><c/></b><b><c/></b></a>", 3).tooDeep).toBe(false);
    expect(shape("<a><b><c><d/></c></b></a>", 3).tooDeep).toBe(true);
    expect(shape("<a><b/><b/><b/></a>", 2).tooDeep).toBe(false);
    expect(shape("<a><b/></a>", 1).tooDeep).toBe(true);
  });

  it("stops once past the element limit", () => {
    expect(shape("<a/><a/><a/>", 100, 3)).toEqual({ elements: 3, tooMany: false, tooDeep: false });
    expect(shape("<a/><a/><a/><a/>", 100, 3).tooMany).toBe(true);
  });

  it("leaves malformed XML to the parser rather than hanging", () => {
    expect(shape('<a><b attr="never closed').elements).toBe(2);
    expect(shape("<a><!-- never closed <b>").elements).toBe(1);
  });
});
