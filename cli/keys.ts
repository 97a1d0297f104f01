/**
 * The key options every bundle command shares, and the two helpers other commands reuse to get
 * ProjectTables in and out of bundles (report, import-qdpx, export-qdpx, export-qdc…):
 *
 *   const { values, positionals } = parseArgs({ args, options: { ...KEY_OPTIONS, out: { type: "string" } }, allowPositionals: true });
 *   const { manifest, tables } = await openBundleFromArgs(positionals[0], values);
 *   await writeBundleFromArgs(tables, info, values.out, values);
 */
import { describeError } from "../shared/describeError";
import { createDecipheriv, createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  BundleError,
  isValidIdentity,
  isValidRecipient,
  readBundle,
  recipientOf,
  writeBundle,
  type BundleInfo,
  type BundleKey,
  type BundleLock,
  type ChunkOpener,
  type OpenedBundle,
  type Sha256Factory,
  type SkipContent,
} from "../shared/bundle";
import type { ProjectTables } from "../shared/model/tables";
import { CliError } from "./io";
import { writeOutputFile } from "./output";

export const KEY_OPTIONS = {
  /** An age identity file (as written by `margin keygen` or `age-keygen`); repeatable. */
  identity: { type: "string", short: "i", multiple: true },
  /** A file whose first line is the passphrase. */
  "passphrase-file": { type: "string" },
  /** An age public key (age1…) to lock the output to; repeatable. */
  recipient: { type: "string", short: "r", multiple: true },
} as const;

export interface KeyArgs {
  identity?: string[];
  "passphrase-file"?: string;
  recipient?: string[];
}

/** Native SHA-256 for the table hashes: about ten times faster than the portable default. */
export const nodeSha256: Sha256Factory = () => {
  const h = createHash("sha256");
  return { update: (bytes) => void h.update(bytes), digest: () => new Uint8Array(h.digest()) };
};

/** Native ChaCha20-Poly1305 for age's payload chunks: ~20× faster than the portable default. */
export const nodeChunkOpener: ChunkOpener = (key, nonce, sealed) => {
  if (sealed.length < 16) throw new Error("sealed chunk shorter than its tag");
  const decipher = createDecipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const head = decipher.update(sealed.subarray(0, sealed.length - 16));
  // final() throws when the tag does not match: nothing unauthenticated is returned.
  const tail = decipher.final();
  const plain = tail.length === 0 ? head : Buffer.concat([head, tail]);
  return new Uint8Array(plain.buffer, plain.byteOffset, plain.length);
};

export function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(code === "ENOENT" ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(error)})`);
  }
}

/** AGE-SECRET-KEY-1… lines of an identity file ('#' comments and blank lines skipped). */
export function readIdentities(file: string): string[] {
  const text = new TextDecoder().decode(readInput(file));
  const keys = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  if (keys.length === 0 || !keys.every(isValidIdentity))
    throw new CliError(`${file}: not an age identity file (expected AGE-SECRET-KEY-1… lines)`);
  return keys;
}

export function readPassphrase(file: string): string {
  const first = new TextDecoder().decode(readInput(file)).split(/\r?\n/)[0] ?? "";
  if (!first) throw new CliError(`${file}: the passphrase file is empty`);
  return first;
}

/** How to unlock: --identity files, or --passphrase-file. */
export function unlockFromArgs(keys: KeyArgs): BundleKey {
  if (keys["passphrase-file"] && keys.identity?.length) throw new CliError("give either --identity or --passphrase-file, not both");
  if (keys["passphrase-file"]) return { passphrase: readPassphrase(keys["passphrase-file"]) };
  if (keys.identity?.length) return { identities: keys.identity.flatMap(readIdentities) };
  throw new CliError("no key given: use --identity key.txt or --passphrase-file FILE");
}

/**
 * How to lock the output: --recipient keys (plus the public keys of any --identity, so whoever runs
 * the command can open what it wrote), else --passphrase-file.
 */
export async function lockFromArgs(keys: KeyArgs): Promise<BundleLock> {
  const recipients = [...(keys.recipient ?? [])];
  for (const r of recipients) if (!isValidRecipient(r)) throw new CliError(`${r}: not an age public key (age1…)`);
  if (recipients.length > 0) {
    for (const file of keys.identity ?? []) for (const id of readIdentities(file)) recipients.push(await recipientOf(id));
    return { recipients: [...new Set(recipients)] };
  }
  if (keys["passphrase-file"]) return { passphrase: readPassphrase(keys["passphrase-file"]) };
  if (keys.identity?.length) return { recipients: await Promise.all(keys.identity.flatMap(readIdentities).map(recipientOf)) };
  throw new CliError("no key to lock the output with: use --recipient age1… (repeatable) or --passphrase-file FILE");
}

/** Reads, decrypts and verifies a bundle named on the command line; any failure is a one-line CliError. */
export async function openBundleFromArgs(file: string | undefined, keys: KeyArgs, skipContent?: SkipContent): Promise<OpenedBundle> {
  if (!file) throw new CliError("no bundle file given");
  const bytes = readInput(file);
  try {
    return await readBundle(bytes, unlockFromArgs(keys), {
      fileName: path.basename(file),
      hasher: nodeSha256,
      chunkOpener: nodeChunkOpener,
      ...(skipContent ? { skipContent } : {}),
    });
  } catch (error) {
    throw asCliError(error);
  }
}

/** Writes a bundle to `out` through a temporary file renamed into place (./output.ts), so a partial file never appears. */
export async function writeBundleFromArgs(
  tables: ProjectTables,
  info: BundleInfo,
  out: string | undefined,
  keys: KeyArgs,
): Promise<number> {
  if (!out) throw new CliError("no output file: use --out FILE.margin");
  const lock = await lockFromArgs(keys);
  // Signed with the first --identity, so receivers can tell who made it (shared/bundle/signature.ts).
  const signWith = keys.identity?.flatMap(readIdentities)[0];
  let bytes: Uint8Array;
  try {
    bytes = await writeBundle(tables, info, lock, undefined, { hasher: nodeSha256, ...(signWith ? { signWith } : {}) });
  } catch (error) {
    throw asCliError(error);
  }
  await writeOutputFile(out, bytes);
  return bytes.length;
}

export function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof BundleError) return new CliError(`${error.code}: ${error.message}`);
  return new CliError(describeError(error));
}
