import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { Encrypter } from "age-encryption";
import { strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BUNDLE_FORMAT_VERSION,
  BundleError,
  bundleFromZip,
  generateIdentity,
  lockKind,
  readBundle,
  writeBundle,
  type BundleErrorCode,
  type BundleKey,
  type KeyPair,
} from "../../../../shared/bundle";
import { tablesOfVersion } from "../../../../shared/bundle/migrate";
import { PROJECT_TABLE_NAMES, type ProjectTables } from "../../../../shared/model/tables";
import { makeSyntheticInterviewDocx, rng } from "../../../fixtures/docx/synthetic";
import { INFO, sampleProject, source } from "./fixtures";

const FAST = { scryptWorkFactor: 10 };

async function expectCode(p: Promise<unknown>, code: BundleErrorCode): Promise<BundleError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected BundleError ${code}`).toBeInstanceOf(BundleError);
  expect((error as BundleError).code).toBe(code);
  return error as BundleError;
}

/** A project whose zip is several age chunks (64 KiB) long: text that deflate cannot shrink much. */
function bigProject(): ProjectTables {
  const t = sampleProject();
  const random = rng(42);
  let text = "";
  while (text.length < 400_000) text += String.fromCharCode(97 + Math.floor(random() * 26)) + (random() < 0.15 ? " " : "");
  const big = source("src-big", text);
  t.sources.push(big.source);
  t.sourceContent.push(big.content);
  return t;
}

let me: KeyPair;
let other: KeyPair;
let stranger: KeyPair;
let sealed: Uint8Array;
let bigSealed: Uint8Array;

beforeAll(async () => {
  [me, other, stranger] = await Promise.all([generateIdentity(), generateIdentity(), generateIdentity()]);
  sealed = await writeBundle(sampleProject(), INFO, { recipients: [me.recipient, other.recipient] });
  bigSealed = await writeBundle(bigProject(), INFO, { recipients: [me.recipient] });
});

describe("writeBundle / readBundle", () => {
  it("round-trips every table exactly, tombstones and Unicode included, for every recipient", async () => {
    for (const keys of [me, other]) {
      const { manifest, tables } = await readBundle(sealed, { identities: [keys.identity] }, { fileName: "team.margin" });
      expect(tables).toEqual(sampleProject());
      expect(manifest).toMatchObject({
        format: "margin-bundle",
        formatVersion: BUNDLE_FORMAT_VERSION,
        projectId: "proj-1",
        projectName: "Digital health evaluation",
        exporter: { coderId: "coder-a", name: "Ada" },
        createdAt: "2026-11-26T12:00:00.000Z",
        kind: "whole",
        since: null,
      });
      expect(manifest.tables.codings).toMatchObject({ file: "tables/codings.ndjson", count: 3 });
      expect(manifest.hlc.from! <= manifest.hlc.to!).toBe(true);
    }
  });

  it("reports progress while packing and unpacking", async () => {
    const packing: number[] = [];
    const bytes = await writeBundle(bigProject(), INFO, { recipients: [me.recipient] }, (p) => packing.push(p.done));
    expect(packing.length).toBeGreaterThan(1);
    expect(packing.at(-1)).toBe(PROJECT_TABLE_NAMES.reduce((n, t) => n + bigProject()[t].length, 0));
    const unpacking: number[] = [];
    await readBundle(bytes, { identities: [me.identity] }, { onProgress: (p) => unpacking.push(p.done) });
    expect(unpacking.length).toBeGreaterThan(1);
    expect(unpacking).toEqual([...unpacking].sort((a, b) => a - b));
  });

  it("round-trips a large source spread over many age chunks", async () => {
    const { tables } = await readBundle(bigSealed, { identities: [me.identity] });
    expect(tables.sourceContent.find((c) => c.id === "src-big")?.text).toBe(
      bigProject().sourceContent.find((c) => c.id === "src-big")?.text,
    );
    expect(bigSealed.length).toBeGreaterThan(4 * 65_552);
  });

  it("locks to a passphrase of at least 12 characters", async () => {
    const bytes = await writeBundle(sampleProject(), INFO, { passphrase: "correct horse battery" }, undefined, FAST);
    expect(lockKind(bytes)).toBe("passphrase");
    expect(lockKind(sealed)).toBe("recipients");
    expect(lockKind(strToU8("hello"))).toBe("not-age");
    const { tables } = await readBundle(bytes, { passphrase: "correct horse battery" });
    expect(tables).toEqual(sampleProject());
    await expectCode(writeBundle(sampleProject(), INFO, { passphrase: "short" }), "bad-key");
    await expectCode(writeBundle(sampleProject(), INFO, { recipients: ["age1notakey"] }), "bad-key");
    await expectCode(writeBundle(sampleProject(), INFO, { recipients: [] }), "bad-key");
  });
});

describe("readBundle refuses bad input with a clear message", () => {
  it("not a bundle: a Word document, random bytes, a plain zip, an age file of something else", async () => {
    const docx = await makeSyntheticInterviewDocx(1, 200);
    const e = await expectCode(readBundle(docx, { identities: [me.identity] }, { fileName: "interview.docx" }), "not-a-bundle");
    expect(e.message).toContain("“interview.docx”");
    expect(e.message).toMatch(/zip/);
    const random = rng(7);
    const noise = Uint8Array.from({ length: 5000 }, () => Math.floor(random() * 256));
    await expectCode(readBundle(noise, { identities: [me.identity] }), "not-a-bundle");
    const notMargin = new Encrypter();
    notMargin.addRecipient(me.recipient);
    const ageOfText = await notMargin.encrypt("just some text, not a zip");
    await expectCode(readBundle(ageOfText, { identities: [me.identity] }, { fileName: "notes.age" }), "not-a-bundle");
    await expectCode(bundleFromZip(docx, { fileName: "interview.docx" }), "not-a-bundle");
  });

  it("needs a passphrase / needs an identity / wrong key / wrong passphrase", async () => {
    const locked = await writeBundle(sampleProject(), INFO, { passphrase: "correct horse battery" }, undefined, FAST);
    await expectCode(readBundle(locked, { identities: [me.identity] }), "needs-passphrase");
    await expectCode(readBundle(sealed, { passphrase: "correct horse battery" }), "needs-identity");
    const wrong = await expectCode(readBundle(sealed, { identities: [stranger.identity] }, { fileName: "team.margin" }), "wrong-key");
    expect(wrong.message).toContain("“team.margin”");
    expect(wrong.fileName).toBe("team.margin");
    await expectCode(readBundle(locked, { passphrase: "correct horse battery!" }), "wrong-passphrase");
    await expectCode(readBundle(sealed, { identities: ["AGE-SECRET-KEY-1NOPE"] }), "bad-key");
  });

  it("truncated: cut anywhere, including at a chunk boundary and inside the header", async () => {
    const key: BundleKey = { identities: [me.identity] };
    const head = new TextDecoder().decode(bigSealed.subarray(0, 2000));
    const headerSize = head.indexOf("\n", head.indexOf("\n---") + 1) + 1;
    const cuts = [0, 5, 30, headerSize - 20, headerSize + 10, bigSealed.length - 1];
    for (let i = 1; i < 12; i++) cuts.push(Math.floor((bigSealed.length * i) / 12));
    // Exactly at the end of a full chunk: every chunk before decrypts, the rest is missing.
    for (let at = headerSize + 16 + 65_552; at < bigSealed.length; at += 65_552) cuts.push(at);
    expect(cuts.length).toBeGreaterThan(20);
    for (const cut of cuts) {
      const e = await expectCode(readBundle(bigSealed.subarray(0, cut), key, { fileName: "cut.margin" }), "truncated");
      expect(e.message).toContain("“cut.margin”");
    }
  });

  it("tampered: one byte changed in the middle of the payload, or anywhere at all", async () => {
    const key: BundleKey = { identities: [me.identity] };
    const flip = (bytes: Uint8Array, at: number) => {
      const copy = bytes.slice();
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    };
    await expectCode(readBundle(flip(bigSealed, Math.floor(bigSealed.length / 2)), key), "tampered");
    await expectCode(readBundle(flip(bigSealed, 400), key), "tampered");
    // Anywhere: a sample of positions through header and payload; never accepted, always a BundleError.
    const random = rng(3);
    const positions = [0, 1, 10, 25, 60, 100, 150, 200, bigSealed.length - 1, bigSealed.length - 17];
    for (let i = 0; i < 40; i++) positions.push(Math.floor(random() * bigSealed.length));
    for (const at of positions) {
      const error = await readBundle(flip(bigSealed, at), key).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `byte ${at}`).toBeInstanceOf(BundleError);
    }
  });

  it("tampered: a table changed inside a plain zip is caught by its SHA-256", async () => {
    const zip = await decryptToZip(sealed, me.identity);
    const files = unzipSync(zip);
    const codes = new TextDecoder().decode(files["tables/codes.ndjson"]);
    files["tables/codes.ndjson"] = strToU8(codes.replace("Coordination", "Coordinatiom"));
    const changed = zipSync(files);
    const e = await expectCode(bundleFromZip(changed, { fileName: "team.zip" }), "tampered");
    expect(e.message).toMatch(/codes\.ndjson/);
    // The same zip re-encrypted by someone with a key: age is happy, the hash is not.
    const enc = new Encrypter();
    enc.addRecipient(me.recipient);
    await expectCode(readBundle(await enc.encrypt(changed), { identities: [me.identity] }), "tampered");
    // Records added with a fixed-up hash but the old count.
    const extra = codes + codes.split("\n")[0] + "\n";
    files["tables/codes.ndjson"] = strToU8(extra);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as { tables: Record<string, { sha256: string }> };
    manifest.tables.codes!.sha256 = bytesToHex(sha256(strToU8(extra)));
    files["manifest.json"] = strToU8(JSON.stringify(manifest));
    await expectCode(bundleFromZip(zipSync(files)), "tampered");
  });

  it("a newer format version is refused; a bad manifest is named as such", async () => {
    const files = unzipSync(await decryptToZip(sealed, me.identity));
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as Record<string, unknown>;
    files["manifest.json"] = strToU8(JSON.stringify({ ...manifest, formatVersion: BUNDLE_FORMAT_VERSION + 1 }));
    const e = await expectCode(bundleFromZip(zipSync(files), { fileName: "future.margin" }), "newer-version");
    expect(e.message).toMatch(/newer version of Margin/);
    files["manifest.json"] = strToU8("{ not json");
    await expectCode(bundleFromZip(zipSync(files)), "bad-manifest");
    files["manifest.json"] = strToU8(JSON.stringify({ ...manifest, projectId: 42 }));
    await expectCode(bundleFromZip(zipSync(files)), "bad-manifest");
    files["manifest.json"] = strToU8(JSON.stringify({ ...manifest, format: "something-else" }));
    await expectCode(bundleFromZip(zipSync(files)), "not-a-bundle");
  });

  it("migrates an older format (v0 draft: `version`, `exportedBy`, records without `deleted`)", async () => {
    const t = sampleProject();
    const files: Record<string, Uint8Array> = {};
    const tables: Record<string, { file: string; count: number; sha256: string }> = {};
    for (const name of tablesOfVersion(0)) {
      const rows = (t[name] as unknown as Record<string, unknown>[]).map((r) => {
        const { deleted: _deleted, ...rest } = r;
        return name === "sourceContent" ? r : rest;
      });
      const text = rows.map((r) => JSON.stringify(r) + "\n").join("");
      const file = `tables/${name}.ndjson`;
      files[file] = strToU8(text);
      tables[name] = { file, count: rows.length, sha256: bytesToHex(sha256(strToU8(text))) };
    }
    files["manifest.json"] = strToU8(
      JSON.stringify({
        format: "margin-bundle",
        version: 0,
        projectId: "p0",
        projectName: "Old",
        exportedBy: { id: "coder-a", name: "Ada" },
        createdAt: "2026-01-01T00:00:00Z",
        tables,
      }),
    );
    const { manifest, tables: out } = await bundleFromZip(zipSync(files));
    expect(manifest).toMatchObject({ formatVersion: 2, exporter: { coderId: "coder-a", name: "Ada" }, kind: "whole", since: null });
    expect(out.savedSearches).toEqual([]);
    expect(out.codings.every((c) => c.deleted === false)).toBe(true);
    expect(out.codes.map((c) => c.name)).toEqual(["Coordination", "Handover"]);
  });
});

async function decryptToZip(bytes: Uint8Array, identity: string): Promise<Uint8Array> {
  const { Decrypter } = await import("age-encryption");
  const d = new Decrypter();
  d.addIdentity(identity);
  return d.decrypt(bytes);
}
