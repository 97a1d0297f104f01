import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import {
  createProject,
  deleteProject,
  listDeletedProjects,
  listProjects,
  openProject,
  renameProject,
  restoreProject,
} from "../../../../renderer/db/projects";
import { getProfile, saveProfile } from "../../../../renderer/db/profile";

beforeEach(freshIndexedDb);

describe("projects and the coder profile", () => {
  it("saves the coder profile with cleaned initials", async () => {
    expect(await getProfile()).toBeUndefined();
    const profile = await saveProfile({ name: "  Amira   Patel ", initials: "a.p" });
    expect(profile).toMatchObject({ name: "Amira Patel", initials: "AP" });
    expect(await getProfile()).toEqual(profile);
    await expect(saveProfile({ name: " ", initials: "X" })).rejects.toThrow(/name/);
  });

  it("creates, lists, renames, deletes (recoverably) and restores projects", async () => {
    const profile = await saveProfile({ name: "Amira Patel", initials: "AP" });
    const p = await createProject("  GDE evaluation ", profile);
    expect(p.name).toBe("GDE evaluation");
    expect((await listProjects()).map((x) => x.name)).toEqual(["GDE evaluation"]);
    await renameProject(p.id, "GDE evaluation — wave 2");
    expect((await listProjects())[0]?.name).toBe("GDE evaluation — wave 2");
    await deleteProject(p.id);
    expect(await listProjects()).toEqual([]);
    expect((await listDeletedProjects()).map((x) => x.id)).toEqual([p.id]);
    await restoreProject(p.id);
    expect((await listProjects()).map((x) => x.id)).toEqual([p.id]);
    await expect(createProject("   ", profile)).rejects.toThrow(/name/);
  });

  it("adds the coder to the project's coders table on first open, journaled", async () => {
    const profile = await saveProfile({ name: "Amira Patel", initials: "AP" });
    const p = await createProject("Study", profile);
    const opened = await openProject(p.id, profile);
    expect(opened.entry.lastOpenedAt).not.toBeNull();
    const coder = await opened.db.coders.get(profile.id);
    expect(coder).toMatchObject({ name: "Amira Patel", initials: "AP", deleted: false });
    const journal = await opened.db.journal.toArray();
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ table: "coders", op: "create", coderId: profile.id });
    // Opening again does not add another coder or journal entry.
    await openProject(p.id, profile);
    expect(await opened.db.journal.count()).toBe(1);
  });
});
