/** Issue 13 item 7: the source size limit applies to Word documents too (checked on the converted text). */
import { describe, expect, it } from "vitest";
import { convertFile, ImportError } from "../../../../shared/import";
import { MAX_SOURCE_CHARACTERS } from "../../../../shared/import/source-limits";
import { makeDocx } from "../../../fixtures/docx/generate";

describe("source size limit for DOCX", () => {
  it(`a Word document of more than ${MAX_SOURCE_CHARACTERS} characters is refused as too large, naming the file`, async () => {
    const paragraph = "word ".repeat(200_000).trim();
    const bytes = await makeDocx(Array.from({ length: MAX_SOURCE_CHARACTERS / paragraph.length + 1 }, () => paragraph));
    const error = await convertFile(bytes, "long.docx").then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).reason).toBe("tooLarge");
    expect((error as ImportError).message).toMatch(
      /^“long\.docx” is too large to import: it has 10,\d{3},\d{3} characters of text; Margin takes at most 10,000,000 in one source\./,
    );
  }, 120_000);
});
