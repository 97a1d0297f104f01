import { beforeEach, describe, expect, it, vi } from "vitest";
import { freshIndexedDb } from "./helpers";
import { readBundle } from "../../../../shared/bundle";
import type { RecordMeta } from "../../../../shared/model/records";
import { PROJECT_TABLE_NAMES, type ProjectTables } from "../../../../shared/model/tables";
import { applyImport, NothingNewError, planImport } from "../../../../renderer/db/exchange/importBundle";
import { exportBundle } from "../../../../renderer/db/exchange/exportBundle";
import { fillEmptyProject } from "../../../../renderer/db/exchange/projectFromBundle";
import { getExchange } from "../../../../renderer/db/exchange/stamps";
import { readProjectTables } from "../../../../renderer/db/projectTables";
import { ensureIdentity, mySecretKey } from "../../../../renderer/db/identity";
import { createProject, openProject, type OpenProject } from "../../../../renderer/db/projects";
import { saveCoder, openNewProject, openSampleProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

/** Records by id, stamps included: "equal tables" means every record identical. */
function byId(tables: ProjectTables): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of PROJECT_TABLE_NAMES)
    for (const r of tables[name] as { id: string }[]) out[`${name}:${r.id}`] = r as unknown as Record<string, unknown>;
  return out;
}

async function setup() {
  const profile = await saveCoder();
  const me = await ensureIdentity(null);
  const sample = await openSampleProject(profile);
  const exported = await exportBundle(sample, { scope: "whole", recipients: [], me: { recipient: me.recipient, name: profile.name } });
  const opened = await readBundle(exported.bytes, { identities: [await mySecretKey(null)] }, { fileName: exported.fileName });
  const target = await openNewProject(profile, "Copy");
  return { profile, sample, opened, target };
}

const liveCodings = async (p: OpenProject) =>
  (await p.db.codings.toArray())
    .filter((c) => !c.deleted)
    .map((c) => `${c.sourceId}|${c.codeId}|${c.start}-${c.end}|${c.coderId}`)
    .sort();

describe("renderer/db/exchange", () => {
  it("export → import into a second project gives equal tables", async () => {
    const { sample, opened, target } = await setup();
    const prepared = await planImport(target, opened);
    expect(prepared.plan.empty).toBe(false);
    await applyImport(target, opened, prepared, {});
    // What was received from the exporter is recorded with the merge (the next preview's conflict window).
    expect(prepared.exporterRecipient).not.toBeNull();
    expect((await getExchange(target, prepared.exporterRecipient ?? ""))?.receivedUpTo).toBe(opened.manifest.hlc.to);
    const a = byId(await readProjectTables(sample.db, { content: true }));
    const b = byId(await readProjectTables(target.db, { content: true }));
    // Same coder in both projects: the target's own (later) "Joined project" row rightly wins on the HLC.
    // Every other record from the sample arrives identical, stamps included.
    const mine = `coders:${sample.ctx.coderId}`;
    for (const [key, record] of Object.entries(a)) if (key !== mine) expect(b[key], key).toEqual(record);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(await liveCodings(target)).toEqual(await liveCodings(sample));
  });

  it("writes the merge as one journaled batch that Undo reverts, and a second import changes nothing", async () => {
    const { opened, target } = await setup();
    const journalBefore = await target.db.journal.count();
    const prepared = await planImport(target, opened);
    let backedUp = false;
    await applyImport(target, opened, prepared, {}, async () => {
      backedUp = true;
    });
    expect(backedUp).toBe(true);
    const added = await target.db.journal.where("seq").above(journalBefore).toArray();
    expect(new Set(added.map((e) => e.batchId)).size).toBe(1);
    expect(added[0]?.label).toBe("Merged bundle from Amira Patel");
    expect(target.history.state().undoLabel).toBe("Merged bundle from Amira Patel");

    const again = await planImport(target, opened);
    expect(again.plan.empty).toBe(true);
    await expect(applyImport(target, opened, again, {})).rejects.toBeInstanceOf(NothingNewError);

    await target.history.undo(target);
    expect(await liveCodings(target)).toEqual([]);
  });

  it("a failure half-way through the merge leaves nothing changed", async () => {
    const { opened, target } = await setup();
    const before = byId(await readProjectTables(target.db, { content: true }));
    const journalBefore = await target.db.journal.count();
    const prepared = await planImport(target, opened);
    // The journal write of the second table fails: the first table is written and journaled by then.
    const journal = target.db.journal;
    let calls = 0;
    const original = journal.bulkAdd.bind(journal);
    const spy = vi.spyOn(journal, "bulkAdd").mockImplementation(((...args: Parameters<typeof journal.bulkAdd>) => {
      calls += 1;
      if (calls === 2) return Promise.reject(new Error("disk full"));
      return original(...args);
    }) as typeof journal.bulkAdd);
    await expect(applyImport(target, opened, prepared, {})).rejects.toThrow("disk full");
    spy.mockRestore();
    expect(calls).toBe(2);
    expect(prepared.exporterRecipient).not.toBeNull();
    expect(await getExchange(target, prepared.exporterRecipient ?? "")).toBeUndefined();
    expect(byId(await readProjectTables(target.db, { content: true }))).toEqual(before);
    expect(await target.db.journal.count()).toBe(journalBefore);
    expect(target.history.state().undoLabel).toBeNull();
  });

  it("reads every row of a table, in key order", async () => {
    const { target } = await setup();
    const rows: RecordMeta[] = Array.from({ length: 2500 }, (_, i) => ({
      id: `0196f3c2-0000-7000-8000-${String(i).padStart(12, "0")}`,
      createdAt: "2026-11-26T00:00:00.000Z",
      updatedAt: `1764115200000-0000${i % 10}-node`,
      updatedBy: "x",
      deleted: false,
    }));
    await target.db.table("memos").bulkPut(rows);
    const progress: number[] = [];
    const tables = await readProjectTables(target.db, { content: false, onProgress: (p) => progress.push(p.done) });
    expect(tables.memos.map((m) => m.id)).toEqual(rows.map((r) => r.id));
    expect(tables.sourceContent).toEqual([]);
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });

  it("a delta export carries only records changed since the last exchange with the member", async () => {
    const { profile, sample } = await setup();
    const me = await ensureIdentity(null);
    const peer = (await import("../../../../shared/bundle")).generateIdentity;
    const other = await peer();
    const first = await exportBundle(sample, {
      scope: "changes",
      recipients: [other.recipient],
      me: { recipient: me.recipient, name: profile.name },
    });
    expect(first.kind).toBe("whole");
    expect(first.wholeFor).toEqual([other.recipient]);
    await first.commit();
    const code = (await sample.db.codes.toArray())[0];
    if (!code) throw new Error("sample has codes");
    const { renameCode } = await import("../../../../renderer/db/codes");
    await renameCode(sample, code.id, "Renamed after exchange");
    const second = await exportBundle(sample, {
      scope: "changes",
      recipients: [other.recipient],
      me: { recipient: me.recipient, name: profile.name },
    });
    expect(second.kind).toBe("delta");
    const opened = await readBundle(second.bytes, { identities: [other.identity] });
    expect(opened.tables.codes.map((c) => c.name)).toEqual(["Renamed after exchange"]);
    expect(opened.tables.codings).toEqual([]);
  });

  it("fills an empty project verbatim from a bundle", async () => {
    const { sample, opened, profile } = await setup();
    const entry = await createProject("From bundle", profile, new Date(), "0196f3c2-1111-7aaa-8bbb-123456789abc");
    const fresh = await openProject(entry.id, profile);
    await fillEmptyProject(fresh, opened.tables, "Created from bundle");
    expect(await liveCodings(fresh)).toEqual(await liveCodings(sample));
  });
});
