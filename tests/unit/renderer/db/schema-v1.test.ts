import { beforeEach, describe, expect, it } from "vitest";
import Dexie from "dexie";
import { freshIndexedDb } from "./helpers";
import { ProjectDatabase } from "../../../../renderer/db/projectDb";
import { PROJECT_SCHEMA_V1, PROJECT_SCHEMA_VERSION, projectDbName } from "../../../../renderer/db/schema";

beforeEach(freshIndexedDb);

describe("project schema v1", () => {
  it("opens on an empty database with every table of the data model (docs/architecture.md)", async () => {
    const db = new ProjectDatabase("p1");
    await db.open();
    expect(db.verno).toBe(PROJECT_SCHEMA_VERSION);
    const names = db.tables.map((t) => t.name).sort();
    expect(names).toEqual(
      ["attributes", "cases", "coders", "codings", "codes", "journal", "memos", "meta", "sourceContent", "sources"].sort(),
    );
    expect(Object.keys(PROJECT_SCHEMA_V1).sort()).toEqual(names);
    // The compound index retrieval relies on exists.
    expect(db.codings.schema.idxByName["[sourceId+codeId]"]).toBeDefined();
    expect(db.sources.schema.idxByName["caseIds"]?.multi).toBe(true);
    db.close();
  });

  it("creates the database under a per-project name", async () => {
    const db = new ProjectDatabase("abc");
    await db.open();
    expect(await Dexie.getDatabaseNames()).toContain(projectDbName("abc"));
    db.close();
  });
});
