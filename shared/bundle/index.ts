/**
 * Encrypted project bundles (`.margin`), issue 5 item 2. Pure: runs in the renderer, a Web Worker and
 * the CLI. Layout, hashing, encryption and versioning: docs/bundle-format.md.
 *
 *   writeBundle(tables, info, lock, onProgress?)  → age-encrypted zip bytes
 *   readBundle(bytes, key, { fileName })          → { manifest, tables }, verified (or BundleError)
 *   bundleFromZip(zipBytes, { fileName })         → same, for a zip already decrypted by the age CLI
 *   lockKind(bytes)                               → "passphrase" | "recipients" | "not-age" (ask for the right thing)
 *   selectDelta(tables, since)                    → only what changed after an HLC stamp
 *   bundleFileName(projectName, now)              → "<project name> <yyyy-mm-dd>.margin", safe on every OS
 *   sealKeyFile / openKeyFile                     → a passphrase-locked copy of my key (new laptop, wiped profile)
 *   judgeSender(manifest, opened.signature, known) → signed | mismatch | unknown | unsigned (signature.ts, sender.ts)
 *   keys: generateIdentity, recipientOf, isValidRecipient, isValidIdentity, fingerprint, passphraseStrength
 */
export { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from "./types";
export type {
  BundleInfo,
  BundleKey,
  BundleLock,
  BundleManifest,
  BundleProgress,
  BundleTableEntry,
  LockKind,
  OpenedBundle,
  ReadOptions,
  SkipContent,
} from "./types";
export { nobleChunkOpener, type ChunkOpener } from "./payload";
export { BundleError, type BundleErrorCode } from "./errors";
export { writeBundle, writeBundleStream, type WriteOptions } from "./write";
export { nobleSha256, type Sha256, type Sha256Factory } from "./hash";
export { bundleFileName } from "./fileName";
export { readBundle, bundleFromZip, lockKind } from "./read";
export { sealKeyFile, openKeyFile, type SealKeyOptions } from "./keyFile";
export { selectDelta, stampRange, withReferencedSources } from "./delta";
export {
  generateIdentity,
  recipientOf,
  isValidRecipient,
  isValidIdentity,
  fingerprint,
  passphraseStrength,
  MIN_PASSPHRASE_LENGTH,
} from "./keys";
export type { PassphraseStrength, KeyPair } from "./keys";
export { SIGNATURE_FILE, SIGNATURE_ALG, type BundleSignature } from "./signature";
export { judgeSender, needsConfirmation, senderLine, UNSIGNED_MESSAGE, type KnownKeys, type SenderCheck } from "./sender";
