/**
 * Issue 13 items 2, 3 and 5 through the `margin` command (in-process): verify, merge and report refuse
 * a forged or malformed bundle with one line naming the file and what is wrong, and never crash.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../cli/margin";
import type { CliIo } from "../../../cli/io";
import { writeBundle, type BundleInfo } from "../../../shared/bundle";
import { emptyProjectTables, type ProjectTableName, type ProjectTables } from "../../../shared/model/tables";
import { code, coding, INFO, sampleProject, stamp } from "../shared/bundle/fixtures";

let dir = "";
let key = "";
let recipient = "";

function capture(): CliIo & { outText: () => string; errText: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (l) => out.push(l), err: (l) => err.push(l), outText: () => out.join("\n"), errText: () => err.join("\n") };
}

async function bundle(name: string, tables: ProjectTables, info: BundleInfo = INFO): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, await writeBundle(tables, info, { recipients: [recipient] }));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "margin-cli-valid-"));
  key = path.join(dir, "key.txt");
  const io = capture();
  await main(["keygen", "-o", key], io);
  recipient = io.outText().trim();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("margin verify / merge / report on forged and malformed bundles", () => {
  it("verify refuses a forged transcript, naming the file and the source", async () => {
    const t = structuredClone(sampleProject());
    t.sourceContent[1]!.text = "Forged interview.\nA new line, and “quote”.";
    t.sourceContent[1]!.text = t.sourceContent[1]!.text.padEnd(t.sources[1]!.charCount, "!");
    const file = await bundle("forged.margin", t);
    const io = capture();
    expect(await main(["verify", file, "-i", key], io)).toBe(1);
    expect(io.outText()).toBe("");
    expect(io.errText()).toMatch(
      /invalid-records: “forged\.margin” holds a record Margin cannot use.*text of source “Interview src-2” does not match the source's content hash/,
    );
  });

  it("verify, merge and report refuse malformed records with table, id and field; no raw TypeError", async () => {
    const t = structuredClone(sampleProject()) as unknown as Record<ProjectTableName, Record<string, unknown>[]>;
    t.codes[0]!.name = null;
    t.sources[0]!.caseIds = "case-1";
    const file = await bundle("odd.margin", t as unknown as ProjectTables);
    const good = await bundle("good.margin", sampleProject());
    for (const argv of [
      ["verify", file, "-i", key],
      ["merge", good, file, "--out", path.join(dir, "out.margin"), "-i", key],
      ["report", file, "-i", key, "--kind", "codebook", "--format", "html", "--out", path.join(dir, "r.html")],
    ]) {
      const io = capture();
      expect(await main(argv, io)).not.toBe(0);
      expect(io.errText()).toMatch(
        /“odd\.margin” holds 2 records Margin cannot use, so nothing was imported: sources “src-1”: caseIds is text, not a list of case ids; codes “code-1”: name is null, not text/,
      );
      expect(io.errText()).not.toMatch(/TypeError|is not a function|call stack/);
    }
  });

  it("merge refuses a delta whose codings point at a code neither bundle has", async () => {
    const whole = await bundle("whole.margin", sampleProject());
    const delta = emptyProjectTables();
    delta.codes.push(code("code-9", "Elsewhere", stamp(8)));
    delta.codings.push(coding("cod-9", "src-1", "code-9", 0, 5, stamp(9)), coding("cod-10", "src-1", "code-gone", 0, 5, stamp(9)));
    const file = await bundle("delta.margin", delta, { ...INFO, kind: "delta", since: stamp(5) });
    const io = capture();
    expect(await main(["merge", whole, file, "--out", path.join(dir, "m.margin"), "-i", key], io)).toBe(1);
    expect(io.errText()).toMatch(
      /delta\.margin: holds records that do not fit .*whole\.margin, so nothing was merged: codings “cod-10”: codeId points at code “code-gone”, which is not in the bundle or this project/,
    );
    // Without the dangling coding it merges.
    delta.codings.pop();
    const fine = await bundle("delta2.margin", delta, { ...INFO, kind: "delta", since: stamp(5) });
    expect(await main(["merge", whole, fine, "--out", path.join(dir, "m.margin"), "-i", key], capture())).toBe(0);
  });
});
