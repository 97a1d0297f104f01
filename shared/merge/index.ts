/**
 * Merging a bundle into a project (issue 5 item 4). Pure: the renderer plans, shows the preview, asks
 * about code clashes and conflicts, then writes `applyMergePlan(...).puts` in one transaction.
 *
 *   planMerge(local, incoming, { lastExchangeAt })   → MergePlan (preview, clashes, conflicts)
 *   applyMergePlan(local, plan, resolutions, ctx)    → { puts, summary }
 *   joinTables(a, b)                                 → the plain last-writer-wins join (CLI, tests)
 *
 * Rules and why: docs/bundle-format.md "Merge".
 */
export type {
  AppliedMerge,
  ApplyContext,
  ChangeCounts,
  ClashResolution,
  CodeClash,
  MergeConflict,
  MergeOptions,
  MergePlan,
  MergeResolutions,
  MergeSummary,
  StampedTableName,
} from "./types";
export { planMerge } from "./plan";
export { applyCodeMerge, applyMergePlan } from "./apply";
export { compareVersions, overlay, stableStringify, STAMPED_TABLES } from "./lww";
export { joinTables } from "./join";
export { describeRepairs, isSettledStamp, rawCode, rawCoding, settleCodes, type SettleReport } from "./settle";
export { matchSources } from "./plan";
export { liveCounts } from "./counts";
export { addLeftOut, knownVersionsOf, leaveOutKnown, openedWithoutKnown, type KnownVersions, type LeftOutCounts } from "./known";
