/**
 * Interop with the real `age` CLI (Debian package `age`): what Margin writes, age reads, and the
 * other way round. Skipped with a notice when /usr/bin/age is absent.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIdentity, readBundle, writeBundle, type KeyPair } from "../../../../shared/bundle";
import { INFO, sampleProject } from "./fixtures";

const AGE = "/usr/bin/age";
const haveAge = existsSync(AGE);
const haveZip = existsSync("/usr/bin/zip") && existsSync("/usr/bin/unzip");
if (!haveAge) console.warn("NOTICE: /usr/bin/age is not installed: age CLI interop tests are skipped (apt-get install age).");

const PASS = "plum orbit candle seventeen";
let dir = "";
let me: KeyPair;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "margin-age-"));
  me = await generateIdentity();
  writeFileSync(path.join(dir, "key.txt"), `# created: 2026-11-26T12:00:00Z\n# public key: ${me.recipient}\n${me.identity}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!haveAge)("age CLI interop", () => {
  it("a bundle made by Margin decrypts with `age -d -i` to a zip with the documented layout", async () => {
    const bundle = await writeBundle(sampleProject(), INFO, { recipients: [me.recipient] });
    writeFileSync(path.join(dir, "team.margin"), bundle);
    execFileSync(AGE, ["-d", "-i", path.join(dir, "key.txt"), "-o", path.join(dir, "team.zip"), path.join(dir, "team.margin")]);
    const zip = readFileSync(path.join(dir, "team.zip"));
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(
      [
        "manifest.json",
        ...[
          "attributes",
          "casePassages",
          "cases",
          "codes",
          "coders",
          "codings",
          "memos",
          "savedSearches",
          "sourceContent",
          "sources",
          "speakers",
        ].map((t) => `tables/${t}.ndjson`),
      ].sort(),
    );
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as {
      tables: Record<string, { file: string; count: number; sha256: string }>;
    };
    for (const entry of Object.values(manifest.tables)) {
      const body = files[entry.file]!;
      expect(bytesToHex(sha256(body))).toBe(entry.sha256);
      expect(new TextDecoder().decode(body).split("\n").filter(Boolean)).toHaveLength(entry.count);
    }
    if (haveZip) {
      const listing = execFileSync("unzip", ["-l", path.join(dir, "team.zip")], { encoding: "utf8" });
      expect(listing).toContain("manifest.json");
      expect(listing).toContain("tables/codings.ndjson");
      // unzip -t checks every CRC: fflate's streaming zip is a standard zip.
      expect(execFileSync("unzip", ["-t", path.join(dir, "team.zip")], { encoding: "utf8" })).toMatch(/No errors detected/);
    }
  });

  it.skipIf(!haveZip)("a zip made by `zip` and encrypted by `age -r` to my key imports", async () => {
    const bundle = await writeBundle(sampleProject(), INFO, { recipients: [me.recipient] });
    writeFileSync(path.join(dir, "b.margin"), bundle);
    const out = path.join(dir, "unpacked");
    execFileSync(AGE, ["-d", "-i", path.join(dir, "key.txt"), "-o", path.join(dir, "b.zip"), path.join(dir, "b.margin")]);
    execFileSync("unzip", ["-q", "-o", path.join(dir, "b.zip"), "-d", out]);
    execFileSync("zip", ["-q", "-r", path.join(dir, "rezipped.zip"), "manifest.json", "tables"], { cwd: out });
    execFileSync(AGE, ["-r", me.recipient, "-o", path.join(dir, "cli.margin"), path.join(dir, "rezipped.zip")]);
    const { tables, manifest } = await readBundle(
      readFileSync(path.join(dir, "cli.margin")),
      { identities: [me.identity] },
      { fileName: "cli.margin" },
    );
    expect(tables).toEqual(sampleProject());
    expect(manifest.projectName).toBe(INFO.projectName);
    // And ASCII-armoured (`age -a`).
    execFileSync(AGE, ["-a", "-r", me.recipient, "-o", path.join(dir, "cli.margin.asc"), path.join(dir, "rezipped.zip")]);
    const armoured = await readBundle(readFileSync(path.join(dir, "cli.margin.asc")), { identities: [me.identity] });
    expect(armoured.tables).toEqual(sampleProject());
  });

  it("a passphrase bundle made by Margin decrypts with `age -d` and the passphrase", async () => {
    const bundle = await writeBundle(sampleProject(), INFO, { passphrase: PASS });
    writeFileSync(path.join(dir, "p.margin"), bundle);
    // age reads a passphrase only from a terminal: `script` gives it one.
    execFileSync("sh", ["-c", `printf '%s\\n' "$PASS" | script -qec "age -d -o '${dir}/p.zip' '${dir}/p.margin'" /dev/null`], {
      env: { ...process.env, PASS },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const files = unzipSync(readFileSync(path.join(dir, "p.zip")));
    expect(files["manifest.json"]).toBeDefined();
  }, 60_000);

  it("a zip encrypted by `age -p` with a passphrase imports", async () => {
    const bundle = await writeBundle(sampleProject(), INFO, { recipients: [me.recipient] });
    writeFileSync(path.join(dir, "q.margin"), bundle);
    execFileSync(AGE, ["-d", "-i", path.join(dir, "key.txt"), "-o", path.join(dir, "q.zip"), path.join(dir, "q.margin")]);
    execFileSync("sh", ["-c", `printf '%s\\n%s\\n' "$PASS" "$PASS" | script -qec "age -p -o '${dir}/q.age' '${dir}/q.zip'" /dev/null`], {
      env: { ...process.env, PASS },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const { tables } = await readBundle(readFileSync(path.join(dir, "q.age")), { passphrase: PASS });
    expect(tables).toEqual(sampleProject());
  }, 60_000);
});
