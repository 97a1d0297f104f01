/**
 * age's payload (the STREAM construction of age-encryption.org/v1): after the header, a 16-byte nonce,
 * then 64 KiB chunks of plaintext each sealed with ChaCha20-Poly1305 under a key derived from the file
 * key and that nonce; chunk i's 12-byte nonce is i as 11 big-endian bytes plus a last-chunk flag.
 *
 * Why Margin opens the payload itself rather than through age-encryption's `decrypt`: the library
 * unwraps the file key (`Decrypter.decryptHeader`, its documented hook for delegated decryption) but
 * seals and opens chunks with its pure-JS cipher, ~0.3 s for a seed-scale bundle. Node has native
 * ChaCha20-Poly1305 (~20× faster), so callers may inject a chunk opener, as they inject SHA-256.
 * The default is @noble/ciphers, the cipher age-encryption itself uses. Interop with the age CLI is
 * covered by tests/unit/shared/bundle/age-cli.test.ts.
 */
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";

export const PAYLOAD_NONCE = 16;
export const CHUNK = 64 * 1024;
const TAG = 16;
export const SEALED_CHUNK = CHUNK + TAG;

/** Opens one sealed chunk (ciphertext + 16-byte tag); throws when it does not authenticate. */
export type ChunkOpener = (key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array) => Uint8Array;

export const nobleChunkOpener: ChunkOpener = (key, nonce, sealed) => chacha20poly1305(key, nonce).decrypt(sealed);

/** Why a payload did not open: which chunk failed, out of how many. */
export class PayloadError extends Error {
  constructor(
    readonly chunk: number,
    readonly chunks: number,
  ) {
    super(`payload chunk ${chunk + 1} of ${chunks} does not authenticate`);
  }
}

/**
 * Opens the payload that follows the header (`afterHeader` = nonce + sealed chunks), handing each
 * plaintext chunk to `onChunk` in order. Throws PayloadError for the first chunk that fails, including
 * a last chunk that is missing (the file was cut at a chunk boundary) or empty where it may not be.
 */
export function openPayload(
  fileKey: Uint8Array,
  afterHeader: Uint8Array,
  onChunk: (plain: Uint8Array) => void,
  opener: ChunkOpener = nobleChunkOpener,
): void {
  if (afterHeader.length < PAYLOAD_NONCE + TAG) throw new PayloadError(0, 1);
  const nonce = afterHeader.subarray(0, PAYLOAD_NONCE);
  const payload = afterHeader.subarray(PAYLOAD_NONCE);
  const key = hkdf(sha256, fileKey, nonce, new TextEncoder().encode("payload"), 32);
  const chunks = Math.max(1, Math.ceil(payload.length / SEALED_CHUNK));
  const chunkNonce = new Uint8Array(12);
  const counter = new DataView(chunkNonce.buffer);
  for (let i = 0; i < chunks; i++) {
    const sealed = payload.subarray(i * SEALED_CHUNK, Math.min(payload.length, (i + 1) * SEALED_CHUNK));
    const last = i === chunks - 1;
    // The counter's low 32 bits are enough: 2^32 chunks would be a 256 TiB bundle.
    counter.setUint32(7, i);
    chunkNonce[11] = last ? 1 : 0;
    let plain: Uint8Array;
    try {
      plain = opener(key, chunkNonce, sealed);
    } catch {
      throw new PayloadError(i, chunks);
    }
    // Only a file with no plaintext at all may end in an empty chunk.
    if (last && i > 0 && plain.length === 0) throw new PayloadError(i, chunks);
    onChunk(plain);
  }
}
