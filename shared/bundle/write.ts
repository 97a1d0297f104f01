import type { ProjectTables } from "../model/tables";
import type { BundleInfo, BundleLock, BundleProgress } from "./types";

/**
 * Packs tables into an encrypted bundle: zip (manifest.json + tables/<table>.ndjson) encrypted with age to
 * the recipients or the passphrase. Tables are serialised, hashed and compressed a slice at a time.
 * Throws BundleError "bad-key" for an invalid recipient or a passphrase under 12 characters.
 */
export async function writeBundle(
  tables: ProjectTables,
  info: BundleInfo,
  lock: BundleLock,
  onProgress?: (progress: BundleProgress) => void,
): Promise<Uint8Array> {
  void tables; void info; void lock; void onProgress;
  throw new Error("not implemented");
}

/** The same bytes as writeBundle, as a stream (write it to a temporary file, then rename). */
export function writeBundleStream(
  tables: ProjectTables,
  info: BundleInfo,
  lock: BundleLock,
  onProgress?: (progress: BundleProgress) => void,
): Promise<ReadableStream<Uint8Array>> {
  void tables; void info; void lock; void onProgress;
  throw new Error("not implemented");
}
