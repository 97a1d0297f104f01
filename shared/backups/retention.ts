/**
 * Which backups to keep: the newest `keepLatest` (10), plus the newest backup of each of the last
 * `keepDays` (7) calendar days (UTC), so a mistake noticed days later can still be undone even after a
 * busy afternoon of merges has rotated the latest ten.
 */

export interface RetentionPolicy {
  keepLatest: number;
  keepDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepLatest: 10, keepDays: 7 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns the backups to delete (those the policy does not keep), oldest first. */
export function backupsToDelete<T extends { takenAt: string }>(
  backups: readonly T[],
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): T[] {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  const keep = new Set<T>(newestFirst.slice(0, Math.max(0, policy.keepLatest)));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const oldestDay = today - (policy.keepDays - 1) * DAY_MS;
  const seenDays = new Set<string>();
  for (const backup of newestFirst) {
    const time = Date.parse(backup.takenAt);
    if (Number.isNaN(time) || time < oldestDay) continue;
    const day = backup.takenAt.slice(0, 10);
    if (seenDays.has(day)) continue;
    seenDays.add(day);
    keep.add(backup);
  }
  return newestFirst.filter((b) => !keep.has(b)).reverse();
}
