/**
 * Who made a bundle. age gives confidentiality, not authorship: anyone holding a team member's public
 * key can make a bundle that says it is "from" any coder. So the exporter signs the manifest (which
 * holds every table's SHA-256, so it covers the whole content) with their own age key, and the
 * signature goes in its own zip entry, `signature.json`; older readers ignore it.
 *
 * The signing key is the exporter's age X25519 key itself, used for Ed25519 the way Signal's XEdDSA does:
 * the X25519 secret scalar signs on the Edwards curve, and the age1… public key converts to the Ed25519
 * public key. So nothing new has to be published or pinned: the age1… key a researcher already added to
 * the Team list (and compared by fingerprint) is the key a signature is checked against. Verification is
 * plain RFC 8032 Ed25519 (@noble/curves). docs/bundle-format.md "Signatures".
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { concat } from "./bytes";
import { BundleError, subject } from "./errors";
import { fingerprint, isValidIdentity, isValidRecipient } from "./keys";
import { inflateEntry, type ZipEntry } from "./zipEntries";

export const SIGNATURE_FILE = "signature.json";
/** Ed25519 (RFC 8032 verification) with the key converted from the exporter's age X25519 key. */
export const SIGNATURE_ALG = "ed25519-from-x25519";
/** Domain separation: a bundle signature can never be mistaken for a signature over anything else. */
const CONTEXT = new TextEncoder().encode("margin-bundle-signature-v1\n");
/** signature.json is about 250 bytes; anything much bigger is not one Margin wrote. */
const MAX_SIGNATURE_BYTES = 4096;

/** A bundle's valid signature: the age1… key that made it. Whose key it is, the caller decides (judgeSender). */
export interface BundleSignature {
  /** The signer's public key, "age1…". */
  signer: string;
  /** fingerprint(signer): the code the Team screen shows for the same key. */
  fingerprint: string;
}

interface SignatureFile {
  alg: typeof SIGNATURE_ALG;
  signer: string;
  /** 64 bytes, lower-case hex: R ‖ S. */
  signature: string;
}

const Fn = ed25519.Point.Fn;
const Fp = ed25519.Point.Fp;

/** signature.json's bytes for a manifest, signed with an age identity (AGE-SECRET-KEY-1…) whose public key is `signer`. */
export function signatureFileFor(manifestBytes: Uint8Array, identity: string, signer: string): Uint8Array {
  const file: SignatureFile = { alg: SIGNATURE_ALG, signer, signature: toHex(signWithAgeKey(message(manifestBytes), identity)) };
  return new TextEncoder().encode(JSON.stringify(file, null, 2) + "\n");
}

/**
 * Ed25519 signature by an age X25519 secret key. The clamped X25519 scalar `a` gives the Edwards point
 * A = aB; if A's sign bit is set, −a is used so the public key is always the sign-0 point that the age1…
 * key converts to. The nonce is derived from the message and a key derived from the secret (as RFC 8032's
 * is), so the same bundle signed twice gives the same signature and no randomness is needed.
 */
export function signWithAgeKey(msg: Uint8Array, identity: string): Uint8Array {
  if (!isValidIdentity(identity))
    throw new BundleError("bad-key", "The key to sign the bundle with is not an age secret key (AGE-SECRET-KEY-1…).");
  const secret = bech32Bytes(identity.trim().toLowerCase(), "age-secret-key-1");
  const clamped = Uint8Array.from(secret);
  clamped[0] = (clamped[0] as number) & 248;
  clamped[31] = ((clamped[31] as number) & 127) | 64;
  let a = Fn.create(bytesToNumberLE(clamped));
  let A = ed25519.Point.BASE.multiply(a);
  if (((A.toBytes()[31] as number) & 0x80) !== 0) {
    a = Fn.neg(a);
    A = A.negate();
  }
  const publicKey = A.toBytes();
  const nonceKey = hkdf(sha256, secret, undefined, new TextEncoder().encode("margin-bundle-signing-v1 nonce"), 32);
  const r = nonZero(Fn.create(bytesToNumberLE(sha512(concat([nonceKey, msg])))));
  const R = ed25519.Point.BASE.multiply(r).toBytes();
  const h = Fn.create(bytesToNumberLE(sha512(concat([R, publicKey, msg]))));
  const s = Fn.add(r, Fn.mul(h, a));
  return concat([R, numberToBytesLE(s)]);
}

/** True when `sig` is a valid Ed25519 signature of `msg` by the age1… key `recipient`. */
export function verifyWithAgeKey(sig: Uint8Array, msg: Uint8Array, recipient: string): boolean {
  const publicKey = edwardsKeyOf(recipient);
  if (!publicKey || sig.length !== 64) return false;
  try {
    // Strict RFC 8032 (no ZIP-215 leniency): one valid signature per message and key.
    return ed25519.verify(sig, msg, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** The Ed25519 public key (sign bit 0) of an age1… X25519 key: y = (u − 1) / (u + 1). Null if it has none. */
export function edwardsKeyOf(recipient: string): Uint8Array | null {
  const t = recipient.trim();
  if (!isValidRecipient(t)) return null;
  const raw = bech32Bytes(t, "age1");
  raw[31] = (raw[31] as number) & 127;
  const u = Fp.create(bytesToNumberLE(raw));
  const plus = Fp.add(u, 1n);
  if (Fp.is0(plus)) return null;
  const y = Fp.mul(Fp.sub(u, 1n), Fp.inv(plus));
  return numberToBytesLE(y);
}

/**
 * Reads and checks a bundle's signature.json, if it has one. Unsigned → null (the caller warns). A
 * signature that does not verify, or a signature file in any shape Margin does not write → BundleError
 * "tampered" naming the file: it was changed after it was signed, or the signature is forged.
 */
export async function readSignature(
  entries: ReadonlyMap<string, ZipEntry>,
  manifestBytes: Uint8Array,
  fileName: string | undefined,
): Promise<BundleSignature | null> {
  const entry = entries.get(SIGNATURE_FILE);
  if (!entry) return null;
  const bad = (why: string) =>
    new BundleError(
      "tampered",
      `${subject(fileName)} has a signature that ${why}, so Margin will not import it: it was changed after it was signed, or someone forged it. Ask the sender for a fresh copy.`,
      fileName,
    );
  if (entry.data.length > MAX_SIGNATURE_BYTES) throw bad("is not one Margin writes");
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    await inflateEntry(entry, (c) => {
      size += c.length;
      if (size <= MAX_SIGNATURE_BYTES) chunks.push(c);
    });
  } catch {
    throw bad("cannot be unpacked");
  }
  if (size > MAX_SIGNATURE_BYTES) throw bad("is not one Margin writes");
  let file: Partial<SignatureFile>;
  try {
    file = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(concat(chunks))) as Partial<SignatureFile>;
  } catch {
    throw bad("is not valid JSON");
  }
  if (typeof file !== "object" || file === null || file.alg !== SIGNATURE_ALG)
    throw bad("is of a kind this version of Margin cannot check");
  if (typeof file.signer !== "string" || !isValidRecipient(file.signer)) throw bad("names no valid public key");
  if (typeof file.signature !== "string" || !/^[0-9a-f]{128}$/.test(file.signature)) throw bad("is not 64 bytes of hex");
  if (!verifyWithAgeKey(fromHex(file.signature), message(manifestBytes), file.signer)) throw bad("does not match its contents");
  const signer = file.signer.trim();
  return { signer, fingerprint: fingerprint(signer) };
}

function message(manifestBytes: Uint8Array): Uint8Array {
  return concat([CONTEXT, manifestBytes]);
}

function nonZero(r: bigint): bigint {
  // Probability 2^-252; BASE.multiply refuses 0, so fall back to 1 rather than throw.
  return r === 0n ? 1n : r;
}

// Bech32's alphabet; the checksum (last 6 characters) was checked by isValidRecipient / is left to age.
const BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/** The 32 key bytes of an age key in bech32 (lower-case), after its prefix ending in "1". */
function bech32Bytes(text: string, prefix: string): Uint8Array {
  const data = text.slice(prefix.length, text.length - 6);
  const out = new Uint8Array(32);
  let value = 0;
  let bits = 0;
  let at = 0;
  for (const ch of data) {
    value = ((value << 5) | BECH32.indexOf(ch)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      if (at < 32) out[at++] = (value >>> bits) & 0xff;
    }
  }
  return out;
}

function bytesToNumberLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

function numberToBytesLE(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
