/**
 * `margin verify` and `margin merge` say who signed a bundle (cli/signer.ts): a bad signature is refused,
 * a forged exporter is warned about, `--signer` refuses any other signer, and what `merge` writes is
 * signed with the --identity that ran it. Bundles are generated here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Decrypter, Encrypter } from "age-encryption";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli";
import { fingerprint, generateIdentity, readBundle, SIGNATURE_FILE, writeBundle, type KeyPair } from "../../../shared/bundle";
import { emptyProjectTables } from "../../../shared/model/tables";
import { coder, code, INFO, source } from "../shared/bundle/fixtures";

let dir = "";
let amira: KeyPair;
let ben: KeyPair;
let me: KeyPair;
const file = (name: string) => path.join(dir, name);

const run = runCli;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "margin-cli-sig-"));
  [amira, ben, me] = await Promise.all([generateIdentity(), generateIdentity(), generateIdentity()]);
  writeFileSync(file("me.txt"), `${me.identity}\n`, { mode: 0o600 });
  const t = emptyProjectTables();
  const s = source("s1", "a transcript");
  t.sources.push(s.source);
  t.sourceContent.push(s.content);
  t.coders.push(
    { ...coder("coder-a", "Amira Patel"), publicKey: amira.recipient },
    { ...coder("coder-b", "Ben Jones"), publicKey: ben.recipient },
  );
  t.codes.push(code("c1", "Trust"));
  const fromAmira = { ...INFO, exporter: { coderId: "coder-a", name: "Amira Patel" } };
  const lock = { recipients: [me.recipient] };
  writeFileSync(file("amira.margin"), await writeBundle(t, fromAmira, lock, undefined, { signWith: amira.identity }));
  writeFileSync(file("forged.margin"), await writeBundle(t, fromAmira, lock, undefined, { signWith: ben.identity }));
  writeFileSync(file("unsigned.margin"), await writeBundle(t, fromAmira, lock));
  // Amira's bundle with her name changed in the manifest, re-encrypted to me: the signature no longer matches.
  const d = new Decrypter();
  d.addIdentity(me.identity);
  const files = unzipSync(await d.decrypt(readFileSync(file("amira.margin"))));
  expect(files[SIGNATURE_FILE]).toBeDefined();
  files["manifest.json"] = strToU8(
    new TextDecoder().decode(files["manifest.json"]).replace('"name": "Amira Patel"', '"name": "Ben Jones"'),
  );
  const e = new Encrypter();
  e.addRecipient(me.recipient);
  writeFileSync(file("resigned.margin"), await e.encrypt(zipSync(files)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("margin verify / merge: who signed the bundle", () => {
  it("verify prints the signer and fingerprint, warns on a forged exporter or no signature, refuses a bad signature", async () => {
    const ok = await run("verify", file("amira.margin"), "-i", file("me.txt"));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(
      `amira.margin: signed by ${amira.recipient} (fingerprint ${fingerprint(amira.recipient)}); it says it is from Amira Patel, whose coder row carries this key`,
    );

    const forged = await run("verify", file("forged.margin"), "-i", file("me.txt"));
    expect(forged.out).toContain(`signed by ${ben.recipient}`);
    expect(forged.out).toMatch(/warning: it says it is from Amira Patel, whose coder row carries another key/);

    const unsigned = await run("verify", file("unsigned.margin"), "-i", file("me.txt"));
    expect(unsigned.out).toContain("unsigned.margin: not signed: anyone with a team key could have made it");

    const bad = await run("verify", file("resigned.margin"), "-i", file("me.txt"));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/tampered: “resigned\.margin” has a signature that does not match its contents/);
  });

  it("--signer pins the keys trusted to have signed: any other signer, or none, is refused", async () => {
    expect((await run("verify", file("amira.margin"), "-i", file("me.txt"), "--signer", amira.recipient)).code).toBe(0);
    const forged = await run("verify", file("forged.margin"), "-i", file("me.txt"), "--signer", amira.recipient);
    expect(forged.code).toBe(3);
    expect(forged.err).toMatch(/forged\.margin: is signed by age1.*which is not a --signer key; refusing it/);
    expect((await run("verify", file("unsigned.margin"), "-i", file("me.txt"), "--signer", amira.recipient)).code).toBe(3);
    expect((await run("verify", file("amira.margin"), "-i", file("me.txt"), "--signer", "age1nope")).err).toMatch(/not an age public key/);
  });

  it("merge prints each bundle's signer, refuses a bad signature, and signs what it writes with --identity", async () => {
    const merged = await run("merge", file("amira.margin"), file("forged.margin"), "--out", file("out.margin"), "-i", file("me.txt"));
    expect(merged.code).toBe(0);
    expect(merged.err).toMatch(/note: .*amira\.margin: signed by age1/);
    expect(merged.err).toMatch(/warning: .*forged\.margin: signed by age1.*whose coder row carries another key/);
    const out = await readBundle(readFileSync(file("out.margin")), { identities: [me.identity] });
    expect(out.signature?.signer).toBe(me.recipient);

    const bad = await run("merge", file("amira.margin"), file("resigned.margin"), "--out", file("out2.margin"), "-i", file("me.txt"));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/tampered/);
    const pinned = await run(
      "merge",
      file("amira.margin"),
      file("forged.margin"),
      "--out",
      file("out3.margin"),
      "-i",
      file("me.txt"),
      "--signer",
      amira.recipient,
    );
    expect(pinned.code).toBe(3);
  });
});
