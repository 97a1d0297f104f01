/**
 * Issue 13 item 9: CLI outputs never overwrite one of the command's own inputs (the --identity key
 * above all), are written owner-only (0600), and go through an exclusively created temporary file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../cli/margin";
import type { CliIo } from "../../../cli/io";
import { writeOutputFile } from "../../../cli/output";
import { generateIdentity, writeBundle } from "../../../shared/bundle";
import { INFO, sampleProject } from "../shared/bundle/fixtures";

let dir = "";
let keyText = "";
const file = (name: string) => path.join(dir, name);
const run = async (...args: string[]) => {
  const err: string[] = [];
  const io: CliIo = { out: () => undefined, err: (l) => err.push(l) };
  const code = await main(args, io);
  return { code, err: err.join("\n") };
};
const modeOf = (name: string) => statSync(file(name)).mode & 0o777;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "margin-cli-out-"));
  const id = await generateIdentity();
  keyText = `# public key: ${id.recipient}\n${id.identity}\n`;
  writeFileSync(file("key.txt"), keyText, { mode: 0o600 });
  symlinkSync(file("key.txt"), file("key-link.txt"));
  writeFileSync(file("pass.txt"), "plum orbit candle seventeen\n");
  writeFileSync(file("notes.txt"), "Field notes\nWard round at 9.\n");
  writeFileSync(file("p.margin"), await writeBundle(sampleProject(), INFO, { recipients: [id.recipient] }));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--out is never one of the command's inputs", () => {
  const bundleBytes = () => readFileSync(file("p.margin"));

  it.each([
    [
      "create over its --identity",
      () => ["create", "--name", "X", "--out", file("key.txt"), "--identity", file("key.txt"), file("notes.txt")],
    ],
    [
      "create over its --identity through a symlink",
      () => ["create", "--name", "X", "--out", file("key-link.txt"), "--identity", file("key.txt"), file("notes.txt")],
    ],
    [
      "create over a source file",
      () => ["create", "--name", "X", "--out", file("notes.txt"), "--passphrase-file", file("pass.txt"), file("notes.txt")],
    ],
    [
      "create over its --passphrase-file",
      () => ["create", "--name", "X", "--out", file("pass.txt"), "--passphrase-file", file("pass.txt"), file("notes.txt")],
    ],
    ["export-qdpx over its --identity", () => ["export-qdpx", file("p.margin"), "-i", file("key.txt"), "--out", file("key.txt")]],
    ["export-qdc over its input bundle", () => ["export-qdc", file("p.margin"), "-i", file("key.txt"), "--out", file("p.margin")]],
    [
      "report over its --identity",
      () => [
        "report",
        file("p.margin"),
        "-i",
        file("key.txt"),
        "--kind",
        "codebook",
        "--format",
        "html",
        "--out",
        path.join(dir, ".", "key.txt"),
      ],
    ],
    [
      "merge over its first bundle",
      () => ["merge", file("p.margin"), file("p.margin"), "-i", file("key.txt"), "--out", file("p.margin"), "--code-clash", "merge"],
    ],
    ["import-qdpx over its --identity", () => ["import-qdpx", file("notes.txt"), "-i", file("key.txt"), "--out", file("key.txt")]],
  ])(
    "refuses %s, naming both, and changes nothing",
    async (_what, args) => {
      const before = bundleBytes();
      const r = await run(...args());
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/this is also an input of the command/);
      expect(readFileSync(file("key.txt"), "utf8")).toBe(keyText);
      expect(readFileSync(file("pass.txt"), "utf8")).toBe("plum orbit candle seventeen\n");
      expect(readFileSync(file("notes.txt"), "utf8")).toBe("Field notes\nWard round at 9.\n");
      expect(bundleBytes().equals(before)).toBe(true);
    },
    60_000,
  );
});

describe("output files are readable by their owner only", () => {
  it.each([
    [
      "create (bundle)",
      "new.margin",
      () => ["create", "--name", "X", "--out", file("new.margin"), "--passphrase-file", file("pass.txt"), file("notes.txt")],
    ],
    ["export-qdpx", "p.qdpx", () => ["export-qdpx", file("p.margin"), "-i", file("key.txt"), "--out", file("p.qdpx")]],
    ["export-qdc (codebook)", "p.qdc", () => ["export-qdc", file("p.margin"), "-i", file("key.txt"), "--out", file("p.qdc")]],
    [
      "report",
      "cb.html",
      () => ["report", file("p.margin"), "-i", file("key.txt"), "--kind", "codebook", "--format", "html", "--out", file("cb.html")],
    ],
  ])(
    "%s is written 0600",
    async (_what, name, args) => {
      const r = await run(...args());
      expect(r.code, r.err).toBe(0);
      expect(modeOf(name)).toBe(0o600);
    },
    60_000,
  );

  it("an existing world-readable file is replaced by an owner-only one, and no temporary file is left", async () => {
    writeFileSync(file("old.csv"), "old", { mode: 0o644 });
    await writeOutputFile(file("old.csv"), new TextEncoder().encode("new"));
    expect(readFileSync(file("old.csv"), "utf8")).toBe("new");
    expect(modeOf("old.csv")).toBe(0o600);
    expect(readdirSync(dir).filter((n) => n.includes(".part-"))).toEqual([]);
  });

  it("an output over a symlink replaces the link, never writes through it", async () => {
    writeFileSync(file("target.txt"), "keep me");
    symlinkSync(file("target.txt"), file("out-link.csv"));
    await writeOutputFile(file("out-link.csv"), new TextEncoder().encode("report"));
    expect(readFileSync(file("target.txt"), "utf8")).toBe("keep me");
    expect(readFileSync(file("out-link.csv"), "utf8")).toBe("report");
  });

  it("a write that fails names the file and leaves no temporary file", async () => {
    await expect(writeOutputFile(path.join(dir, "no-such-folder", "x.margin"), new Uint8Array([1]))).rejects.toThrow(
      /no-such-folder\/x\.margin: cannot be written \(ENOENT\)/,
    );
    expect(readdirSync(dir).filter((n) => n.includes(".part-"))).toEqual([]);
  });
});
