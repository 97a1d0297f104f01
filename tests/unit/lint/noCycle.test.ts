/**
 * The lint rule against runtime import cycles (eslint.config.js, import-x/no-cycle) must keep firing:
 * misconfigured (no extensions/parsers settings) it resolves nothing and passes every file in silence.
 * Two small modules that import each other are written into renderer/ and shared/ (the rule's globs
 * are relative to the repo), linted with the repo's own config, and removed again.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const made: string[] = [];

/** Writes files into a fresh folder under `area` (renderer or shared); afterAll removes it. */
function fixture(area: string, files: Record<string, string>): string[] {
  const dir = path.join(repo, area, `zz-lint-fixture-${process.pid}-${made.length}`);
  mkdirSync(dir);
  made.push(dir);
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  });
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The repo's config, only the cycle rule, and no type information (which this rule does not need). */
async function cycleErrors(files: string[]): Promise<string[]> {
  const eslint = new ESLint({
    cwd: repo,
    ruleFilter: ({ ruleId }) => ruleId === "import-x/no-cycle",
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  });
  const results = await eslint.lintFiles(files);
  return results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}: ${m.ruleId ?? "parse"}: ${m.message}`));
}

const cycle = {
  "first.ts": 'import { second } from "./second";\nexport const first = (): number => second() + 1;\n',
  "second.ts": 'import { first } from "./first";\nexport const second = (): number => first() - 1;\n',
};

describe("import-x/no-cycle", () => {
  it("reports two renderer modules that import each other", async () => {
    const errors = await cycleErrors(fixture("renderer", cycle));
    expect(errors).toEqual([
      expect.stringMatching(/^first\.ts: import-x\/no-cycle: Dependency cycle/),
      expect.stringMatching(/^second\.ts: import-x\/no-cycle: Dependency cycle/),
    ]);
  }, 60_000);

  it("reports a cycle of three modules in shared/", async () => {
    const errors = await cycleErrors(
      fixture("shared", {
        "a.ts": 'import { b } from "./b";\nexport const a = (): string => b();\n',
        "b.ts": 'import { c } from "./c";\nexport const b = (): string => c();\n',
        "c.ts": 'import { a } from "./a";\nexport const c = (): string => a();\n',
      }),
    );
    expect(errors).toHaveLength(3);
    for (const error of errors) expect(error).toMatch(/import-x\/no-cycle: Dependency cycle/);
  }, 60_000);

  it("lets a type-only import back pass (it is gone at runtime)", async () => {
    const errors = await cycleErrors(
      fixture("renderer", {
        "first.ts":
          'import { second } from "./second";\nexport interface First { n: number }\nexport const first = (): number => second().n;\n',
        "second.ts": 'import type { First } from "./first";\nexport const second = (): First => ({ n: 1 });\n',
      }),
    );
    expect(errors).toEqual([]);
  }, 60_000);
});
