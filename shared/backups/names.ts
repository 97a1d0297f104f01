/**
 * Backup file names carry everything the Backups list shows (when, why), so listing never decrypts a
 * backup and the main process can validate a name with one pattern (no folders, no traversal).
 *   backup-20261126T191946123Z-merge.margin
 */

export const BACKUP_REASONS = ["auto", "merge", "migration", "restore", "manual"] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

const NAME_PATTERN = /^backup-(\d{8})T(\d{9})Z-(auto|merge|migration|restore|manual)\.margin$/;
const PROJECT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface BackupName {
  fileName: string;
  /** ISO time the backup was taken. */
  takenAt: string;
  reason: BackupReason;
}

export function backupFileName(takenAt: Date, reason: BackupReason): string {
  const iso = takenAt.toISOString(); // 2026-11-26T19:19:46.123Z
  const compact = iso.replace(/[-:.]/g, ""); // 20261126T191946123Z
  return `backup-${compact.slice(0, -1)}Z-${reason}.margin`;
}

/** Parses a backup file name; undefined for anything else (including traversal attempts). */
export function parseBackupFileName(fileName: string): BackupName | undefined {
  const match = NAME_PATTERN.exec(fileName);
  if (!match) return undefined;
  const [, day = "", time = "", reason = "auto"] = match;
  const takenAt = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.${time.slice(6, 9)}Z`;
  if (Number.isNaN(Date.parse(takenAt))) return undefined;
  return { fileName, takenAt, reason: reason as BackupReason };
}

export function isBackupFileName(value: unknown): value is string {
  return typeof value === "string" && parseBackupFileName(value) !== undefined;
}

/** Project ids are UUIDs: the folder a project's backups live in. */
export function isBackupProjectId(value: unknown): value is string {
  return typeof value === "string" && PROJECT_ID_PATTERN.test(value);
}
