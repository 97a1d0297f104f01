/**
 * Opening a bundle: recognise the age header, unwrap the file key, open the payload chunk by chunk,
 * unzip and parse, verify. Every failure becomes a BundleError whose code says what happened and whose
 * message a researcher can act on; nothing is returned unless everything checked out.
 */
import { describeError } from "../describeError";
import { armor, Decrypter } from "age-encryption";
import { BundleError, subject } from "./errors";
import { isValidIdentity } from "./keys";
import { AGE_ARMOR_BEGIN, AGE_MAGIC } from "./layout";
import { openPayload, PayloadError, PAYLOAD_NONCE, SEALED_CHUNK } from "./payload";
import type { BundleKey, LockKind, OpenedBundle, ReadOptions } from "./types";
import { BundleZipReader } from "./zipReader";

const FEED = 256 * 1024;

interface Header {
  kind: "passphrase" | "recipients";
  /** Bytes up to and including the MAC line. */
  size: number;
}

/**
 * Decrypts, unzips and verifies a bundle: format name, version (newer refused, older migrated), each
 * table's SHA-256 and record count, what it unpacks to (limits.ts), and every record (its schema, the
 * checks across records, each transcript against its content hash). Throws BundleError with a code and a message naming the file.
 */
export async function readBundle(bytes: Uint8Array, key: BundleKey, options: ReadOptions = {}): Promise<OpenedBundle> {
  const name = options.fileName;
  const data = dearmor(bytes, name);
  const header = parseHeader(data, name);

  const decrypter = new Decrypter();
  if ("passphrase" in key) {
    if (header.kind === "recipients") {
      throw new BundleError(
        "needs-identity",
        `${subject(name)} is locked to team members' keys, not a passphrase. Open it on a laptop whose key it was sent to.`,
        name,
      );
    }
    decrypter.addPassphrase(key.passphrase);
  } else {
    if (header.kind === "passphrase") {
      throw new BundleError("needs-passphrase", `${subject(name)} is locked with a passphrase. Ask the sender for it.`, name);
    }
    const identities = key.identities.map((i) => i.trim()).filter(Boolean);
    if (identities.length === 0 || !identities.every(isValidIdentity)) {
      throw new BundleError("bad-key", "The key to open bundles with is missing or is not an age secret key (AGE-SECRET-KEY-1…).", name);
    }
    for (const identity of identities) decrypter.addIdentity(identity);
  }

  let fileKey: Uint8Array;
  try {
    fileKey = await decrypter.decryptHeader(data.subarray(0, header.size));
  } catch (error) {
    throw headerError(error, header, data.length, name);
  }
  if (data.length < header.size + PAYLOAD_NONCE + 16) {
    throw new BundleError("truncated", `${subject(name)} is incomplete: it ends just after its header.`, name);
  }

  const afterHeader = data.subarray(header.size);
  const payload = afterHeader.length - PAYLOAD_NONCE;
  const chunks = Math.max(1, Math.ceil(payload / SEALED_CHUNK));
  const total = Math.max(0, payload - chunks * 16);
  const zip = new BundleZipReader(name, options.hasher, options.skipContent, options.limits);
  let done = 0;
  try {
    openPayload(
      fileKey,
      afterHeader,
      (plain) => {
        done += plain.length;
        zip.push(plain);
        options.onProgress?.({ phase: "unpacking", done, total });
      },
      options.chunkOpener,
    );
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    // A failure in the last chunk (or a missing one) means the file was cut short; earlier, changed.
    if (payload <= 16 || error.chunk >= error.chunks - 1) {
      throw new BundleError(
        "truncated",
        `${subject(name)} is incomplete: it ends before the end of the bundle, or its last part is damaged. Copy it again from the original.`,
        name,
      );
    }
    throw tampered(name);
  }
  return await zip.finish();
}

/** A plain zip of a bundle (e.g. decrypted with `age -d`), verified the same way. */
export async function bundleFromZip(zip: Uint8Array, options: ReadOptions = {}): Promise<OpenedBundle> {
  const reader = new BundleZipReader(options.fileName, options.hasher, options.skipContent, options.limits);
  for (let at = 0; at < zip.length; at += FEED) {
    reader.push(zip.subarray(at, Math.min(zip.length, at + FEED)));
    options.onProgress?.({ phase: "unpacking", done: Math.min(zip.length, at + FEED), total: zip.length });
    // Let the UI breathe between slices.
    await Promise.resolve();
  }
  return await reader.finish();
}

/** What the file is locked with, from its header, without a key: so the UI asks for the right thing. */
export function lockKind(bytes: Uint8Array): LockKind {
  try {
    return parseHeader(dearmor(bytes, undefined), undefined).kind;
  } catch {
    return "not-age";
  }
}

function dearmor(bytes: Uint8Array, name: string | undefined): Uint8Array {
  const start = ascii(bytes, 0, AGE_ARMOR_BEGIN.length);
  if (start !== AGE_ARMOR_BEGIN) return bytes;
  try {
    return armor.decode(new TextDecoder().decode(bytes));
  } catch {
    throw new BundleError("tampered", `${subject(name)} is an age file in text form, but it is damaged or incomplete.`, name);
  }
}

function parseHeader(data: Uint8Array, name: string | undefined): Header {
  const magic = ascii(data, 0, AGE_MAGIC.length);
  if (magic !== AGE_MAGIC) {
    if (data.length === 0) throw new BundleError("truncated", `${subject(name)} is empty.`, name);
    if (data.length < AGE_MAGIC.length && AGE_MAGIC.startsWith(magic)) {
      throw new BundleError("truncated", `${subject(name)} is incomplete: it ends just after it starts.`, name);
    }
    const zip = data[0] === 0x50 && data[1] === 0x4b;
    throw new BundleError(
      "not-a-bundle",
      zip
        ? `${subject(name)} is not an encrypted Margin bundle: it is a plain zip file (a Word document, or a bundle someone has already decrypted).`
        : `${subject(name)} is not a Margin bundle (.margin): it is not an encrypted file Margin can read.`,
      name,
    );
  }
  // The header is a few hundred bytes per recipient; look no further than 64 KB for its end.
  const text = ascii(data, 0, Math.min(data.length, 64 * 1024));
  const macAt = text.indexOf("\n---");
  const macEnd = macAt < 0 ? -1 : text.indexOf("\n", macAt + 1);
  if (macAt < 0 || macEnd < 0) {
    if (data.length < 64 * 1024) throw new BundleError("truncated", `${subject(name)} is incomplete: it ends inside its header.`, name);
    throw tampered(name);
  }
  const types = text
    .slice(0, macAt)
    .split("\n")
    .filter((line) => line.startsWith("-> "))
    .map((line) => line.slice(3).split(" ")[0]);
  if (types.length === 0) throw tampered(name);
  return { kind: types.includes("scrypt") ? "passphrase" : "recipients", size: macEnd + 1 };
}

function headerError(error: unknown, header: Header, size: number, name: string | undefined): BundleError {
  const message = describeError(error);
  if (/no identity matched/.test(message)) {
    return header.kind === "passphrase"
      ? new BundleError(
          "wrong-passphrase",
          `The passphrase does not open ${subject(name).replace(/^This/, "this")}. Check it and try again.`,
          name,
        )
      : new BundleError(
          "wrong-key",
          `${subject(name)} was not locked to your key: it was sent to other team members. Ask the sender to add your public key and export it again.`,
          name,
        );
  }
  if (size < header.size + PAYLOAD_NONCE + 16)
    return new BundleError("truncated", `${subject(name)} is incomplete: it ends just after its header.`, name);
  return tampered(name);
}

function tampered(name: string | undefined): BundleError {
  return new BundleError(
    "tampered",
    `${subject(name)} has been changed or damaged since it was made, so Margin will not import it. Ask the sender for a fresh copy.`,
    name,
  );
}

function ascii(data: Uint8Array, from: number, to: number): string {
  let s = "";
  const end = Math.min(to, data.length);
  for (let i = from; i < end; i++) s += String.fromCharCode(data[i] as number);
  return s;
}
