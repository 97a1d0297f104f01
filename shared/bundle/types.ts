/**
 * Public types of the encrypted project bundle (`.margin`): an age-encrypted zip of `manifest.json`
 * plus one NDJSON file per table. The format itself is documented in docs/bundle-format.md.
 */
import type { ProjectTableName } from "../model/tables";
import type { Sha256Factory } from "./hash";
import type { ChunkOpener } from "./payload";

export const BUNDLE_FORMAT = "margin-bundle";
/** The format version this code writes; older versions are migrated on read, newer ones refused. */
export const BUNDLE_FORMAT_VERSION = 2;

export interface BundleTableEntry {
  /** Name of the NDJSON file inside the zip, e.g. "tables/codings.ndjson". */
  file: string;
  /** Number of records (lines) in the file. */
  count: number;
  /** Lower-case hex SHA-256 of the file's bytes exactly as stored in the zip (before compression). */
  sha256: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  projectId: string;
  projectName: string;
  exporter: { coderId: string; name: string };
  /** ISO-8601 time the bundle was made. */
  createdAt: string;
  /** "whole": every record of the project; "delta": only records changed after `since`. */
  kind: "whole" | "delta";
  /** For a delta: the HLC stamp changes are counted from (exclusive). Null for a whole project. */
  since: string | null;
  /** Lowest and highest `updatedAt` among the bundle's records (null when it holds none). */
  hlc: { from: string | null; to: string | null };
  tables: Record<ProjectTableName, BundleTableEntry>;
}

/** What the exporter says about the bundle; counts, hashes and the HLC range are computed. */
export interface BundleInfo {
  projectId: string;
  projectName: string;
  exporter: { coderId: string; name: string };
  kind: "whole" | "delta";
  since: string | null;
  /** Defaults to the current time. */
  createdAt?: string;
}

/** How to lock a bundle: to team members' public keys (always include the exporter's own) or to a passphrase. */
export type BundleLock = { recipients: string[] } | { passphrase: string };

/** How to unlock a bundle: one or more of my identities (AGE-SECRET-KEY-1…) or a passphrase. */
export type BundleKey = { identities: string[] } | { passphrase: string };

export interface BundleProgress {
  phase: "packing" | "unpacking";
  /** Packing: records serialised so far, across all tables. Unpacking: bytes of the file read so far. */
  done: number;
  total: number;
}

export interface ReadOptions {
  /** Shown in error messages, e.g. "team-2026-11-26.margin". */
  fileName?: string;
  onProgress?: (progress: BundleProgress) => void;
  /** SHA-256 for the table hashes; default @noble/hashes. Node passes node:crypto, the worker WebCrypto (much faster). */
  hasher?: Sha256Factory;
  /** Opens age's payload chunks; default @noble/ciphers. Node passes its native ChaCha20-Poly1305 (~20× faster). */
  chunkOpener?: ChunkOpener;
  /**
   * Transcripts the caller already has: when the bundle is of this project, the content lines of these
   * sources are hashed and counted but not parsed, and are left out of `tables.sourceContent` (listed in
   * `contentLeftOut`). A transcript never changes once imported, so merging does not need them again.
   */
  skipContent?: SkipContent;
  /** Bounds on what the bundle may unpack to; default BUNDLE_LIMITS (shared/bundle/limits.ts). Tests lower them. */
  limits?: Partial<import("./limits").BundleLimits>;
}

export interface SkipContent {
  projectId: string;
  sourceIds: ReadonlySet<string>;
}

export interface OpenedBundle {
  manifest: BundleManifest;
  tables: import("../model/tables").ProjectTables;
  /** Source ids whose content was in the bundle but not parsed (ReadOptions.skipContent); usually none. */
  contentLeftOut: string[];
  /**
   * Records left out because the project it was opened into has them at the same version
   * (shared/merge/known.ts), per table and coder; absent unless it was opened against a project's versions.
   */
  recordsLeftOut?: import("../merge/known").LeftOutCounts;
  /** The exporter's valid signature (signature.ts); absent for an unsigned bundle (older, or made without a key). */
  signature?: import("./signature").BundleSignature;
}

/** What a file is locked with, read from its age header without any key. */
export type LockKind = "passphrase" | "recipients" | "not-age";
