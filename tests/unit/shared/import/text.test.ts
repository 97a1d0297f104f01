import { describe, expect, it } from "vitest";
import { convertFile, convertText } from "../../../../shared/import";
import { expectImportError, expectWellFormed, texts, utf8 } from "./helpers";

const SAMPLE = "Interviewer: Café or tea?\nP1: Tea, ☕ please — 谢谢.\n";
const EXPECTED = ["Interviewer: Café or tea?", "P1: Tea, ☕ please — 谢谢."];

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, littleEndian); // BOM
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

describe("convertText encodings", () => {
  it.each([
    ["UTF-8 without BOM", utf8(SAMPLE)],
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)])],
    ["UTF-16LE with BOM", utf16(SAMPLE, true)],
    ["UTF-16BE with BOM", utf16(SAMPLE, false)],
  ])("reads %s to the same text and hash", async (_, bytes) => {
    const source = await convertText(bytes, "sample.txt");
    expectWellFormed(source);
    expect(texts(source)).toEqual(EXPECTED);
    expect(source.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(source.format).toBe("txt");
    expect(source.turns.map((t) => t.speaker)).toEqual(["Interviewer", "P1"]);
    const reference = await convertText(utf8(SAMPLE), "sample.txt");
    expect(source.contentHash).toBe(reference.contentHash);
  });

  it("turns CRLF and lone CR into \\n, drops blank lines and trims each line", async () => {
    const source = await convertText(utf8("  first line  \r\n\r\nsecond\rthird\n\n\n\tfourth\t\r\n"), "lines.txt");
    expectWellFormed(source);
    expect(source.text).toBe("first line\nsecond\nthird\nfourth");
    expect(source.blocks.every((b) => b.kind === "paragraph")).toBe(true);
  });

  it("keeps tabs inside a line and blanks out other control characters", async () => {
    const source = await convertText(utf8("Speaker\tone\fpage two\u001a"), "ctl.txt");
    expect(source.text).toBe("Speaker\tone page two");
  });

  it("reads Windows-1252 when the bytes are not UTF-8, and says so", async () => {
    const bytes = new Uint8Array([...utf8("Caf"), 0xe9, 0x20, 0x93, ...utf8("quoted"), 0x94]);
    const source = await convertText(bytes, "legacy.txt");
    expect(source.text).toBe("Café “quoted”");
    expect(source.warnings).toEqual(["The file was not UTF-8, so it was read as Windows-1252 (Western European). Check accented letters."]);
  });

  it("is reached through convertFile for .txt names", async () => {
    const source = await convertFile(utf8(SAMPLE), "NOTES.TXT");
    expect(texts(source)).toEqual(EXPECTED);
  });
});

describe("convertText refuses what is not text", () => {
  it("binary data (NUL bytes)", async () => {
    const error = await expectImportError(convertText(new Uint8Array([0x41, 0x00, 0x42, 0x43]), "data.txt"), "data.txt", "notText");
    expect(error.message).toContain("binary");
  });

  it("many control characters without NULs", async () => {
    const bytes = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    await expectImportError(convertText(bytes, "noise.txt"), "noise.txt", "notText");
  });

  it("UTF-16 with an odd number of bytes or a broken surrogate", async () => {
    await expectImportError(convertText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]), "odd.txt"), "odd.txt", "notText");
    await expectImportError(convertText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), "lone.txt"), "lone.txt", "notText");
  });

  it("invalid UTF-8 after a UTF-8 byte-order mark", async () => {
    await expectImportError(convertText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff, 0x42]), "bom.txt"), "bom.txt", "notText");
  });

  it("a Word document or PDF given a .txt name", async () => {
    const zip = await expectImportError(convertText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), "x.txt"), "x.txt", "notText");
    expect(zip.message).toContain("zip");
    await expectImportError(convertText(utf8("%PDF-1.7 ..."), "y.txt"), "y.txt", "notText");
  });

  it("a file with nothing but whitespace is empty", async () => {
    const error = await expectImportError(convertText(utf8(" \r\n\t\n"), "blank.txt"), "blank.txt", "empty");
    expect(error.message).toBe("“blank.txt” has no text to code.");
    await expectImportError(convertText(new Uint8Array(0), "zero.txt"), "zero.txt", "empty");
  });
});
