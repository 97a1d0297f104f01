import { describe, expect, it } from "vitest";
import { backupFileName, isBackupFileName, isBackupProjectId, parseBackupFileName } from "../../../../shared/backups/names";
import { backupsToDelete } from "../../../../shared/backups/retention";

const now = new Date("2026-11-26T12:00:00.000Z");
const at = (iso: string) => ({ takenAt: iso });

describe("backup retention", () => {
  it("keeps everything when there are ten or fewer", () => {
    const list = Array.from({ length: 10 }, (_, i) => at(`2026-11-0${(i % 9) + 1}T10:00:0${i % 10}.000Z`));
    expect(backupsToDelete(list, now)).toEqual([]);
  });

  it("keeps the newest ten of one busy day and drops the rest", () => {
    const list = Array.from({ length: 15 }, (_, i) => at(`2026-11-26T10:${String(i).padStart(2, "0")}:00.000Z`));
    const gone = backupsToDelete(list, now);
    expect(gone.map((b) => b.takenAt)).toEqual(list.slice(0, 5).map((b) => b.takenAt));
  });

  it("also keeps the newest backup of each of the last seven days", () => {
    const busyToday = Array.from({ length: 12 }, (_, i) => at(`2026-11-26T09:${String(i).padStart(2, "0")}:00.000Z`));
    const earlier = [
      at("2026-11-25T08:00:00.000Z"),
      at("2026-11-25T18:00:00.000Z"), // newest of the 25th: kept
      at("2026-11-20T10:00:00.000Z"), // 6 days ago: kept
      at("2026-11-19T10:00:00.000Z"), // 7 days ago: outside the week
    ];
    const gone = backupsToDelete([...earlier, ...busyToday], now).map((b) => b.takenAt);
    expect(gone).toContain("2026-11-25T08:00:00.000Z");
    expect(gone).toContain("2026-11-19T10:00:00.000Z");
    expect(gone).not.toContain("2026-11-25T18:00:00.000Z");
    expect(gone).not.toContain("2026-11-20T10:00:00.000Z");
    // Today's newest ten kept; its two oldest dropped.
    expect(gone).toContain("2026-11-26T09:00:00.000Z");
    expect(gone).toContain("2026-11-26T09:01:00.000Z");
    expect(gone).not.toContain("2026-11-26T09:02:00.000Z");
    expect(gone).toHaveLength(4);
  });

  it("does not depend on input order", () => {
    const list = Array.from({ length: 14 }, (_, i) => at(`2026-10-${String(i + 1).padStart(2, "0")}T10:00:00.000Z`));
    const a = backupsToDelete(list, now).map((b) => b.takenAt);
    const b = backupsToDelete([...list].reverse(), now).map((b) => b.takenAt);
    expect(a).toEqual(b);
    expect(a).toHaveLength(4);
  });
});

describe("backup file names", () => {
  it("round-trip time and reason", () => {
    const name = backupFileName(new Date("2026-11-26T19:19:46.123Z"), "merge");
    expect(name).toBe("backup-20261126T191946123Z-merge.margin");
    expect(parseBackupFileName(name)).toEqual({ fileName: name, takenAt: "2026-11-26T19:19:46.123Z", reason: "merge" });
  });

  it("refuse anything that is not a backup name", () => {
    for (const bad of [
      "../backup-20261126T191946123Z-merge.margin",
      "backup-20261126T191946123Z-merge.margin/..",
      "x.margin",
      "backup-20261126T191946123Z-evil.margin",
      "",
      "backup-20261326T191946123Z-auto.margin",
    ]) {
      expect(isBackupFileName(bad), bad).toBe(false);
    }
    expect(isBackupProjectId("0196f3c2-1111-7aaa-8bbb-123456789abc")).toBe(true);
    expect(isBackupProjectId("../../etc")).toBe(false);
  });
});
