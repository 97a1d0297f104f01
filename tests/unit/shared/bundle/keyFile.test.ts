import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BundleError, generateIdentity, openKeyFile, readBundle, sealKeyFile, writeBundle } from "../../../../shared/bundle";
import { INFO, sampleProject } from "./fixtures";

const PASS = "plum orbit candle seventeen";
const FAST = { scryptWorkFactor: 10 };

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BundleError) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: "opened", message: "" };
}

describe("a saved copy of my key", () => {
  it("opens with its passphrase to the same key, which opens bundles sent to it", async () => {
    const me = await generateIdentity();
    const file = await sealKeyFile(me.identity, PASS, FAST);
    expect(new TextDecoder().decode(file.subarray(0, 21))).toBe("age-encryption.org/v1");
    // The secret is not in the file in the clear.
    expect(Buffer.from(file).includes(Buffer.from(me.identity))).toBe(false);
    const identity = await openKeyFile(file, PASS, "margin-key.age");
    expect(identity).toBe(me.identity);
    const bundle = await writeBundle(sampleProject(), INFO, { recipients: [me.recipient] });
    expect((await readBundle(bundle, { identities: [identity] })).tables).toEqual(sampleProject());
  });

  it("refuses a wrong passphrase, a file that is not a key, and a short passphrase, naming the file", async () => {
    const me = await generateIdentity();
    const file = await sealKeyFile(me.identity, PASS, FAST);
    const wrong = await codeOf(openKeyFile(file, `${PASS}!`, "margin-key.age"));
    expect(wrong.code).toBe("wrong-passphrase");
    expect(wrong.message).toContain("margin-key.age");
    const docx = new TextEncoder().encode("PK\u0003\u0004 not a key");
    expect((await codeOf(openKeyFile(docx, PASS, "interview.docx"))).message).toMatch(/“interview.docx” is not a saved Margin key/);
    const teamBundle = await writeBundle(sampleProject(), INFO, { recipients: [me.recipient] });
    expect((await codeOf(openKeyFile(teamBundle, PASS, "team.margin"))).message).toMatch(/locked to team members' keys/);
    const passphraseBundle = await writeBundle(sampleProject(), INFO, { passphrase: PASS }, undefined, FAST);
    const notKey = await codeOf(openKeyFile(passphraseBundle, PASS, "shared.margin"));
    expect(notKey.code).toBe("bad-key");
    expect(notKey.message).toContain("does not hold exactly one age secret key");
    expect((await codeOf(sealKeyFile(me.identity, "short", FAST))).code).toBe("bad-key");
    expect((await codeOf(sealKeyFile("AGE-SECRET-KEY-1NOPE", PASS, FAST))).code).toBe("bad-key");
  });

  const haveAge = existsSync("/usr/bin/age") && existsSync("/usr/bin/script");
  if (!haveAge) console.warn("NOTICE: /usr/bin/age or script is not installed: the key file's age CLI check is skipped.");
  it.skipIf(!haveAge)(
    "is a plain age file: `age -d` with the passphrase gives an identity file that `age -d -i` uses",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "margin-keyfile-"));
      try {
        const me = await generateIdentity();
        writeFileSync(path.join(dir, "key.age"), await sealKeyFile(me.identity, PASS));
        // age reads a passphrase only from a terminal: `script` gives it one.
        execFileSync("sh", ["-c", `printf '%s\\n' "$PASS" | script -qec "age -d -o '${dir}/key.txt' '${dir}/key.age'" /dev/null`], {
          env: { ...process.env, PASS },
          stdio: ["ignore", "ignore", "pipe"],
        });
        const text = readFileSync(path.join(dir, "key.txt"), "utf8");
        expect(text).toContain(`# public key: ${me.recipient}`);
        writeFileSync(path.join(dir, "team.margin"), await writeBundle(sampleProject(), INFO, { recipients: [me.recipient] }));
        execFileSync("age", ["-d", "-i", path.join(dir, "key.txt"), "-o", path.join(dir, "team.zip"), path.join(dir, "team.margin")]);
        expect(readFileSync(path.join(dir, "team.zip")).subarray(0, 2).toString()).toBe("PK");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
