/**
 * How much a bundle may unpack to. An authentic bundle (right key, right hashes) can still be a
 * compression bomb or hold millions of tiny records; these bounds are counted while the tables inflate,
 * so reading stops before memory runs out. Generous multiples of the seed scale (1,000 sources, 8M
 * words, 500 codes, 100k codings: 82 MB of table text): docs/bundle-format.md "Limits".
 */
import type { ProjectTableName } from "../model/tables";

export interface BundleLimits {
  /** Uncompressed bytes of all tables together. */
  totalBytes: number;
  /** Characters (UTF-16 units; bytes for the content table's skipped lines) of one record's line. */
  lineLength: number;
  /** Uncompressed bytes of manifest.json. */
  manifestBytes: number;
  /** Records (lines) per table. */
  records: Readonly<Record<ProjectTableName, number>>;
}

export const BUNDLE_LIMITS: BundleLimits = {
  totalBytes: 1024 * 1024 * 1024,
  lineLength: 256 * 1024 * 1024,
  manifestBytes: 1024 * 1024,
  records: {
    sources: 50_000,
    sourceContent: 50_000,
    codes: 50_000,
    codings: 1_000_000,
    memos: 200_000,
    cases: 50_000,
    attributes: 5_000,
    coders: 5_000,
    savedSearches: 50_000,
    speakers: 50_000,
    casePassages: 1_000_000,
  },
};

/** The defaults with some bounds replaced (tests lower them to stay fast). */
export function limitsWith(overrides: Partial<BundleLimits> = {}): BundleLimits {
  return { ...BUNDLE_LIMITS, ...overrides, records: { ...BUNDLE_LIMITS.records, ...overrides.records } };
}
