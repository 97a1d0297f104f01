/**
 * SHA-256 for table hashes, injectable: @noble/hashes (pure, the default so shared/ stays portable)
 * is ~10× slower than a native hash, and hashing is a large share of reading and writing a bundle.
 * Node callers (CLI, bench) pass node:crypto; the renderer's worker passes WebCrypto. Same digests.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** A streaming SHA-256: `update` any number of times, then `digest` once. */
export interface Sha256 {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array | Promise<Uint8Array>;
}

/** Makes a fresh SHA-256 per table. */
export type Sha256Factory = () => Sha256;

export const nobleSha256: Sha256Factory = () => {
  const h = sha256.create();
  return { update: (bytes) => void h.update(bytes), digest: () => h.digest() };
};

export async function hexDigest(hash: Sha256): Promise<string> {
  return bytesToHex(await hash.digest());
}
