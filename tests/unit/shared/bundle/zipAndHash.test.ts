import { createHash } from "node:crypto";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { strToU8, unzipSync, zipSync, Zip, ZipDeflate } from "fflate";
import { describe, expect, it } from "vitest";
import {
  BundleError,
  bundleFromZip,
  nobleSha256,
  readBundle,
  generateIdentity,
  writeBundle,
  type Sha256Factory,
} from "../../../../shared/bundle";
import { inflateEntry, listZip } from "../../../../shared/bundle/zipEntries";
import { webCryptoSha256 } from "../../../../renderer/exchange/workerSha256";
import { rng } from "../../../fixtures/docx/synthetic";
import { INFO, sampleProject, source } from "./fixtures";

const nodeSha256: Sha256Factory = () => {
  const h = createHash("sha256");
  return { update: (b) => void h.update(b), digest: () => new Uint8Array(h.digest()) };
};

function randomBytes(n: number, seed: number): Uint8Array {
  const r = rng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r() * 256);
  return out;
}

async function digestInPieces(factory: Sha256Factory, data: Uint8Array, piece: number): Promise<string> {
  const h = factory();
  for (let at = 0; at < data.length; at += piece) h.update(data.subarray(at, at + piece));
  return bytesToHex(await h.digest());
}

/** A zip written as a stream (data descriptors, sizes unknown in the local headers), like writeBundle's. */
function streamedZip(files: Record<string, Uint8Array>, level: 0 | 1 | 6): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  for (const [name, data] of Object.entries(files)) {
    const f = new ZipDeflate(name, { level });
    zip.add(f);
    for (let at = 0; at < data.length; at += 1000) f.push(data.subarray(at, at + 1000), at + 1000 >= data.length);
    if (data.length === 0) f.push(new Uint8Array(0), true);
  }
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

describe("SHA-256 hashers give the same digests", () => {
  it("noble, node:crypto and the worker's WebCrypto (buffered, and switched to streaming past its cap)", async () => {
    for (const [n, seed] of [
      [0, 1],
      [1, 2],
      [70_000, 3],
      [300_001, 4],
    ] as const) {
      const data = randomBytes(n, seed);
      const want = bytesToHex(sha256(data));
      expect(await digestInPieces(nobleSha256, data, 4096)).toBe(want);
      expect(await digestInPieces(nodeSha256, data, 5000)).toBe(want);
      expect(await digestInPieces(webCryptoSha256(), data, 7000)).toBe(want);
      expect(await digestInPieces(webCryptoSha256(100_000), data, 7000)).toBe(want);
    }
  });

  it("a bundle written with one hasher reads with another", async () => {
    const me = await generateIdentity();
    const sealed = await writeBundle(sampleProject(), INFO, { recipients: [me.recipient] }, undefined, { hasher: nodeSha256 });
    const viaNoble = await readBundle(sealed, { identities: [me.identity] });
    const viaWeb = await readBundle(sealed, { identities: [me.identity] }, { hasher: webCryptoSha256(10) });
    expect(viaWeb.tables).toEqual(viaNoble.tables);
    expect(viaNoble.tables).toEqual(sampleProject());
  });
});

describe("zip entries by the central directory", () => {
  const text = strToU8(Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `r${i}`, n: i })).join("\n") + "\n");
  const noise = randomBytes(200_000, 9);

  it("lists and inflates streamed (data descriptor), stored and one-shot entries exactly", async () => {
    for (const zip of [
      streamedZip({ "a.ndjson": text, "dir/": new Uint8Array(0), "b.bin": noise }, 1),
      streamedZip({ "a.ndjson": text, "b.bin": noise }, 0),
      zipSync({ "a.ndjson": text, "b.bin": noise }, { level: 6 }),
    ]) {
      const entries = listZip(zip);
      const want = unzipSync(zip);
      for (const e of entries) {
        const chunks: Uint8Array[] = [];
        await inflateEntry(e, (c) => chunks.push(c.slice()));
        const got = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
        let at = 0;
        for (const c of chunks) got.set(c, (at += c.length) - c.length);
        expect(Buffer.from(got).equals(Buffer.from(want[e.name] ?? new Uint8Array(1))), e.name).toBe(true);
      }
      expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(want).sort());
    }
  });

  it("a zip cut short, or with damaged compressed data, is refused with a BundleError naming the file", async () => {
    const me = await generateIdentity();
    const sealed = await writeBundle(sampleProject(), INFO, { recipients: [me.recipient] });
    const { Decrypter } = await import("age-encryption");
    const d = new Decrypter();
    d.addIdentity(me.identity);
    const zip = await d.decrypt(sealed);
    const cut = bundleFromZip(zip.subarray(0, zip.length - 30), { fileName: "cut.zip" });
    await expect(cut).rejects.toBeInstanceOf(BundleError);
    await expect(cut).rejects.toThrow(/cut\.zip/);
    // Damage the first table's compressed bytes: it no longer inflates, or no longer matches its hash.
    const first = listZip(zip)[0];
    expect(first).toBeDefined();
    const damaged = zip.slice();
    const at = (first?.data.byteOffset ?? 0) - zip.byteOffset + 2;
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    const e = await bundleFromZip(damaged, { fileName: "damaged.zip" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BundleError);
    expect((e as BundleError).code).toBe("tampered");
  });
});

describe("table lines across inflate chunks", () => {
  it("records longer than many chunks, with multi-byte characters on the boundaries, round-trip exactly", async () => {
    const t = sampleProject();
    const random = rng(5);
    const alphabet = ["a", " ", "é", "—", "😀", "中", "\\", '"'];
    for (let i = 0; i < 3; i++) {
      let text = "";
      while (text.length < 150_000 + i * 70_000) text += alphabet[Math.floor(random() * alphabet.length)] ?? "a";
      const big = source(`src-long-${i}`, text);
      t.sources.push(big.source);
      t.sourceContent.push(big.content);
    }
    const me = await generateIdentity();
    const sealed = await writeBundle(t, INFO, { recipients: [me.recipient] }, undefined, { hasher: nodeSha256 });
    const { tables } = await readBundle(sealed, { identities: [me.identity] }, { hasher: nodeSha256 });
    expect(tables.sourceContent.map((c) => c.text)).toEqual(t.sourceContent.map((c) => c.text));
    expect(tables).toEqual(t);
  });
});
