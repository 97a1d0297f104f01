/**
 * Issue 13 item 7: a source too large to ever be written into a bundle or backup as one JSON line is
 * refused where it enters: TXT (and DOCX) import, REFI-QDA import, bundle and backup reading. If a
 * record still cannot be written, the error names the source. Inputs are generated here.
 */
import { strToU8, zipSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BundleError, bundleFromZip, writeBundle } from "../../../../shared/bundle";
import { zipStream } from "../../../../shared/bundle/write";
import { convertFile, convertText, ImportError } from "../../../../shared/import";
import { countLines, countNonBlankLines, MAX_SOURCE_CHARACTERS, MAX_SOURCE_PARAGRAPHS } from "../../../../shared/import/source-limits";
import { sha256Hex } from "../../../../shared/import/stats";
import { emptyProjectTables } from "../../../../shared/model/tables";
import { importQdpx } from "../../../../shared/refi/import";
import { INFO, source } from "../bundle/fixtures";
import { joinParts } from "../model/forge";

/** `lines` lines of `line` (one-byte characters) separated by "\n", as the bytes of a .txt file. */
function manyLines(lines: number, line = "ab"): Uint8Array {
  const width = line.length + 1;
  const bytes = new Uint8Array(lines * width - 1).fill(0x0a);
  for (let i = 0; i < lines; i++) for (let k = 0; k < line.length; k++) bytes[i * width + k] = line.charCodeAt(k);
  return bytes;
}

async function refusal(p: Promise<unknown>): Promise<ImportError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("source size limits at import", () => {
  it(`a .txt of ${MAX_SOURCE_PARAGRAPHS + 1} lines is refused as too large, naming the file`, async () => {
    const e = await refusal(convertText(manyLines(MAX_SOURCE_PARAGRAPHS + 1), "long.txt"));
    expect(e.reason).toBe("tooLarge");
    expect(e.message).toBe(
      "“long.txt” is too large to import: it has 1,000,001 paragraphs (lines); Margin takes at most 1,000,000 in one source. Split it into smaller documents and import those.",
    );
  });

  it("the 24-million-line .txt of the report is refused the same way, before any paragraph is built", async () => {
    const e = await refusal(convertFile(manyLines(24_000_000, "a"), "24M lines.txt"));
    expect(e.message).toMatch(/^“24M lines\.txt” is too large to import: it has 24,000,000 paragraphs \(lines\)/);
  }, 30_000);

  it(`a .txt of more than ${MAX_SOURCE_CHARACTERS} characters is refused`, async () => {
    const e = await refusal(convertText(strToU8(`${"word ".repeat(MAX_SOURCE_CHARACTERS / 5)}x`), "huge.txt"));
    expect(e.message).toMatch(/it has 10,000,001 characters of text; Margin takes at most 10,000,000 in one source/);
  }, 30_000);

  it("blank lines do not count: TXT import drops them", async () => {
    const text = `${"\n".repeat(MAX_SOURCE_PARAGRAPHS + 5)}one line`;
    const converted = await convertText(strToU8(text), "blank.txt");
    expect(converted.blocks).toHaveLength(1);
  });

  it("fuzz: the line counts match splitting the text, blank lines and every kind of line end included", () => {
    const line = fc.oneof(fc.constantFrom("", " ", "\t", "a", " b ", "é"), fc.string({ maxLength: 5 }));
    const end = fc.constantFrom("\n", "\r\n", "\r");
    fc.assert(
      fc.property(fc.array(fc.tuple(line, end), { maxLength: 30 }), line, (pairs, last) => {
        const text = pairs.map(([l, e]) => l + e).join("") + last;
        const lines = text.split(/\r\n|\r|\n/);
        expect(countLines(text)).toBe(lines.length);
        expect(countNonBlankLines(text)).toBeGreaterThanOrEqual(lines.filter((l) => l.trim() !== "").length);
        expect(countNonBlankLines(text)).toBe(lines.filter((l) => [...l].some((c) => c.charCodeAt(0) > 32)).length);
      }),
    );
  });

  it("REFI import leaves out a source with too many lines, with the reason, and imports the rest", async () => {
    const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="P" origin="Test"><Users><User guid="${G(1)}" name="Ada"/></Users>
<CodeBook><Codes><Code guid="${G(10)}" name="Trust" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="${G(100)}" name="Long" plainTextPath="internal://long.txt"><PlainTextSelection guid="${G(200)}" startPosition="0" endPosition="2"><Coding guid="${G(300)}"><CodeRef targetGUID="${G(10)}"/></Coding></PlainTextSelection></TextSource>
<TextSource guid="${G(101)}" name="Short" plainTextPath="internal://short.txt"/></Sources></Project>`;
    const bytes = zipSync({
      "p.qde": strToU8(qde),
      "sources/long.txt": manyLines(MAX_SOURCE_PARAGRAPHS + 1),
      "sources/short.txt": strToU8("Short text"),
    });
    const r = await importQdpx(bytes, "p.qdpx");
    expect(r.tables.sources.map((s) => s.name)).toEqual(["Short"]);
    expect(r.report.skipped).toContainEqual({
      kind: "source",
      name: "Long",
      reason:
        "it has 1,000,001 paragraphs (lines); Margin takes at most 1,000,000 in one source; split it in the other program and export again",
    });
    expect(r.report.skipped).toContainEqual({
      kind: "codings",
      name: "Long",
      reason: "1 coding on this source, which was too large to import",
    });
  }, 30_000);
});

async function zipBytes(tables: ReturnType<typeof emptyProjectTables>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = zipStream(tables, INFO).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
  return joinParts(parts);
}

describe("source size limits on bundles and backups", () => {
  it("reading a bundle whose source is over the limit is refused, naming the bundle and the source", async () => {
    const text = `${"word ".repeat(MAX_SOURCE_CHARACTERS / 5)}x`;
    const s = source("src-big", text, undefined, undefined, await sha256Hex(text));
    const tables = emptyProjectTables();
    tables.sources.push(s.source);
    tables.sourceContent.push(s.content);
    const error = await bundleFromZip(await zipBytes(tables), { fileName: "team.margin" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe("too-large");
    expect((error as BundleError).message).toBe(
      "“team.margin” holds the source “Interview src-big”, which is larger than Margin accepts: it has 10,000,001 characters of text; Margin takes at most 10,000,000 in one source.",
    );
  }, 30_000);

  it("a record that cannot be written names its source instead of a bare “Invalid string length”", async () => {
    const s = source("src-1", "text");
    const tables = emptyProjectTables();
    tables.sources.push(s.source);
    // What JSON.stringify throws for a line over the longest string, without building one.
    const content = {
      ...s.content,
      toJSON: () => {
        throw new RangeError("Invalid string length");
      },
    };
    tables.sourceContent.push(content);
    const error = await writeBundle(tables, INFO, { passphrase: "correct horse battery staple" }, undefined, { scryptWorkFactor: 2 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).message).toBe(
      "The bundle could not be written: the source “Interview src-1” is too large to write (Invalid string length).",
    );
  });
});
