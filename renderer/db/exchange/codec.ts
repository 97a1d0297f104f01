/**
 * How bundles are packed and opened. The app wires a Web Worker once at start-up (renderer/app/startUp.ts,
 * renderer/exchange/workerCodec.ts) so scrypt and encryption never freeze the window; tests and the
 * fallback run them here.
 */
import {
  openKeyFile,
  readBundle,
  sealKeyFile,
  writeBundle,
  type BundleInfo,
  type BundleKey,
  type BundleLock,
  type BundleProgress,
  type OpenedBundle,
  type SkipContent,
} from "../../../shared/bundle";
import type { WriteOptions } from "../../../shared/bundle/write";
import { openedWithoutKnown, type KnownVersions } from "../../../shared/merge";
import type { ProjectTables } from "../../../shared/model/tables";

/** `signal`: abandon the packing (a pre-merge backup whose preview was cancelled); the write then rejects. */
export interface CodecWriteOptions extends WriteOptions {
  signal?: AbortSignal;
}

export interface BundleCodec {
  write(
    tables: ProjectTables,
    info: BundleInfo,
    lock: BundleLock,
    onProgress?: (p: BundleProgress) => void,
    options?: CodecWriteOptions,
  ): Promise<Uint8Array>;
  /**
   * Opens a bundle. With `known` (the versions of the project it is opened into, once read), the records
   * the project has at the same version are left out of what is returned (shared/merge/known.ts).
   */
  read(
    bytes: Uint8Array,
    key: BundleKey,
    options: { fileName: string; skipContent?: SkipContent; known?: Promise<KnownVersions | null> },
  ): Promise<OpenedBundle>;
  /** A passphrase-locked copy of my key (shared/bundle/keyFile.ts), and opening one. */
  sealKey(identity: string, passphrase: string): Promise<Uint8Array>;
  openKey(bytes: Uint8Array, passphrase: string, fileName: string): Promise<string>;
}

export const directCodec: BundleCodec = {
  write: async (tables, info, lock, onProgress, { signal, ...options } = {}) => {
    signal?.throwIfAborted();
    return writeBundle(tables, info, lock, onProgress, options);
  },
  read: async (bytes, key, { known, ...options }) => {
    const opened = await readBundle(bytes, key, options);
    return known ? openedWithoutKnown(opened, await known) : opened;
  },
  sealKey: (identity, passphrase) => sealKeyFile(identity, passphrase),
  openKey: (bytes, passphrase, fileName) => openKeyFile(bytes, passphrase, fileName),
};

let codec: BundleCodec = directCodec;

/** Called once at start-up by the app (and by tests that watch the codec), never during a render. */
export function setBundleCodec(next: BundleCodec): void {
  codec = next;
}

export function bundleCodec(): BundleCodec {
  return codec;
}
