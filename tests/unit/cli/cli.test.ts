/**
 * The `margin` CLI: the built file run with node (as a researcher would), and main() in-process with
 * injected output for the merge rules.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../cli/margin";
import type { CliIo } from "../../../cli/io";
import { readBundle, writeBundle } from "../../../shared/bundle";
import { emptyProjectTables } from "../../../shared/model/tables";
import { makeSyntheticInterviewDocx } from "../../fixtures/docx/synthetic";
import { code, coder, coding, INFO, source, stamp } from "../shared/bundle/fixtures";

const root = path.resolve(__dirname, "../../..");
let dir = "";
let cli = "";

function margin(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function capture(): CliIo & { outText: () => string; errText: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (l) => out.push(l), err: (l) => err.push(l), outText: () => out.join("\n"), errText: () => err.join("\n") };
}

function identityOf(file: string): string {
  return (
    readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .find((l) => l.startsWith("AGE-SECRET-KEY-1")) ?? ""
  );
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "margin-cli-"));
  cli = path.join(dir, "margin.mjs");
  execFileSync(process.execPath, [path.join(root, "scripts/build-cli.mjs"), cli], { cwd: root });
  writeFileSync(path.join(dir, "ana.docx"), await makeSyntheticInterviewDocx(11, 800));
  writeFileSync(path.join(dir, "ben.docx"), await makeSyntheticInterviewDocx(12, 600));
  writeFileSync(path.join(dir, "ana-copy.docx"), await makeSyntheticInterviewDocx(11, 800));
  writeFileSync(path.join(dir, "notes.txt"), "Field notes\nWard round at 9.\n");
  writeFileSync(path.join(dir, "pass.txt"), "plum orbit candle seventeen\n");
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("margin (built file run with node)", () => {
  let lead = "";
  let member = "";

  it("keygen writes an age identity file and prints the public key; never overwrites", () => {
    const r = margin("keygen", "-o", "lead.txt");
    expect(r.code).toBe(0);
    lead = r.out.trim();
    expect(lead).toMatch(/^age1[0-9a-z]{58}$/);
    const text = readFileSync(path.join(dir, "lead.txt"), "utf8");
    expect(text).toMatch(
      new RegExp(`^# created: \\d{4}-\\d\\d-\\d\\dT[\\d:]+Z\\n# public key: ${lead}\\nAGE-SECRET-KEY-1[0-9A-Z]{58}\\n$`),
    );
    expect(statSync(path.join(dir, "lead.txt")).mode & 0o077).toBe(0);
    expect(margin("keygen", "-o", "lead.txt").code).not.toBe(0);
    member = margin("keygen", "-o", "member.txt").out.trim();
    margin("keygen", "-o", "stranger.txt");
  }, 120_000);

  it("create imports DOCX and text files into a whole-project bundle for the team; verify and inspect read it", () => {
    const r = margin(
      "create",
      "--name",
      "NHS digital study",
      "--out",
      "start.margin",
      "-r",
      lead,
      "-r",
      member,
      "--coder",
      "Study Lead",
      "ana.docx",
      "ben.docx",
      "ana-copy.docx",
      "notes.txt",
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/created start\.margin: “NHS digital study”, 3 sources/);
    expect(r.err).toMatch(/skipped ana-copy\.docx: the same text as ana\.docx/);
    for (const key of ["lead.txt", "member.txt"]) {
      const v = margin("verify", "start.margin", "-i", key);
      expect(v.code).toBe(0);
      expect(v.out).toMatch(/^ok start\.margin: “NHS digital study”, whole bundle \(format 2\) from Study Lead; 3 sources/);
    }
    const i = margin("inspect", "start.margin", "--identity", "lead.txt");
    expect(i.code).toBe(0);
    const json = JSON.parse(i.out) as {
      manifest: { projectName: string; tables: { sources: { count: number } } };
      counts: Record<string, { live: number }>;
    };
    expect(json.manifest.projectName).toBe("NHS digital study");
    expect(json.manifest.tables.sources.count).toBe(3);
    expect(json.counts.sourceContent?.live).toBe(3);
    expect(json.counts.coders?.live).toBe(1);
  }, 120_000);

  it("a passphrase-locked bundle", () => {
    expect(margin("create", "--name", "P", "--out", "p.margin", "--passphrase-file", "pass.txt", "notes.txt").code).toBe(0);
    expect(margin("verify", "p.margin", "--passphrase-file", "pass.txt").code).toBe(0);
    const r = margin("verify", "p.margin", "-i", "lead.txt");
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/needs-passphrase/);
  }, 120_000);

  it("bad input: one line on stderr and a non-zero exit", () => {
    const cases: [string[], RegExp][] = [
      [["verify", "start.margin", "-i", "stranger.txt"], /wrong-key: “start\.margin” was not locked to your key/],
      [["verify", "missing.margin", "-i", "lead.txt"], /missing\.margin: no such file/],
      [["verify", "ana.docx", "-i", "lead.txt"], /not-a-bundle/],
      [["verify", "start.margin"], /no key given/],
      [["verify", "start.margin", "-i", "notes.txt"], /not an age identity file/],
      [["create", "--name", "X", "--out", "x.margin", "-r", "age1nope", "notes.txt"], /not an age public key/],
      [["create", "--name", "X", "--out", "x.margin", "-r", lead, "pass.txt", "lead.docx"], /lead\.docx: no such file/],
      [["frobnicate"], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const r = margin(...args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.err.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.err).toMatch(message);
    }
    const bytes = readFileSync(path.join(dir, "start.margin"));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x40;
    writeFileSync(path.join(dir, "tampered.margin"), bytes);
    const t = margin("verify", "tampered.margin", "-i", "lead.txt");
    expect(t.code).toBe(1);
    expect(t.err).toMatch(/tampered|truncated/);
    writeFileSync(path.join(dir, "cut.margin"), bytes.subarray(0, 500));
    expect(margin("verify", "cut.margin", "-i", "lead.txt").err).toMatch(/truncated/);
  }, 120_000);
});

describe("margin merge (in-process)", () => {
  async function bundles() {
    // One key for every test here (keygen never overwrites a key file).
    const keyFile = path.join(dir, "merge-key.txt");
    if (!existsSync(keyFile)) await main(["keygen", "-o", keyFile], capture());
    const recipient = /# public key: (age1\w+)/.exec(readFileSync(keyFile, "utf8"))?.[1] ?? "";
    const s = source("s1", "a transcript both coders have, word for word");
    const base = emptyProjectTables();
    base.sources.push(s.source);
    base.sourceContent.push(s.content);
    base.coders.push(coder("coder-a", "Ada"), coder("coder-b", "Ben"));
    base.codes.push(code("c-shared", "Workload", stamp(1)));
    const a = structuredClone(base);
    a.codes.push(code("c-a", "Trust", stamp(2), "coder-a"));
    a.codings.push(coding("k-a", "s1", "c-a", 0, 10, stamp(3), "coder-a"));
    a.codes[0] = { ...a.codes[0]!, name: "Workload (A)", updatedAt: stamp(4, "nodeA"), updatedBy: "coder-a" };
    const b = structuredClone(base);
    b.codes.push(code("c-b", "Trust", stamp(2, "nodeB"), "coder-b"));
    b.codings.push(coding("k-b", "s1", "c-b", 20, 30, stamp(3, "nodeB"), "coder-b"));
    b.codes[0] = { ...b.codes[0]!, name: "Workload (B)", updatedAt: stamp(5, "nodeB"), updatedBy: "coder-b" };
    writeFileSync(path.join(dir, "a.margin"), await writeBundle(a, INFO, { recipients: [recipient] }));
    writeFileSync(
      path.join(dir, "b.margin"),
      await writeBundle(b, { ...INFO, exporter: { coderId: "coder-b", name: "Ben" } }, { recipients: [recipient] }),
    );
    return { key: path.join(dir, "merge-key.txt") };
  }

  it("stops on clashing codes unless told what to do, then merges with the app's rules", async () => {
    const { key } = await bundles();
    const args = (out: string) => [
      "merge",
      path.join(dir, "a.margin"),
      path.join(dir, "b.margin"),
      "--out",
      path.join(dir, out),
      "-i",
      key,
    ];
    const refused = capture();
    expect(await main(args("c.margin"), refused)).toBe(2);
    expect(refused.errText()).toMatch(/1 code\(s\) have the same name.*“Trust”.*--code-clash/);

    const merged = capture();
    expect(await main([...args("c.margin"), "--code-clash", "merge"], merged)).toBe(0);
    expect(merged.errText()).toMatch(/conflict: codes c-shared \(name\) changed in both; kept the later edit, by coder-b/);
    const { tables } = await readBundle(readFileSync(path.join(dir, "c.margin")), { identities: [identityOf("merge-key.txt")] });
    const live = tables.codes
      .filter((c) => !c.deleted)
      .map((c) => c.name)
      .sort();
    expect(live).toEqual(["Trust", "Workload (B)"]);
    const trust = tables.codes.find((c) => c.name === "Trust" && !c.deleted)!;
    expect(
      tables.codings
        .filter((c) => !c.deleted && c.codeId === trust.id)
        .map((c) => c.coderId)
        .sort(),
    ).toEqual(["coder-a", "coder-b"]);

    const kept = capture();
    expect(await main([...args("d.margin"), "--code-clash", "keep-both"], kept)).toBe(0);
    const d = await readBundle(readFileSync(path.join(dir, "d.margin")), { identities: [identityOf("merge-key.txt")] });
    expect(
      d.tables.codes
        .filter((c) => !c.deleted)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["Trust", "Trust (2)", "Workload (B)"]);
  }, 60_000);

  it("a clash resolved on both sides, in either order, converges: one code with every coding, or two codes and never “(3)”", async () => {
    const { key } = await bundles();
    const file = (name: string) => path.join(dir, name);
    const run = async (first: string, second: string, out: string, choice?: "merge" | "keep-both") => {
      const io = capture();
      const code = await main(
        ["merge", file(first), file(second), "--out", file(out), "-i", key, ...(choice ? ["--code-clash", choice] : [])],
        io,
      );
      expect(code, io.errText()).toBe(0);
      return (await readBundle(readFileSync(file(out)), { identities: [identityOf("merge-key.txt")] })).tables;
    };
    const view = (t: Awaited<ReturnType<typeof run>>) => ({
      codes: t.codes
        .filter((c) => !c.deleted)
        .map((c) => `${c.id} ${c.name}`)
        .sort(),
      codings: t.codings
        .filter((k) => !k.deleted)
        .map((k) => `${k.id} ${k.codeId}`)
        .sort(),
    });
    // Ada merges Ben's bundle, Ben merges Ada's, both choosing the same; then their results meet.
    const ab = await run("a.margin", "b.margin", "ab.margin", "merge");
    const ba = await run("b.margin", "a.margin", "ba.margin", "merge");
    expect(view(ab)).toEqual(view(ba));
    const met = await run("ab.margin", "ba.margin", "abba.margin");
    expect(view(met).codes).toEqual(["c-a Trust", "c-shared Workload (B)"]);
    expect(view(met).codings).toEqual(["k-a c-a", "k-b c-a"]);

    await run("a.margin", "b.margin", "ab2.margin", "keep-both");
    await run("b.margin", "a.margin", "ba2.margin", "keep-both");
    const kept = await run("ab2.margin", "ba2.margin", "abba2.margin");
    expect(view(kept).codes).toEqual(["c-a Trust", "c-b Trust (2)", "c-shared Workload (B)"]);
    expect(view(await run("abba2.margin", "ba2.margin", "again.margin")).codes).toEqual(view(kept).codes);
  }, 60_000);

  it("says on stderr when it restored a deleted code that live codings were still on (old data)", async () => {
    const { key } = await bundles();
    const opened = await readBundle(readFileSync(path.join(dir, "a.margin")), { identities: [identityOf("merge-key.txt")] });
    const broken = structuredClone(opened.tables);
    broken.codes = broken.codes.map((c) => (c.id === "c-a" ? { ...c, deleted: true } : c));
    const recipient = /# public key: (age1\w+)/.exec(readFileSync(key, "utf8"))?.[1] ?? "";
    writeFileSync(path.join(dir, "old.margin"), await writeBundle(broken, INFO, { recipients: [recipient] }));
    const io = capture();
    expect(
      await main(
        ["merge", path.join(dir, "old.margin"), path.join(dir, "a.margin"), "--out", path.join(dir, "fixed.margin"), "-i", key],
        io,
      ),
    ).toBe(0);
    expect(io.errText()).toMatch(/repaired: Restored the deleted code “Trust”: 1 live coding was still on it\./);
    const fixed = await readBundle(readFileSync(path.join(dir, "fixed.margin")), { identities: [identityOf("merge-key.txt")] });
    expect(fixed.tables.codes.find((c) => c.id === "c-a")?.deleted).toBe(false);
  }, 60_000);
});
