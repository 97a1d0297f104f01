/**
 * Issue 15 item 2: one source of truth per rule. Greps the source tree and fails when a second copy of a
 * rule appears, so the next screen or command uses the helper instead of writing the rule again.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const FILES = ["shared", "renderer", "electron", "cli", "node"]
  .map((dir) => ({ dir, files: sourceFiles(dir) }))
  .flatMap(({ files }) => files);
const TEXT = new Map(FILES.map((path) => [path, readFileSync(path, "utf8")]));

function filesMatching(pattern: RegExp): string[] {
  return FILES.filter((path) => pattern.test(TEXT.get(path) ?? ""));
}

const rules: { rule: string; pattern: RegExp; home: string[] }[] = [
  {
    rule: "the error-message expression (use describeError)",
    pattern: /\b(\w+) instanceof Error \? \1\.message : String\(\1\)/,
    home: [join("shared", "describeError.ts")],
  },
  {
    rule: "an HTML escaper (use escapeHtml)",
    pattern: /function escapeHtml\b|const escapeHtml\s*=/,
    home: [join("shared", "text", "escapeHtml.ts")],
  },
  {
    rule: "a hand-written list of the stamped tables (derive from PROJECT_TABLE_NAMES / STAMPED_TABLES)",
    pattern: /["']sources["']\s*[,|]\s*["']codes["']\s*[,|]\s*["']codings["']\s*[,|]\s*["']memos["']/,
    home: [],
  },
  {
    rule: "a count-in-words helper (use plural)",
    pattern: /\b(\w+) === 1 \? (one|singular) : (many|plural)\b/,
    home: [join("shared", "text", "plural.ts")],
  },
  {
    rule: "the characters a file name may not hold (use safeFileName / FILE_NAME_FORBIDDEN_CHARACTERS)",
    pattern: /[[']\\*(?=[^\]'\n]{0,40}<)(?=[^\]'\n]{0,40}>)(?=[^\]'\n]{0,40}\|)(?=[^\]'\n]{0,40}\?)(?=[^\]'\n]{0,40}\*)(?=[^\]'\n]{0,40}:)/,
    home: [join("shared", "text", "fileName.ts")],
  },
  {
    rule: "a hand-written atomic write: flush then rename (use writeFileAtomically)",
    pattern: /\.sync\(\)|fsyncSync\(/,
    home: [join("node", "atomicWrite.ts")],
  },
  {
    rule: "a hand-written red error paragraph (use ErrorText)",
    pattern: /role="alert"\s+className="[^"]*text-red-(700 dark:text-red-400|800 dark:text-red-300)"/,
    home: [],
  },
  {
    rule: "canonical JSON (use stableStringify)",
    pattern: /function canonical\w*\(|\.sort\([^)]*\)[\s\S]{0,200}JSON\.stringify\(k/,
    home: [join("shared", "merge", "lww.ts")],
  },
];

describe("one source of truth per rule", () => {
  it("reads the source tree", () => {
    expect(FILES.length).toBeGreaterThan(100);
  });

  it.each(rules)("$rule is written once", ({ pattern, home }) => {
    expect(filesMatching(pattern)).toEqual(home);
  });
});
