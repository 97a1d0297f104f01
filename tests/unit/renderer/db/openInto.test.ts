import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { createProjectFromBundle } from "../../../../renderer/db/exchange/projectFromBundle";
import { exportBundle } from "../../../../renderer/db/exchange/exportBundle";
import { openBundle, readProjectAhead } from "../../../../renderer/db/exchange/openBundle";
import { planImport } from "../../../../renderer/db/exchange/importBundle";
import { ensureIdentity, mySecretKey } from "../../../../renderer/db/identity";
import { openProject } from "../../../../renderer/db/projects";
import { codeRange } from "../../../../renderer/db/codings";
import { createCode } from "../../../../renderer/db/codes";
import { saveCoder, openSampleProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

/** The sample project and a whole-project bundle of it locked to my key. */
async function sampleAndItsBundle() {
  const profile = await saveCoder();
  const me = await ensureIdentity(null);
  const sample = await openSampleProject(profile);
  const exported = await exportBundle(sample, { scope: "whole", recipients: [], me: { recipient: me.recipient, name: profile.name } });
  return { profile, sample, exported, key: { identities: [await mySecretKey(null)] } };
}

describe("opening a bundle to merge into its own project", () => {
  it("leaves out the transcripts the project has, plans the same merge, and refuses to make a new project from it", async () => {
    const { profile, sample, exported, key } = await sampleAndItsBundle();
    const sourceIds = (await sample.db.sourceContent.toCollection().primaryKeys()).sort();
    expect(sourceIds.length).toBeGreaterThan(1);

    const whole = await openBundle(exported.bytes, exported.fileName, key);
    const into = await openBundle(exported.bytes, exported.fileName, key, sample);
    expect(whole.contentLeftOut).toEqual([]);
    expect(whole.tables.sourceContent.map((c) => c.id).sort()).toEqual(sourceIds);
    expect(into.tables.sourceContent).toEqual([]);
    expect([...into.contentLeftOut].sort()).toEqual(sourceIds);
    // Every record is here at the same version: none is handed over, all are counted.
    expect(into.tables.codings).toEqual([]);
    expect(into.tables.codes).toEqual([]);
    const leftOutCodings = Object.values(into.recordsLeftOut?.codings ?? {}).reduce((a, n) => a + n, 0);
    expect(leftOutCodings).toBe(await sample.db.codings.count());
    expect(whole.recordsLeftOut).toBeUndefined();

    const a = await planImport(sample, whole);
    const b = await planImport(sample, into);
    expect(b.plan.preview).toEqual(a.plan.preview);
    expect(b.plan.empty).toBe(true);
    await expect(createProjectFromBundle(into, profile, true)).rejects.toThrow(/opened to merge into a project/);
  });

  it("hands over only what could change something: a colleague's new coding and code, planned as from the whole bundle", async () => {
    const { profile, sample, exported, key } = await sampleAndItsBundle();
    // A colleague's copy of the project (same records), where one code and one coding are added.
    const copy = await openProject(
      await createProjectFromBundle(await openBundle(exported.bytes, exported.fileName, key), profile, true),
      profile,
    );
    const source = (await copy.db.sources.toArray())[0];
    const code = await createCode(copy, { name: "Added on the other laptop" });
    if (!source) throw new Error("the sample project has sources");
    const made = await codeRange(copy, source.id, code.id, { start: 0, end: 5 });
    const back = await exportBundle(copy, {
      scope: "whole",
      recipients: [],
      me: { recipient: (await ensureIdentity(null)).recipient, name: profile.name },
    });

    const whole = await openBundle(back.bytes, back.fileName, key);
    const into = await openBundle(back.bytes, back.fileName, key, sample);
    expect(into.tables.codings.map((c) => c.id)).toEqual([made.id]);
    expect(into.tables.codes.map((c) => c.id)).toEqual([code.id]);
    expect(whole.tables.codings.length).toBe((await sample.db.codings.count()) + 1);

    const a = await planImport(sample, whole);
    const b = await planImport(sample, into);
    expect(b.plan.winners).toEqual(a.plan.winners);
    expect(b.plan.preview).toEqual(a.plan.preview);
    expect(b.plan.preview.byTable.codings).toMatchObject({ new: 1, unchanged: await sample.db.codings.count() });
  });
});

describe("the project's records read while the bundle opens", () => {
  it("plans with what the project holds when the preview is made, not when the bundle began to open", async () => {
    const { sample, exported, key } = await sampleAndItsBundle();

    // Nothing written in between: the early read is used, and the plan equals one made from a fresh read.
    const quiet = await openBundle(exported.bytes, exported.fileName, key, sample);
    const fresh = await planImport(sample, quiet);
    expect(fresh.local.codings.length).toBe(await sample.db.codings.count());

    // A coding made after the bundle was opened (the early read began before it) is in the plan's
    // records: the read is seen to be stale by the journal and made again.
    const opened = await openBundle(exported.bytes, exported.fileName, key, sample);
    const source = (await sample.db.sources.toArray())[0];
    const code = (await sample.db.codes.toArray()).find((c) => !c.isCategory);
    if (!source || !code) throw new Error("the sample project has sources and codes");
    const made = await codeRange(sample, source.id, code.id, { start: 0, end: 5 });
    const prepared = await planImport(sample, opened);
    expect(prepared.local.codings.map((c) => c.id)).toContain(made.id);
    expect(prepared.local.codings.length).toBe(fresh.local.codings.length + 1);
    // The bundle does not have the new coding, and merging never removes what it lacks.
    expect(prepared.plan.empty).toBe(true);
  });

  it("a read begun when the dialog opened is used by the preview, unless the project changed since; released, it is not kept", async () => {
    const { sample, exported, key } = await sampleAndItsBundle();
    const reads = () => performance.getEntriesByName("margin:project-read").length;
    performance.clearMeasures();

    const release = readProjectAhead(sample);
    const opened = await openBundle(exported.bytes, exported.fileName, key, sample);
    const prepared = await planImport(sample, opened);
    expect(reads()).toBe(1); // the dialog's read, not another one
    expect(prepared.local.codings.length).toBe(await sample.db.codings.count());

    // A coding made after that read: the preview reads again and has it.
    const source = (await sample.db.sources.toArray())[0];
    const code = (await sample.db.codes.toArray()).find((c) => !c.isCategory);
    if (!source || !code) throw new Error("the sample project has sources and codes");
    const made = await codeRange(sample, source.id, code.id, { start: 0, end: 5 });
    const again = await planImport(sample, await openBundle(exported.bytes, exported.fileName, key, sample));
    expect(again.local.codings.map((c) => c.id)).toContain(made.id);
    expect(reads()).toBe(2);

    // Released (the dialog closed): the next preview makes its own read.
    release();
    await planImport(sample, await openBundle(exported.bytes, exported.fileName, key, sample));
    expect(reads()).toBe(3);
  });
});
