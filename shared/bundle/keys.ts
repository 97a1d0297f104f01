/**
 * Team keys: age X25519 identities (secret, stays on this laptop) and recipients (public, shared with
 * the team), a fingerprint to read aloud when swapping keys, and the passphrase rule for bundles.
 */
import { Encrypter, generateX25519Identity, identityToRecipient } from "age-encryption";
import { sha256 } from "@noble/hashes/sha2.js";

export interface KeyPair {
  /** Secret: "AGE-SECRET-KEY-1…". */
  identity: string;
  /** Public: "age1…". */
  recipient: string;
}

/** A new X25519 identity. X25519 (not the post-quantum hybrid) so every age CLI, 1.0 and later, reads it. */
export async function generateIdentity(): Promise<KeyPair> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The public key of an identity; throws on anything that is not an X25519 age identity. */
export async function recipientOf(identity: string): Promise<string> {
  if (!isValidIdentity(identity)) throw new Error("This is not an age secret key (it should start with AGE-SECRET-KEY-1).");
  return identityToRecipient(identity.trim());
}

export function isValidIdentity(s: string): boolean {
  const t = s.trim();
  return /^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/.test(t);
}

/** True for a well-formed X25519 age recipient ("age1" + 58 bech32 characters, checksum valid). */
export function isValidRecipient(s: string): boolean {
  const t = s.trim();
  if (!/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/.test(t)) return false;
  try {
    // The library checks the bech32 checksum and the key length.
    new Encrypter().addRecipient(t);
    return true;
  } catch {
    return false;
  }
}

// Crockford's base-32 alphabet: no I, L, O or U, so nothing is misheard or misread.
const FINGERPRINT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A short code to compare a public key over the phone or side by side, e.g. "7KQ2-M9XD-3RTA-B0CE":
 * 16 characters (80 bits) of the key's SHA-256 in Crockford base 32.
 */
export function fingerprint(recipient: string): string {
  const digest = sha256(new TextEncoder().encode(recipient.trim()));
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += FINGERPRINT_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= 16) break;
  }
  return out.match(/.{4}/g)?.join("-") ?? out;
}

export const MIN_PASSPHRASE_LENGTH = 12;

export interface PassphraseStrength {
  /** 0 (very weak) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  label: "Very weak" | "Weak" | "Fair" | "Good" | "Strong";
  /** Long enough (12+ characters) and not trivially guessable: Margin accepts it. */
  ok: boolean;
  /** What to do about it, in plain words (empty when strong). */
  hint: string;
}

const COMMON = [
  "password",
  "passw0rd",
  "qwerty",
  "letmein",
  "welcome",
  "admin",
  "iloveyou",
  "monkey",
  "dragon",
  "football",
  "baseball",
  "sunshine",
  "princess",
  "trustno1",
  "abc123",
  "123456",
  "margin",
  "nhs",
  "research",
  "secret",
];

/**
 * A rough strength estimate: length and variety, minus repeats, keyboard/number runs and common words.
 * Not a cracking model; it exists to stop "aaaaaaaaaaaa" and "password1234", and to encourage several words.
 */
export function passphraseStrength(p: string): PassphraseStrength {
  const length = [...p].length;
  const lower = p.toLowerCase();
  const distinct = new Set(lower).size;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\s]/, /\s/].filter((r) => r.test(p)).length;
  const words = p.split(/[\s\-_.,]+/).filter((w) => w.length >= 3).length;

  let stripped = lower;
  for (const word of COMMON) stripped = stripped.split(word).join("");
  const sequences = ["abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm"];
  for (const run of sequences) {
    for (let i = 0; i + 4 <= run.length; i++) stripped = stripped.split(run.slice(i, i + 4)).join("");
  }
  const meaningful = [...stripped.replace(/(.)\1{2,}/g, "$1")].length;

  // Approximate entropy in bits from what is left once the predictable parts are removed.
  const pool = Math.max(10, classes * 16);
  let bits = meaningful * Math.log2(Math.min(pool, Math.max(distinct, 2) * 4));
  if (words >= 4) bits = Math.max(bits, words * 11);
  const trivial = distinct <= 3 || meaningful < 8;

  let score: PassphraseStrength["score"] = bits < 28 ? 0 : bits < 40 ? 1 : bits < 56 ? 2 : bits < 72 ? 3 : 4;
  if (trivial) score = Math.min(score, 1) as PassphraseStrength["score"];
  const labels = ["Very weak", "Weak", "Fair", "Good", "Strong"] as const;
  const ok = length >= MIN_PASSPHRASE_LENGTH && !trivial && score >= 2;
  const hint =
    length < MIN_PASSPHRASE_LENGTH
      ? `Use at least ${MIN_PASSPHRASE_LENGTH} characters; four or five unrelated words are easy to remember.`
      : trivial
        ? "Avoid repeated letters, runs like 1234 or qwerty, and common passwords."
        : score < 3
          ? "Add another word or two to make it stronger."
          : "";
  return { score, label: labels[score], ok, hint };
}
