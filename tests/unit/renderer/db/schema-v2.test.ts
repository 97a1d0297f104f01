/**
 * Schema version 2 (issue 16): three new stores (savedSearches, speakers, casePassages). A project
 * written at version 1 opens at version 2 with every record and journal entry kept and the new stores
 * empty, after the backup-before-migration has saved the version-1 database.
 */
import { beforeEach, describe, expect, it } from "vitest";
// First: it installs the fake IndexedDB before Dexie loads.
import { freshIndexedDbAndBackups, webHost } from "./helpers";
import Dexie from "dexie";
import { backupBeforeUpgrade, listBackups, openBackup } from "../../../../renderer/db/backups";
import { ProjectDatabase } from "../../../../renderer/db/projectDb";
import { openProject } from "../../../../renderer/db/projects";
import { registryDatabase } from "../../../../renderer/db/registry";
import { saveProfile } from "../../../../renderer/db/profile";
import { PROJECT_SCHEMA_V1, PROJECT_SCHEMA_V2, PROJECT_SCHEMA_VERSION, projectDbName } from "../../../../renderer/db/schema";
import { saveSearch } from "../../../../renderer/db/savedSearches";
import type { JournalEntry } from "../../../../shared/model/records";
import { sampleProject } from "../../shared/bundle/fixtures";

beforeEach(freshIndexedDbAndBackups);

const PROJECT_ID = "0196f3c2-2222-7aaa-8bbb-000000000002";

/** A populated project database as Margin wrote it at version 1, and its registry entry. */
async function writeVersion1Project(): Promise<void> {
  const t = sampleProject();
  const old = new Dexie(projectDbName(PROJECT_ID));
  old.version(1).stores(PROJECT_SCHEMA_V1);
  await old.open();
  await old.table("meta").put({ key: "project", projectId: PROJECT_ID, name: "Ward study", createdAt: "2026-11-26T10:00:00.000Z" });
  for (const table of ["sources", "sourceContent", "codes", "codings", "memos", "cases", "attributes", "coders"] as const)
    await old.table(table).bulkPut(t[table]);
  const journal: JournalEntry[] = t.codings.map((c) => ({
    at: c.updatedAt,
    coderId: c.updatedBy,
    table: "codings",
    recordId: c.id,
    op: "create",
    label: "Coded",
    batchId: `batch-${c.id}`,
    before: null,
    after: c,
  }));
  await old.table("journal").bulkAdd(journal);
  old.close();
  await registryDatabase().projects.add({
    id: PROJECT_ID,
    name: "Ward study",
    createdAt: "2026-11-26T10:00:00.000Z",
    lastOpenedAt: null,
    sourceCount: 2,
    deletedAt: null,
  });
}

describe("project schema v2", () => {
  it("a new database has every table of the data model, the three new stores included", async () => {
    const db = new ProjectDatabase("p1");
    await db.open();
    expect(db.verno).toBe(PROJECT_SCHEMA_VERSION);
    expect(PROJECT_SCHEMA_VERSION).toBe(2);
    const names = db.tables.map((t) => t.name).sort();
    expect(names).toEqual(Object.keys(PROJECT_SCHEMA_V2).sort());
    expect(names).toEqual(expect.arrayContaining(["savedSearches", "speakers", "casePassages"]));
    // Version 1's stores are unchanged in version 2.
    for (const [store, spec] of Object.entries(PROJECT_SCHEMA_V1))
      expect(PROJECT_SCHEMA_V2[store as keyof typeof PROJECT_SCHEMA_V2]).toBe(spec);
    expect(db.casePassages.schema.idxByName["[caseId+sourceId]"]).toBeDefined();
    expect(db.speakers.schema.idxByName["label"]).toBeDefined();
    db.close();
  });

  it("a populated version-1 project opens at version 2 with nothing lost, new stores empty, after a backup", async () => {
    await writeVersion1Project();
    const profile = await saveProfile({ name: "Amira Patel", initials: "AP" });
    const project = await openProject(PROJECT_ID, profile, { beforeUpgrade: backupBeforeUpgrade(profile, webHost) });

    // The backup of the version-1 database was taken before the upgrade, and holds its records.
    const backups = await listBackups(PROJECT_ID, webHost);
    expect(backups.map((b) => b.reason)).toEqual(["migration"]);
    const backup = await openBackup(PROJECT_ID, backups[0]!.fileName, webHost);
    expect(backup.tables.codings).toEqual(sampleProject().codings);
    expect(backup.tables.savedSearches).toEqual([]);

    const { db } = project;
    expect(db.verno).toBe(2);
    const t = sampleProject();
    expect(await db.sources.toArray()).toEqual(t.sources);
    expect(await db.sourceContent.toArray()).toEqual(t.sourceContent);
    expect(await db.codes.toArray()).toEqual(t.codes);
    expect(await db.codings.toArray()).toEqual(t.codings);
    expect(await db.memos.toArray()).toEqual(t.memos);
    expect(await db.cases.toArray()).toEqual(t.cases);
    expect((await db.journal.toArray()).filter((e) => e.table === "codings")).toHaveLength(t.codings.length);
    expect(await db.savedSearches.count()).toBe(0);
    expect(await db.speakers.count()).toBe(0);
    expect(await db.casePassages.count()).toBe(0);

    // The new stores take journaled writes at once.
    await saveSearch(project, {
      name: "Go-live",
      query: "go-live",
      regex: false,
      matchCase: false,
      wholeWords: false,
      scope: {},
      notes: { memos: false, annotations: false },
    });
    expect(await db.savedSearches.count()).toBe(1);
    expect((await db.journal.toArray()).at(-1)).toMatchObject({ table: "savedSearches", op: "create" });

    // Opening it again (already at version 2) takes no second migration backup.
    project.db.close();
    await backupBeforeUpgrade(profile, webHost)(project.entry);
    expect(await listBackups(PROJECT_ID, webHost)).toHaveLength(1);
  });
});
