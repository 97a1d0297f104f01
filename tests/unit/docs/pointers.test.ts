/**
 * Pointers stay true: every file path docs/architecture.md names exists in the repo, and no code comment
 * names a repo file that does not exist or points at the team kit outside the repo (its DESIGN and TOOLCHAIN
 * notes). A rename that forgets a comment fails here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SOURCE_FOLDERS = ["renderer", "shared", "electron", "cli", "scripts", "tests"];
const ROOT_FILES = ["eslint.config.js", "vite.config.ts", "vitest.config.ts", "playwright.config.ts"];
const CODE_FILE = /\.(ts|tsx|js|mjs|cjs|css)$/;
/** A path-like token naming a file of the kinds the repo holds: `shared/ipc/contract.ts`, `print.css`. */
const FILE_TOKEN = /(?<![\w@/.-])(?:\.{1,2}\/)*[A-Za-z_][\w.-]*(?:\/[\w.-]+)*\.(?:tsx?|css|md|mjs|js)\b/g;
/** Documents of the team kit, which lives outside the repo: the repo's own docs/ replaces them. */
const KIT_DOCS = /(?:^|\/)(?:DESIGN|TOOLCHAIN)\.md$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) out.push(...walk(rel));
    } else out.push(rel);
  }
  return out;
}

const repoFiles = [...SOURCE_FOLDERS.flatMap(walk), ...walk("docs"), ...ROOT_FILES, "README.md"];
const baseNames = new Set(repoFiles.map((file) => path.basename(file)));

/** The text of every comment in a TypeScript/JavaScript or CSS file (strings and regexes are not comments). */
function commentsOf(file: string, text: string): string[] {
  if (file.endsWith(".css")) return [...text.matchAll(/\/\*[\s\S]*?\*\//g)].map((match) => match[0]);
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : file.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const seen = new Map<number, string>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) seen.set(range.pos, text.slice(range.pos, range.end));
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    // JSX text can hold `{/* ... */}` only inside expressions, which are nodes, so children cover it.
    node.forEachChild(visit);
  };
  collect(ts.getLeadingCommentRanges(text, 0));
  visit(source);
  collect(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
  return [...seen.values()];
}

/** Whether a path named in `fromFile` (a comment) or in a doc exists: from the repo root, from the file's folder, or as a unique file name. */
function pointsAtRepoFile(token: string, fromFile: string): boolean {
  const candidates = [path.join(repoRoot, token), path.join(repoRoot, path.dirname(fromFile), token)];
  if (candidates.some((candidate) => existsSync(candidate))) return true;
  // A bare file name ("contract.ts") names a file anywhere in the repo; a path must resolve.
  return !token.includes("/") && baseNames.has(token);
}

/** The file paths a text names, leaving out URLs, installed packages and build output, which are not repo files. */
function namedFiles(text: string): string[] {
  const named: string[] = [];
  for (const match of text.matchAll(FILE_TOKEN)) {
    const before = text.slice(Math.max(0, (match.index ?? 0) - 12), match.index);
    if (/[a-z]+:\/\/\S*$/i.test(before) || /^(?:node_modules|dist(?:-[\w]+)?)\//.test(match[0])) continue;
    named.push(match[0]);
  }
  return named;
}

function brokenPointers(fromFile: string, text: string): string[] {
  const broken: string[] = [];
  for (const token of namedFiles(text)) {
    if (KIT_DOCS.test(token) || token.startsWith("../shared/")) broken.push(`${token} (the team kit, outside the repo)`);
    else if (!pointsAtRepoFile(token, fromFile)) broken.push(token);
  }
  return broken;
}

describe("pointers into the repo", () => {
  it("every file path named in docs/architecture.md exists", () => {
    const doc = "docs/architecture.md";
    const text = readFileSync(path.join(repoRoot, doc), "utf8");
    expect(namedFiles(text).length).toBeGreaterThan(50);
    expect(brokenPointers(doc, text)).toEqual([]);
  });

  it("no code comment names a repo file that does not exist, or the team kit's documents", () => {
    const broken: string[] = [];
    const codeFiles = repoFiles.filter((file) => CODE_FILE.test(file) && !file.startsWith("tests/fixtures/"));
    expect(codeFiles.length).toBeGreaterThan(300);
    for (const file of codeFiles) {
      const text = readFileSync(path.join(repoRoot, file), "utf8");
      // Comments are part of the text: a file whose whole text names no broken pointer needs no parsing.
      if (brokenPointers(file, text).length === 0) continue;
      for (const comment of commentsOf(file, text)) {
        for (const pointer of brokenPointers(file, comment)) broken.push(`${file}: ${pointer}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the scanner finds comments and broken pointers, and leaves strings alone", () => {
    const code = [
      "// see shared/nowhere/missing.ts",
      'const s = "shared/nowhere/in-a-string.ts";',
      "/** Handled in electron/ipc/registerHandlers.ts, see ../shared/DESIGN.md. */",
      "export const x = s;",
    ].join("\n");
    const comments = commentsOf("shared/example.ts", code);
    expect(comments).toHaveLength(2);
    expect(comments.flatMap((comment) => brokenPointers("shared/example.ts", comment))).toEqual([
      "shared/nowhere/missing.ts",
      "../shared/DESIGN.md (the team kit, outside the repo)",
    ]);
    expect(brokenPointers("renderer/reports/print.css", "/* the rules PageRules.tsx writes */")).toEqual(["PageRules.tsx"]);
  });
});
