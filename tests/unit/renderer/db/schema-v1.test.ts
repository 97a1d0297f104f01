import { beforeEach, describe, expect, it } from "vitest";
import Dexie from "dexie";
import { freshIndexedDb } from "./helpers";
import { ProjectDatabase } from "../../../../renderer/db/projectDb";
import { PROJECT_SCHEMA_V1, projectDbName } from "../../../../renderer/db/schema";

beforeEach(freshIndexedDb);

describe("project schema v1", () => {
  it("opens on an empty database with every table of the version 1 data model", async () => {
    // Version 1 as it was released (the current schema is v2: schema-v2.test.ts).
    const db = new Dexie(projectDbName("p1"));
    db.version(1).stores(PROJECT_SCHEMA_V1);
    await db.open();
    expect(db.verno).toBe(1);
    const names = db.tables.map((t) => t.name).sort();
    expect(names).toEqual(
      ["attributes", "cases", "coders", "codings", "codes", "journal", "memos", "meta", "sourceContent", "sources"].sort(),
    );
    expect(Object.keys(PROJECT_SCHEMA_V1).sort()).toEqual(names);
    // The compound index retrieval relies on exists.
    expect(db.table("codings").schema.idxByName["[sourceId+codeId]"]).toBeDefined();
    expect(db.table("sources").schema.idxByName["caseIds"]?.multi).toBe(true);
    db.close();
  });

  it("creates the database under a per-project name", async () => {
    const db = new ProjectDatabase("abc");
    await db.open();
    expect(await Dexie.getDatabaseNames()).toContain(projectDbName("abc"));
    db.close();
  });
});
