import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "../db/helpers";
import { createProjectFromBundle, exportBundle, openBundle, planImport } from "../../../renderer/db/exchange";
import { ensureIdentity, mySecretKey } from "../../../renderer/db/identity";
import { saveProfile } from "../../../renderer/db/profile";
import { openProject } from "../../../renderer/db/projects";
import { createSampleProject } from "../../../renderer/db/sample";

beforeEach(freshIndexedDb);

describe("opening a bundle to merge into its own project", () => {
  it("leaves out the transcripts the project has, plans the same merge, and refuses to make a new project from it", async () => {
    const profile = await saveProfile({ name: "Amira Patel", initials: "AP" });
    const me = await ensureIdentity(null);
    const sample = await openProject((await createSampleProject(profile)).id, profile);
    const exported = await exportBundle(sample, { scope: "whole", recipients: [], me: { recipient: me.recipient, name: profile.name } });
    const key = { identities: [await mySecretKey(null)] };
    const sourceIds = (await sample.db.sourceContent.toCollection().primaryKeys()).sort();
    expect(sourceIds.length).toBeGreaterThan(1);

    const whole = await openBundle(exported.bytes, exported.fileName, key);
    const into = await openBundle(exported.bytes, exported.fileName, key, sample);
    expect(whole.contentLeftOut).toEqual([]);
    expect(whole.tables.sourceContent.map((c) => c.id).sort()).toEqual(sourceIds);
    expect(into.tables.sourceContent).toEqual([]);
    expect([...into.contentLeftOut].sort()).toEqual(sourceIds);

    const a = await planImport(sample, whole);
    const b = await planImport(sample, into);
    expect(b.plan.preview).toEqual(a.plan.preview);
    expect(b.plan.empty).toBe(true);
    await expect(createProjectFromBundle(into, profile, true)).rejects.toThrow(/opened to merge into a project/);
  });
});
