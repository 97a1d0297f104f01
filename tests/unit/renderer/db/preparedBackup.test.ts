import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDbAndBackups, webHost } from "./helpers";
import { changesSinceBackup, listBackups, openBackup, prepareBackup } from "../../../../renderer/db/backups";
import { renameCode } from "../../../../renderer/db/codes";
import { bundleCodec, setBundleCodec } from "../../../../renderer/db/exchange/codec";
import { lastJournalSeq } from "../../../../renderer/db/journalQueries";
import { readProjectTables } from "../../../../renderer/db/projectTables";
import { openSampleProject, saveCoder } from "../../helpers/project";

beforeEach(freshIndexedDbAndBackups);

async function sample() {
  const profile = await saveCoder();
  return openSampleProject(profile);
}

const codeNames = (tables: { codes: { name: string; deleted: boolean }[] }) =>
  tables.codes
    .filter((c) => !c.deleted)
    .map((c) => c.name)
    .sort();

describe("a backup packed while the merge preview is read", () => {
  it("is saved only when asked, holds the project as it was, and counts as the latest backup", async () => {
    const project = await sample();
    const prepared = prepareBackup(project, "merge", webHost, "Amira Patel");
    // Packing runs on; nothing is saved until the merge goes ahead.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await listBackups(project.entry.id, webHost)).toEqual([]);

    const name = await prepared.save();
    expect(name).toMatch(/-merge\.margin$/);
    expect((await listBackups(project.entry.id, webHost)).map((b) => b.fileName)).toEqual([name]);
    const opened = await openBackup(project.entry.id, name, webHost);
    expect(codeNames(opened.tables)).toEqual(codeNames({ codes: await project.db.codes.toArray() }));
    expect(opened.tables.sourceContent.length).toBe(await project.db.sourceContent.count());
    expect(await changesSinceBackup(project)).toBe(0);
  });

  it("a change made after packing began is in the saved backup: it is taken afresh", async () => {
    const project = await sample();
    const prepared = prepareBackup(project, "merge", webHost, "Amira Patel");
    const code = (await project.db.codes.toArray()).find((c) => !c.deleted);
    if (!code) throw new Error("the sample project has codes");
    await renameCode(project, code.id, "Renamed while the preview was open");
    const name = await prepared.save();
    const opened = await openBackup(project.entry.id, name, webHost);
    expect(codeNames(opened.tables)).toContain("Renamed while the preview was open");
    expect(await listBackups(project.entry.id, webHost)).toHaveLength(1);
    expect(await changesSinceBackup(project)).toBe(0);
  });

  it("from the preview's read of the project: only the transcripts are read again; a stale read is not used", async () => {
    const project = await sample();
    const read = { lastSeq: await lastJournalSeq(project), tables: await readProjectTables(project.db, { content: false }) };
    const name = await prepareBackup(project, "merge", webHost, "Amira Patel", read).save();
    const opened = await openBackup(project.entry.id, name, webHost);
    const whole = await readProjectTables(project.db, { content: true });
    expect(opened.tables.codings.map((c) => c.id).sort()).toEqual(whole.codings.map((c) => c.id).sort());
    expect(opened.tables.sourceContent.map((c) => c.id).sort()).toEqual(whole.sourceContent.map((c) => c.id).sort());
    expect(opened.tables.sourceContent.map((c) => c.text).join("").length).toBeGreaterThan(1000);

    // The preview's read predates a rename: it must not become the backup.
    const code = (await project.db.codes.toArray()).find((c) => !c.deleted);
    if (!code) throw new Error("the sample project has codes");
    const stale = { lastSeq: await lastJournalSeq(project), tables: await readProjectTables(project.db, { content: false }) };
    await renameCode(project, code.id, "Renamed after the preview was read");
    const second = await prepareBackup(project, "merge", webHost, "Amira Patel", stale).save();
    expect(codeNames((await openBackup(project.entry.id, second, webHost)).tables)).toContain("Renamed after the preview was read");
  });

  it("discarded (the preview was cancelled), its packing is stopped and nothing is saved", async () => {
    const project = await sample();
    // A codec whose packing runs until it is told to stop, as the worker's does for a large project.
    const writes: AbortSignal[] = [];
    const real = bundleCodec();
    setBundleCodec({
      ...real,
      write: (_tables, _info, _lock, _progress, options) =>
        new Promise((_resolve, reject) => {
          const signal = options?.signal;
          if (!signal) return reject(new Error("a prepared backup must be abandonable"));
          writes.push(signal);
          signal.addEventListener("abort", () => reject(signal.reason), { once: true });
        }),
    });
    try {
      const prepared = prepareBackup(project, "merge", webHost, "Amira Patel");
      await expect.poll(() => writes.length).toBe(1);
      expect(writes[0]?.aborted).toBe(false);
      prepared.discard();
      expect(writes[0]?.aborted).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await listBackups(project.entry.id, webHost)).toEqual([]);
    } finally {
      setBundleCodec(real);
    }
  });
});
