/**
 * The one error type bundle reading and writing throws. `code` lets the UI react (ask for a passphrase,
 * offer another key); `message` is written for a researcher and names the file when we know it.
 */

export type BundleErrorCode =
  | "not-a-bundle"
  | "needs-passphrase"
  | "needs-identity"
  | "wrong-key"
  | "wrong-passphrase"
  | "truncated"
  | "tampered"
  | "newer-version"
  | "bad-manifest"
  | "invalid-records"
  /** Past a bundle limit, or a source too large to hold in a bundle. */
  | "too-large"
  | "bad-key";

export class BundleError extends Error {
  override readonly name = "BundleError";
  constructor(
    readonly code: BundleErrorCode,
    message: string,
    readonly fileName?: string,
  ) {
    super(message);
  }
}

/** "team.margin" or "This file": the subject of every message. */
export function subject(fileName?: string): string {
  return fileName ? `“${fileName}”` : "This file";
}
