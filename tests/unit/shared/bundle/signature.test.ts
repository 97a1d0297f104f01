/**
 * Bundle signatures (shared/bundle/signature.ts): the exporter's age key signs the manifest; a signature
 * that does not match, or a signature file in any other shape, is refused naming the file; an unsigned
 * (older) bundle still opens. The damaged signatures are generated here, not stored as blobs.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { Decrypter } from "age-encryption";
import { strToU8, unzipSync, zipSync, type Unzipped } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BundleError,
  bundleFromZip,
  fingerprint,
  generateIdentity,
  readBundle,
  SIGNATURE_ALG,
  SIGNATURE_FILE,
  writeBundle,
  type KeyPair,
} from "../../../../shared/bundle";
import { edwardsKeyOf, signWithAgeKey, verifyWithAgeKey } from "../../../../shared/bundle/signature";
import { INFO, sampleProject } from "./fixtures";

const AMIRA_INFO = { ...INFO, exporter: { coderId: "coder-a", name: "Amira Patel" } };

let amira: KeyPair;
let ben: KeyPair;
let signedZip: Unzipped;

async function zipOf(bytes: Uint8Array, identity: string): Promise<Uint8Array> {
  const d = new Decrypter();
  d.addIdentity(identity);
  return d.decrypt(bytes);
}

async function refusal(zip: Uint8Array, fileName = "from-amira.margin"): Promise<BundleError> {
  const error = await bundleFromZip(zip, { fileName }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  expect((error as BundleError).code).toBe("tampered");
  expect((error as BundleError).message).toContain(`“${fileName}”`);
  return error as BundleError;
}

function withFiles(changes: Record<string, Uint8Array<ArrayBuffer> | null>): Uint8Array {
  const files: Unzipped = { ...signedZip };
  for (const [name, bytes] of Object.entries(changes)) {
    if (bytes === null) delete files[name];
    else files[name] = bytes;
  }
  return zipSync(files);
}

function signatureJson(): { alg: string; signer: string; signature: string } {
  return JSON.parse(new TextDecoder().decode(signedZip[SIGNATURE_FILE])) as { alg: string; signer: string; signature: string };
}

beforeAll(async () => {
  amira = await generateIdentity();
  ben = await generateIdentity();
  const bytes = await writeBundle(sampleProject(), AMIRA_INFO, { recipients: [amira.recipient, ben.recipient] }, undefined, {
    signWith: amira.identity,
  });
  signedZip = unzipSync(await zipOf(bytes, ben.identity));
});

describe("bundle signatures", () => {
  it("a bundle signed with the exporter's key opens with the signer and the Team screen's fingerprint", async () => {
    const bytes = await writeBundle(sampleProject(), AMIRA_INFO, { recipients: [amira.recipient, ben.recipient] }, undefined, {
      signWith: amira.identity,
    });
    const opened = await readBundle(bytes, { identities: [ben.identity] }, { fileName: "from-amira.margin" });
    expect(opened.signature).toEqual({ signer: amira.recipient, fingerprint: fingerprint(amira.recipient) });
    expect(Object.keys(signedZip).sort()).toEqual(expect.arrayContaining(["manifest.json", SIGNATURE_FILE]));
    expect(signatureJson()).toMatchObject({
      alg: SIGNATURE_ALG,
      signer: amira.recipient,
      signature: expect.stringMatching(/^[0-9a-f]{128}$/),
    });
    // Passphrase bundles are signed too (the exporter has a key).
    const locked = await writeBundle(sampleProject(), AMIRA_INFO, { passphrase: "marmalade orbit tundra lantern" }, undefined, {
      signWith: amira.identity,
      scryptWorkFactor: 10,
    });
    expect((await readBundle(locked, { passphrase: "marmalade orbit tundra lantern" })).signature?.signer).toBe(amira.recipient);
  });

  it("an unsigned bundle (made before signatures) still opens, with no signer", async () => {
    const bytes = await writeBundle(sampleProject(), AMIRA_INFO, { recipients: [ben.recipient] });
    const opened = await readBundle(bytes, { identities: [ben.identity] });
    expect(opened.signature).toBeUndefined();
    expect(unzipSync(await zipOf(bytes, ben.identity))[SIGNATURE_FILE]).toBeUndefined();
    // The same as stripping the signature from a signed one: it reads, unsigned (the preview warns).
    expect((await bundleFromZip(withFiles({ [SIGNATURE_FILE]: null }))).signature).toBeUndefined();
  });

  it("any age key signs, and the signature is plain RFC 8032 Ed25519 under the key the age1… key converts to", async () => {
    const message = strToU8("margin");
    for (let i = 0; i < 24; i++) {
      const key = await generateIdentity();
      const sig = signWithAgeKey(message, key.identity);
      const publicKey = edwardsKeyOf(key.recipient);
      expect(publicKey).not.toBeNull();
      expect(ed25519.verify(sig, message, publicKey as Uint8Array, { zip215: false })).toBe(true);
      expect(verifyWithAgeKey(sig, message, key.recipient)).toBe(true);
      expect(verifyWithAgeKey(sig, strToU8("margins"), key.recipient)).toBe(false);
      expect(verifyWithAgeKey(sig, message, ben.recipient)).toBe(false);
      // Deterministic: the same message and key give the same signature.
      expect(signWithAgeKey(message, key.identity)).toEqual(sig);
    }
  });

  it("a manifest changed after signing is refused: the exporter's name, the table hashes", async () => {
    const manifest = new TextDecoder().decode(signedZip["manifest.json"]);
    const renamed = manifest.replace('"name": "Amira Patel"', '"name": "Ben Okafor"');
    expect(renamed).not.toBe(manifest);
    const e = await refusal(withFiles({ "manifest.json": strToU8(renamed) }));
    expect(e.message).toMatch(/signature that does not match its contents/);
    // A changed table with its hash fixed up in the manifest: the manifest no longer matches the signature.
    const codes = new TextDecoder().decode(signedZip["tables/codes.ndjson"]).replace("Coordination", "Coordinatiom");
    const { sha256 } = await import("@noble/hashes/sha2.js");
    const { bytesToHex } = await import("@noble/hashes/utils.js");
    const parsed = JSON.parse(manifest) as { tables: Record<string, { sha256: string }> };
    parsed.tables.codes!.sha256 = bytesToHex(sha256(strToU8(codes)));
    await refusal(withFiles({ "manifest.json": strToU8(JSON.stringify(parsed, null, 2) + "\n"), "tables/codes.ndjson": strToU8(codes) }));
  });

  it("a signature claimed for another key, moved from another bundle, or damaged is refused (generated corpus)", async () => {
    const good = signatureJson();
    const other = await writeBundle(
      sampleProject(),
      { ...AMIRA_INFO, createdAt: "2026-11-27T09:00:00.000Z" },
      { recipients: [ben.recipient] },
      undefined,
      { signWith: amira.identity },
    );
    const otherSignature = unzipSync(await zipOf(other, ben.identity))[SIGNATURE_FILE] as Uint8Array<ArrayBuffer>;
    const flip = (hex: string, at: number) => hex.slice(0, at) + (parseInt(hex[at] as string, 16) ^ 1).toString(16) + hex.slice(at + 1);
    const json = (v: unknown) => strToU8(JSON.stringify(v));
    const corpus: [string, Uint8Array<ArrayBuffer>][] = [
      ["signer swapped for Ben's key", json({ ...good, signer: ben.recipient })],
      ["signature from another bundle by the same key", otherSignature],
      ["R changed", json({ ...good, signature: flip(good.signature, 3) })],
      ["S changed", json({ ...good, signature: flip(good.signature, 100) })],
      ["S + L (non-canonical)", json({ ...good, signature: good.signature.slice(0, 64) + addOrder(good.signature.slice(64)) })],
      ["all zeros", json({ ...good, signature: "0".repeat(128) })],
      ["upper-case hex", json({ ...good, signature: good.signature.toUpperCase() })],
      ["too short", json({ ...good, signature: good.signature.slice(0, 126) })],
      ["unknown algorithm", json({ ...good, alg: "rsa" })],
      ["no signer", json({ alg: good.alg, signature: good.signature })],
      ["signer not a key", json({ ...good, signer: "age1notakey" })],
      ["a secret key as signer", json({ ...good, signer: ben.identity })],
      ["not JSON", strToU8("{ not json")],
      ["JSON null", strToU8("null")],
      ["an array", json([good])],
      ["not UTF-8", new Uint8Array([0xff, 0xfe, 0x00])],
      ["empty", new Uint8Array(0)],
      ["far too big", json({ ...good, padding: "x".repeat(100_000) })],
    ];
    for (const [label, bytes] of corpus) {
      const error = await bundleFromZip(withFiles({ [SIGNATURE_FILE]: bytes }), { fileName: "from-amira.margin" }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, label).toBeInstanceOf(BundleError);
      expect((error as BundleError).code, label).toBe("tampered");
      expect((error as BundleError).message, label).toMatch(/^“from-amira\.margin” has a signature that/);
    }
  });
});

/** S + L as 32 little-endian bytes in hex: the same signature in a non-canonical form strict Ed25519 refuses. */
function addOrder(sHex: string): string {
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  let s = 0n;
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(parseInt(sHex.slice(i * 2, i * 2 + 2), 16));
  s += L;
  let out = "";
  for (let i = 0; i < 32; i++) {
    out += Number(s & 0xffn)
      .toString(16)
      .padStart(2, "0");
    s >>= 8n;
  }
  return out;
}
