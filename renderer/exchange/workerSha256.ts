import { nobleSha256, type Sha256, type Sha256Factory } from "../../shared/bundle";

/** Above this a table is hashed in JS as it streams rather than buffered for WebCrypto. */
const WEBCRYPTO_MAX_BYTES = 256 * 1024 * 1024;

/**
 * WebCrypto's SHA-256 is native (about ten times @noble's speed) but one-shot, so a table's bytes are
 * kept until its digest; a table larger than the cap (far beyond seed scale) switches to @noble's
 * streaming hash so memory stays bounded. Same digest either way.
 */
export function webCryptoSha256(maxBytes = WEBCRYPTO_MAX_BYTES): Sha256Factory {
  return () => {
    let parts: Uint8Array[] | null = [];
    let size = 0;
    let stream: Sha256 | null = null;
    return {
      update(bytes) {
        if (stream) return stream.update(bytes);
        (parts ??= []).push(bytes.slice());
        size += bytes.length;
        if (size > maxBytes) {
          const s = nobleSha256();
          for (const p of parts) s.update(p);
          parts = null;
          stream = s;
        }
      },
      async digest() {
        if (stream) return stream.digest();
        const all = new Uint8Array(size);
        let at = 0;
        for (const p of parts ?? []) {
          all.set(p, at);
          at += p.length;
        }
        parts = null;
        return new Uint8Array(await crypto.subtle.digest("SHA-256", all));
      },
    };
  };
}
