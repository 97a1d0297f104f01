/**
 * Issue 13 item 8: .qdpx edge cases. Every fixture is generated here (fflate + template strings):
 * a bad %-escape in one source's path skips that source only; XML the parser gives up on is a
 * RefiError naming the file; a selection that starts after it ends, and guids used twice, are
 * reported (and a coding never takes over the guid of a code).
 */
import { strToU8, zipSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RefiError } from "../../../../shared/refi/errors";
import { importQdpx } from "../../../../shared/refi/import";
import type { RefiImportResult } from "../../../../shared/refi/types";

const G = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function project(sources: string, description = ""): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Edges" origin="Test tool 1.0">${description}
<Users><User guid="${G(1)}" name="Ada Lovelace"/></Users>
<CodeBook><Codes><Code guid="${G(10)}" name="Trust" isCodable="true"/></Codes></CodeBook>
<Sources>${sources}</Sources>
</Project>`;
}
const textSource = (n: number, name: string, attrs: string, body = ""): string =>
  `<TextSource guid="${G(n)}" name="${esc(name)}" ${attrs}>${body}</TextSource>`;
const selection = (guid: string, start: number, end: number, codingGuid: string): string =>
  `<PlainTextSelection guid="${guid}" startPosition="${start}" endPosition="${end}"><Coding guid="${codingGuid}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding></PlainTextSelection>`;
const qdpx = (qde: string, files: Record<string, string> = {}): Uint8Array =>
  zipSync({ "project.qde": strToU8(qde), ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])) });

describe("source paths with bad %-escapes", () => {
  it("skips only the source whose path has a malformed escape, with the reason; the others import", async () => {
    const bytes = qdpx(
      project(
        textSource(100, "Good", `plainTextPath="internal://good.txt"`) + textSource(101, "Bad", `plainTextPath="internal://bad%zz%.txt"`),
      ),
      { "sources/good.txt": "Good text" },
    );
    const r = await importQdpx(bytes, "escapes.qdpx");
    expect(r.tables.sources.map((s) => s.name)).toEqual(["Good"]);
    expect(r.report.skipped).toContainEqual({
      kind: "source",
      name: "Bad",
      reason: "its path “internal://bad%zz%.txt” has a malformed %-escape, and the .qdpx has no file of that name",
    });
  });

  it("reads a file whose name really has a lone % in it", async () => {
    const bytes = qdpx(project(textSource(100, "Half", `plainTextPath="internal://50%.txt"`)), { "sources/50%.txt": "Half the text" });
    const r = await importQdpx(bytes, "percent.qdpx");
    expect(r.tables.sourceContent[0]?.text).toBe("Half the text");
  });

  it("fuzz: any path, however escaped, imports or skips its source with a reason; nothing else is thrown", async () => {
    const piece = fc.oneof(
      fc.constantFrom("%", "%2", "%zz", "%41", "%E2%80", "%C3%A9", "/", "\\", "..", " ", "a.txt", "é"),
      fc.string({ maxLength: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("internal://", "relative://", ""),
        async (parts, scheme) => {
          const p = `${scheme}${parts.join("")}`;
          let r: RefiImportResult;
          try {
            r = await importQdpx(qdpx(project(textSource(100, "Fuzzed", `plainTextPath="${esc(p)}"`))), "fuzz.qdpx");
          } catch (error) {
            expect(error).toBeInstanceOf(RefiError);
            return;
          }
          const imported = r.tables.sources.length === 1;
          const skipped = r.report.skipped.some((s) => s.name === "Fuzzed" && s.reason.length > 0);
          expect(imported || skipped).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("XML the parser gives up on", () => {
  it("elements nested too deeply: a RefiError naming the file, not the parser's bare message", async () => {
    const deep = `<Description>${"<b>".repeat(300)}x${"</b>".repeat(300)}</Description>`;
    const refused = await importQdpx(qdpx(project("", deep)), "deep.qdpx").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefiError);
    expect((refused as RefiError).message).toMatch(
      /^“deep\.qdpx › project\.qde” could not be read: its elements are nested more deeply than Margin reads \(.*nested.*\)\.$/i,
    );
  });
});

describe("selections and guids", () => {
  const text = "I trust the new system completely.";

  it("a selection that starts after it ends is read the right way round and reported", async () => {
    const bytes = qdpx(project(textSource(100, "Interview", `plainTextPath="internal://a.txt"`, selection(G(200), 11, 2, G(300)))), {
      "sources/a.txt": text,
    });
    const r = await importQdpx(bytes, "swapped.qdpx");
    expect(r.tables.codings.map((c) => text.slice(c.start, c.end))).toEqual(["trust the"]);
    expect(r.report.problems).toContain("Interview, selection 11–2: the selection starts after it ends; it was read as 2–11.");
  });

  it("a selection guid used twice is reported; both selections' codings are kept", async () => {
    const sels = selection(G(200), 2, 7, G(300)) + selection(G(200), 12, 15, G(301));
    const r = await importQdpx(
      qdpx(project(textSource(100, "Interview", `plainTextPath="internal://a.txt"`, sels)), { "sources/a.txt": text }),
      "dup-selection.qdpx",
    );
    expect(r.tables.codings).toHaveLength(2);
    expect(r.report.problems).toContain(
      `Interview, selection 12–15: the selection has guid ${G(200)}, which an earlier element in the file already has; its codings were imported, and notes referring to that guid go to the first selection.`,
    );
  });

  it("a coding guid used twice, or equal to a code's guid, is reported and never takes the code's place", async () => {
    // The first coding reuses the code's guid: before, it took over the code's entry in the guid map,
    // so every later coding of "Trust" pointed at that coding instead of the code.
    const sels = selection(G(200), 2, 7, G(10)) + selection(G(201), 12, 15, G(300)) + selection(G(202), 16, 22, G(300));
    const r = await importQdpx(
      qdpx(project(textSource(100, "Interview", `plainTextPath="internal://a.txt"`, sels)), { "sources/a.txt": text }),
      "dup-coding.qdpx",
    );
    const trust = r.tables.codes[0]?.id;
    expect(r.tables.codings.map((c) => c.codeId)).toEqual([trust, trust, trust]);
    expect(new Set(r.tables.codings.map((c) => c.id)).size).toBe(3);
    expect(r.idMap[G(10)]).toBe(trust);
    const reported = r.report.problems.filter((p) => /the coding has guid/.test(p));
    expect(reported).toEqual([
      `Interview, selection 2–7: the coding has guid ${G(10)}, which an earlier element in the file already has; the coding was imported, and anything referring to that guid refers to the first element.`,
      `Interview, selection 16–22: the coding has guid ${G(300)}, which an earlier element in the file already has; the coding was imported, and anything referring to that guid refers to the first element.`,
    ]);
  });
});
