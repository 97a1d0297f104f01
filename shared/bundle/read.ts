import type { BundleKey, LockKind, OpenedBundle, ReadOptions } from "./types";

/**
 * Decrypts, unzips and verifies a bundle: format name, version (newer refused, older migrated), and
 * each table's SHA-256 and record count. Throws BundleError with a code and a message naming the file.
 */
export async function readBundle(bytes: Uint8Array, key: BundleKey, options: ReadOptions = {}): Promise<OpenedBundle> {
  void bytes; void key; void options;
  throw new Error("not implemented");
}

/** A plain zip of a bundle (e.g. decrypted with `age -d`), verified the same way. */
export async function bundleFromZip(zip: Uint8Array, options: ReadOptions = {}): Promise<OpenedBundle> {
  void zip; void options;
  throw new Error("not implemented");
}

/** What the file is locked with, from its header, without a key: so the UI asks for the right thing. */
export function lockKind(bytes: Uint8Array): LockKind {
  void bytes;
  throw new Error("not implemented");
}
