import fc from "fast-check";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ImportError, MAX_FILE_BYTES, convertDocx, convertFile } from "../../../../shared/import";
import { imageParagraph, makeDocx, makeFeatureDocx } from "../../../fixtures/docx/generate";
import { expectImportError, importError, utf8 } from "./helpers";

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OLE compound file header, optionally with an "EncryptedPackage" directory entry name. */
function oleFile(encrypted: boolean): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set(OLE_MAGIC, 0);
  const name = encrypted ? "EncryptedPackage" : "WordDocument";
  for (let i = 0; i < name.length; i++) bytes[1024 + i * 2] = name.charCodeAt(i); // UTF-16LE
  return bytes;
}

/** Word's 162-byte owner file: name length, ANSI name padded to 54 bytes, then the UTF-16 copy. */
function ownerFile(user: string): Uint8Array {
  const bytes = new Uint8Array(162);
  bytes[0] = user.length;
  bytes.set(utf8(user), 1);
  bytes[54] = user.length;
  for (let i = 0; i < user.length; i++) bytes[56 + i * 2] = user.charCodeAt(i);
  return bytes;
}

describe("ImportError cases", () => {
  it('a Word lock file, by its "~$" name or by its owner-file shape', async () => {
    const named = await expectImportError(convertFile(ownerFile("Anna"), "~$terview 12.docx"), "~$terview 12.docx", "lockFile");
    expect(named.message).toContain("lock file");
    await expectImportError(convertDocx(ownerFile("Anna"), "copied.docx"), "copied.docx", "lockFile");
    await expectImportError(convertFile(await makeFeatureDocx(), "~$real.docx"), "~$real.docx", "lockFile");
  });

  it("a zip without word/document.xml, and an empty zip", async () => {
    const hello = zipSync({ hello: utf8("Hello world") });
    const error = await expectImportError(convertDocx(hello, "hello.docx"), "hello.docx", "notWordDocument");
    expect(error.message).toContain("no Word document inside");
    const empty = zipSync({});
    const emptyError = await expectImportError(convertFile(empty, "empty.docx"), "empty.docx", "notWordDocument");
    expect(emptyError.message).toContain("empty zip");
  });

  it("a password-protected .docx (OLE file with an EncryptedPackage stream)", async () => {
    const error = await expectImportError(convertFile(oleFile(true), "locked.docx"), "locked.docx", "encrypted");
    expect(error.message).toContain("password");
    await expectImportError(convertDocx(oleFile(true), "locked.docx"), "locked.docx", "encrypted");
  });

  it("an old .doc (OLE file without EncryptedPackage): save it as .docx", async () => {
    for (const name of ["old.doc", "mislabelled.docx"]) {
      const error = await expectImportError(convertFile(oleFile(false), name), name, "legacyFormat");
      expect(error.message).toContain("save it as .docx");
    }
  });

  it("a document with no text, or only pictures, is empty", async () => {
    await expectImportError(convertDocx(await makeDocx(["", "   "]), "blank.docx"), "blank.docx", "empty");
    const pictures = await expectImportError(
      convertDocx(await makeDocx([imageParagraph(), imageParagraph()]), "pics.docx"),
      "pics.docx",
      "empty",
    );
    expect(pictures.message).toBe("“pics.docx” has no text to code. It only contains 2 pictures.");
  });

  it("a file over 50 MB", async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const error = await expectImportError(convertFile(big, "huge.docx"), "huge.docx", "tooLarge");
    expect(error.message).toContain("50.0 MB");
    await expectImportError(convertDocx(big, "huge.docx"), "huge.docx", "tooLarge");
    await expectImportError(convertFile(big.fill(0x41), "huge.txt"), "huge.txt", "tooLarge");
  });

  it("a declared size is not trusted either way: a small document claiming 800 MB is read by what it really holds", async () => {
    // Real zip bombs (parts that really unpack past the limits) are in limits.test.ts.
    const zip = await makeDocx(["Interviewer: Hello."]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let patched = 0;
    for (let i = 0; i + 4 <= zip.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      view.setUint32(i + 24, 800 * 1024 * 1024, true); // "uncompressed size" in the central directory
      patched++;
    }
    expect(patched).toBeGreaterThan(1);
    expect((await convertDocx(zip, "claims-800MB.docx")).text).toBe("Interviewer: Hello.");
  });

  it.each([
    ["report.pdf", utf8("%PDF-1.7\n"), "PDF"],
    ["letter.rtf", utf8("{\\rtf1\\ansi hello}"), "save it as .docx"],
    ["minutes.odt", zipSync({ mimetype: utf8("application/vnd.oasis.opendocument.text") }), "LibreOffice"],
    ["budget.xlsx", zipSync({ "xl/workbook.xml": utf8("<x/>") }), ".xlsx files are neither"],
    ["photo.jpg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), ".jpg files are neither"],
    ["README", utf8("just text"), "this file is neither"],
    ["transcript.doc", utf8("plain text pretending"), "save it as .docx"],
  ])("unsupported type %s", async (name, bytes, advice) => {
    const error = await expectImportError(convertFile(bytes, name), name, "unsupportedType");
    expect(error.message).toContain(advice);
  });

  it("a PDF or RTF renamed .docx is named for what it is", async () => {
    await expectImportError(convertDocx(utf8("%PDF-1.4"), "fake.docx"), "fake.docx", "unsupportedType");
    await expectImportError(convertDocx(utf8("{\\rtf1 x}"), "fake2.docx"), "fake2.docx", "unsupportedType");
  });

  it("a truncated or garbled .docx is corrupt, never an unexplained crash", async () => {
    const good = await makeFeatureDocx();
    await expectImportError(convertDocx(good.subarray(0, good.length >> 1), "half.docx"), "half.docx", "corrupt");
    await expectImportError(
      convertDocx(utf8("not a zip at all, but long enough to not be a lock file".repeat(40)), "junk.docx"),
      "junk.docx",
      "corrupt",
    );
    const badXml = zipSync({ "word/document.xml": utf8("<w:document><w:body><w:p>") });
    await expectImportError(convertDocx(badXml, "badxml.docx"), "badxml.docx", "corrupt");
  });

  it("lets nothing but ImportError escape, whatever the bytes", async () => {
    const prefixes = [[], [0x50, 0x4b, 0x03, 0x04], OLE_MAGIC, [0xff, 0xfe], [0xef, 0xbb, 0xbf]];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...prefixes),
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom("a.docx", "b.txt", "c.doc", "d.pdf", "e"),
        async (prefix, body, name) => {
          const bytes = new Uint8Array([...prefix, ...body]);
          for (const convert of [convertFile, convertDocx]) {
            try {
              await convert(bytes, name);
            } catch (error) {
              if (!(error instanceof ImportError)) throw error;
              expect(error.message).toContain(name);
            }
          }
        },
      ),
      { numRuns: 60, seed: 20240314 },
    );
  });
});

describe("ImportError", () => {
  it("is an Error with a name, a reason and the file name, and survives JSON", async () => {
    const error = await importError(convertFile(utf8("%PDF-1.7"), "a.pdf"));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ImportError");
    const data = JSON.parse(JSON.stringify(error)) as ReturnType<ImportError["toJSON"]>;
    expect(data).toEqual({ name: "ImportError", message: error.message, fileName: "a.pdf", reason: "unsupportedType" });
    const back = ImportError.fromJSON(data);
    expect(back).toBeInstanceOf(ImportError);
    expect([back.message, back.fileName, back.reason]).toEqual([error.message, "a.pdf", "unsupportedType"]);
  });
});
