import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { createProject, openProject, type ProjectEntry } from "../../../../renderer/db/projects";
import { closeAllProjectDatabases, projectDatabase } from "../../../../renderer/db/projectDb";
import { saveProfile } from "../../../../renderer/db/profile";

beforeEach(freshIndexedDb);

describe("openProject's beforeUpgrade hook (the app backs up before a schema upgrade)", () => {
  it("runs before this window first opens the project's database, and not when it is already open", async () => {
    const profile = await saveProfile({ name: "Amira Patel", initials: "AP" });
    const { id } = await createProject("Ward study", profile);
    closeAllProjectDatabases();
    const seen: { entry: ProjectEntry; wasOpen: boolean }[] = [];
    const beforeUpgrade = (entry: ProjectEntry) => {
      seen.push({ entry, wasOpen: projectDatabase(id).isOpen() });
      return Promise.resolve();
    };
    const project = await openProject(id, profile, { beforeUpgrade });
    expect(seen).toEqual([{ entry: expect.objectContaining({ id, name: "Ward study" }), wasOpen: false }]);
    expect(project.db.isOpen()).toBe(true);
    await openProject(id, profile, { beforeUpgrade });
    expect(seen).toHaveLength(1);
  });

  it("stops the opening when the hook fails, leaving the database unopened", async () => {
    const profile = await saveProfile({ name: "Amira Patel", initials: "AP" });
    const { id } = await createProject("Ward study", profile);
    closeAllProjectDatabases();
    await expect(
      openProject(id, profile, { beforeUpgrade: () => Promise.reject(new Error("The backup could not be saved.")) }),
    ).rejects.toThrow("The backup could not be saved.");
    expect(projectDatabase(id).isOpen()).toBe(false);
    expect((await openProject(id, profile)).entry.id).toBe(id);
  });
});
