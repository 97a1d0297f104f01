import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plural } from "../../../../shared/text/plural";
import { summarise } from "../../../../renderer/sources/import/ImportResults";
import type { ImportOutcome } from "../../../../renderer/sources/import/runImport";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("counts in words", () => {
  it("uses the singular for one and the plural otherwise", () => {
    expect(plural(1, "duplicate")).toBe("1 duplicate");
    expect(plural(0, "new code")).toBe("0 new codes");
    expect(plural(1204, "coding")).toBe("1,204 codings");
    expect(plural(2, "memo set", "memo sets")).toBe("2 memo sets");
  });

  it("sums up an import with “1 duplicate”", () => {
    const outcomes: ImportOutcome[] = [
      { fileName: "a.docx", path: "/a.docx", status: "imported", message: null, sourceId: "s1", warnings: [] },
      { fileName: "b.docx", path: "/b.docx", status: "duplicate", message: "Same text", sourceId: null, warnings: [] },
    ];
    expect(summarise(outcomes)).toBe("1 imported, 1 duplicate, 0 failed");
  });

  it("has no “(s)” plurals left in what the researcher reads", () => {
    const offenders = ["renderer", "shared"].flatMap(sourceFiles).filter((path) => /[a-z]\(s\) [a-z]/.test(readFileSync(path, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("keeps one plural helper", () => {
    const copies = ["renderer", "shared"]
      .flatMap(sourceFiles)
      .filter((path) => /function plural\(|const plural = /.test(readFileSync(path, "utf8")));
    expect(copies).toEqual([join("shared", "text", "plural.ts")]);
  });
});
