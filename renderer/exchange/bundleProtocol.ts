import type { BundleErrorCode, BundleInfo, BundleKey, BundleLock, BundleProgress, OpenedBundle, SkipContent } from "../../shared/bundle";
import type { KnownVersions } from "../../shared/merge";
import type { ProjectTables } from "../../shared/model/tables";

/** Messages between the exchange UI and the bundle worker. */
export type BundleRequest =
  /** `signWith`: my secret key, to sign the manifest (shared/bundle/signature.ts). */
  | { op: "write"; tables: ProjectTables; info: BundleInfo; lock: BundleLock; scryptWorkFactor?: number; signWith?: string }
  /** With `knownFollows`, a "known" message follows once the page has read the project's versions. */
  | { op: "read"; bytes: Uint8Array; key: BundleKey; fileName: string; skipContent?: SkipContent; knownFollows?: boolean }
  | { op: "known"; known: KnownVersions | null }
  | { op: "seal-key"; identity: string; passphrase: string }
  | { op: "open-key"; bytes: Uint8Array; passphrase: string; fileName: string };

export type BundleResponse =
  | { kind: "progress"; progress: BundleProgress }
  | { kind: "written"; bytes: Uint8Array }
  | { kind: "opened"; opened: OpenedBundle; timing: WorkerReadTiming }
  | { kind: "key-sealed"; bytes: Uint8Array }
  | { kind: "key-opened"; identity: string }
  | { kind: "failed"; bundleError: { code: BundleErrorCode; message: string; fileName?: string } | null; message: string };

/** Where an open's time went inside the worker (shown as User Timing measures in the page). */
export interface WorkerReadTiming {
  readMs: number;
  /** Time spent opening age's payload chunks (ChaCha20-Poly1305), summed. */
  decryptMs: number;
  /** Waiting for the project's versions, then leaving out the records it already has. */
  leaveOutMs: number;
  /** performance.timeOrigin + performance.now() when the reply was posted: the rest is copying it to the page. */
  postedAt: number;
}
