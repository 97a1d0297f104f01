/**
 * Issue 5: concurrent edits of one record are listed as conflicts the researcher resolves.
 * Two coders, two projects (one IndexedDB, two project databases): A shares the sample project with B
 * as a whole bundle; both then edit the same code, memo and coding before B sends a bundle back.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { generateIdentity, readBundle, type OpenedBundle } from "../../../../shared/bundle";
import { planMerge, type MergeResolutions } from "../../../../shared/merge";
import { newId } from "../../../../shared/ids";
import { emptyProjectTables, PROJECT_TABLE_NAMES, type ProjectTables } from "../../../../shared/model/tables";
import { code, stamp } from "../../shared/bundle/fixtures";
import { renameCode, updateCode } from "../../../../renderer/db/codes";
import { annotateCoding, uncode } from "../../../../renderer/db/codings";
import { applyImport, planImport } from "../../../../renderer/db/exchange/importBundle";
import { exportBundle } from "../../../../renderer/db/exchange/exportBundle";
import { fillEmptyProject } from "../../../../renderer/db/exchange/projectFromBundle";
import { readProjectTables } from "../../../../renderer/db/projectTables";
import { ensureIdentity, mySecretKey } from "../../../../renderer/db/identity";
import { updateMemo } from "../../../../renderer/db/memos";
import type { CoderProfile } from "../../../../renderer/db/profile";
import type { OpenProject } from "../../../../renderer/db/projects";
import { saveCoder, openNewProject, openSampleProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

interface Laptop {
  project: OpenProject;
  profile: CoderProfile;
  recipient: string;
  identity: string;
}

/** Lets the wall clock move on, so "the later edit" is unambiguous between two clocks. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Records by table and id, stamps included: "equal tables" means every record identical. */
function byId(tables: ProjectTables): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of PROJECT_TABLE_NAMES) for (const r of tables[name] as { id: string }[]) out[`${name}:${r.id}`] = r;
  return out;
}

async function send(from: Laptop, to: Laptop, scope: "whole" | "changes"): Promise<OpenedBundle> {
  const exported = await exportBundle(from.project, {
    scope,
    recipients: [to.recipient],
    me: { recipient: from.recipient, name: from.profile.name },
  });
  await exported.commit();
  return readBundle(exported.bytes, { identities: [to.identity] }, { fileName: exported.fileName });
}

/** A shares the sample project with B; B's project is filled from A's whole bundle. */
async function twoLaptops(): Promise<{ a: Laptop; b: Laptop }> {
  const profileA = await saveCoder();
  const keyA = await ensureIdentity(null);
  const a: Laptop = {
    project: await openSampleProject(profileA),
    profile: profileA,
    recipient: keyA.recipient,
    identity: await mySecretKey(null),
  };
  const profileB: CoderProfile = { id: newId(), name: "Sam Okafor", initials: "SO", colour: "#D55E00" };
  const keyB = await generateIdentity();
  const opened = await send(a, { ...a, recipient: keyB.recipient, identity: keyB.identity }, "whole");
  // createProjectFromBundle keeps the bundle's project id; both laptops share one IndexedDB here, so B
  // gets its own id and the same fill (the id only matters to the "another project?" question).
  const project = await openNewProject(profileB, "GDE evaluation");
  await fillEmptyProject(project, opened.tables, "Created from bundle by Amira Patel");
  return { a, b: { project, profile: profileB, recipient: keyB.recipient, identity: keyB.identity } };
}

async function live(project: OpenProject) {
  const [codes, memos, codings] = await Promise.all([project.db.codes.toArray(), project.db.memos.toArray(), project.db.codings.toArray()]);
  return { codes: codes.filter((c) => !c.deleted), memos: memos.filter((m) => !m.deleted), codings: codings.filter((c) => !c.deleted) };
}

/**
 * Both rename code 0 and edit memo 0; A uncodes coding 0 while B annotates it; B alone renames code 1;
 * A alone changes code 2's description. B edits after A, so B's are the later edits.
 */
async function concurrentEdits(a: Laptop, b: Laptop) {
  const { codes, memos, codings } = await live(a.project);
  const [code, bOnly, aOnly] = codes;
  const [memo] = memos;
  const [coding] = codings;
  if (!code || !bOnly || !aOnly || !memo || !coding) throw new Error("the sample has codes, a memo and codings");
  await renameCode(a.project, code.id, "Alert fatigue (A)");
  await updateMemo(a.project, memo.id, { title: memo.title, body: "A's reading of the memo." });
  await uncode(a.project, coding.id);
  await updateCode(a.project, aOnly.id, { description: "Only A changed this." });
  await tick();
  await renameCode(b.project, code.id, "Alarm burden (B)");
  await updateMemo(b.project, memo.id, { title: memo.title, body: "B's reading of the memo." });
  await annotateCoding(b.project, coding.id, "B: this is about night shifts.");
  await renameCode(b.project, bOnly.id, "Renamed by B only");
  return { code, bOnly, aOnly, memo, coding };
}

describe("conflicts between two coders' edits", () => {
  it("lists exactly the records both changed, with both versions, and the later edit as the default", async () => {
    const { a, b } = await twoLaptops();
    const ids = await concurrentEdits(a, b);
    const prepared = await planImport(a.project, await send(b, a, "changes"));
    const { conflicts } = prepared.plan;
    expect(conflicts.map((c) => `${c.table}:${c.id}`).sort()).toEqual(
      [`codes:${ids.code.id}`, `memos:${ids.memo.id}`, `codings:${ids.coding.id}`].sort(),
    );
    const byTable = Object.fromEntries(conflicts.map((c) => [c.table, c]));
    expect(byTable["codes"]).toMatchObject({
      fields: ["name"],
      winner: "incoming",
      local: { name: "Alert fatigue (A)" },
      incoming: { name: "Alarm burden (B)" },
    });
    expect(byTable["memos"]).toMatchObject({
      fields: ["body"],
      winner: "incoming",
      local: { body: "A's reading of the memo." },
      incoming: { body: "B's reading of the memo." },
    });
    expect(byTable["codings"]).toMatchObject({
      fields: ["deleted", "note"],
      winner: "incoming",
      local: { deleted: true },
      incoming: { deleted: false, note: "B: this is about night shifts." },
    });
    expect(prepared.plan.preview.byTable.codes.conflicts).toBe(1);
    // Edited on one side only: B's rename simply arrives, A's description simply stays.
    expect(prepared.plan.winners.codes.find((c) => c.id === ids.bOnly.id)?.name).toBe("Renamed by B only");
    expect(conflicts.some((c) => c.id === ids.bOnly.id || c.id === ids.aOnly.id)).toBe(false);

    // The default (no choice made) keeps the later edit: B's.
    await applyImport(a.project, await send(b, a, "changes"), prepared, {});
    const after = await live(a.project);
    expect(after.codes.find((c) => c.id === ids.code.id)?.name).toBe("Alarm burden (B)");
    expect(after.codes.find((c) => c.id === ids.bOnly.id)?.name).toBe("Renamed by B only");
    expect(after.codes.find((c) => c.id === ids.aOnly.id)?.description).toBe("Only A changed this.");
    expect(after.memos.find((m) => m.id === ids.memo.id)?.body).toBe("B's reading of the memo.");
    expect(after.codings.find((c) => c.id === ids.coding.id)?.note).toBe("B: this is about night shifts.");
  });

  it("“keep mine” keeps mine and “take theirs” takes theirs; the choice is part of the one undoable merge", async () => {
    const { a, b } = await twoLaptops();
    const ids = await concurrentEdits(a, b);
    const opened = await send(b, a, "changes");
    const prepared = await planImport(a.project, opened);
    const resolutions: MergeResolutions = {
      conflicts: {
        [`codes:${ids.code.id}`]: "local",
        [`memos:${ids.memo.id}`]: "local",
        [`codings:${ids.coding.id}`]: "incoming",
      },
    };
    const journalBefore = await a.project.db.journal.count();
    const summary = await applyImport(a.project, opened, prepared, resolutions);
    expect(summary).toMatchObject({ conflictsKeptLocal: 2, conflictsTookIncoming: 1 });
    const after = await live(a.project);
    expect(after.codes.find((c) => c.id === ids.code.id)?.name).toBe("Alert fatigue (A)");
    expect(after.memos.find((m) => m.id === ids.memo.id)?.body).toBe("A's reading of the memo.");
    expect(after.codings.find((c) => c.id === ids.coding.id)?.note).toBe("B: this is about night shifts.");

    // One batch holds the whole merge, the overruled conflicts included (re-stamped by A).
    const added = await a.project.db.journal.where("seq").above(journalBefore).toArray();
    expect(new Set(added.map((e) => e.batchId)).size).toBe(1);
    expect(added[0]?.label).toBe("Merged bundle from Sam Okafor");
    const codeEntry = added.find((e) => e.table === "codes" && e.recordId === ids.code.id);
    expect(codeEntry?.after).toMatchObject({ name: "Alert fatigue (A)", updatedBy: a.profile.id });
    expect(added.some((e) => e.table === "memos" && e.recordId === ids.memo.id)).toBe(true);

    // Undo takes A back to just before the merge: the coding uncoded again, B's rename gone.
    expect(await a.project.history.undo(a.project)).toBe("Merged bundle from Sam Okafor");
    const undone = await live(a.project);
    expect(undone.codings.some((c) => c.id === ids.coding.id)).toBe(false);
    expect(undone.codes.find((c) => c.id === ids.bOnly.id)?.name).toBe(ids.bOnly.name);
    expect(undone.codes.find((c) => c.id === ids.code.id)?.name).toBe("Alert fatigue (A)");
  });

  it("“take theirs” on the earlier edit wins, then undo restores mine", async () => {
    const { a, b } = await twoLaptops();
    const [code] = (await live(a.project)).codes;
    if (!code) throw new Error("the sample has codes");
    // This time B renames first: A's is the later edit, so the default would keep A's.
    await renameCode(b.project, code.id, "B's name");
    await tick();
    await renameCode(a.project, code.id, "A's name");
    const opened = await send(b, a, "changes");
    const prepared = await planImport(a.project, opened);
    expect(prepared.plan.conflicts).toEqual([expect.objectContaining({ id: code.id, winner: "local", fields: ["name"] })]);
    await applyImport(a.project, opened, prepared, { conflicts: { [`codes:${code.id}`]: "incoming" } });
    expect((await a.project.db.codes.get(code.id))?.name).toBe("B's name");
    await a.project.history.undo(a.project);
    expect((await a.project.db.codes.get(code.id))?.name).toBe("A's name");
  });

  it("after resolving, the exchange back converges: no conflict asked again, equal tables on both laptops", async () => {
    const { a, b } = await twoLaptops();
    const ids = await concurrentEdits(a, b);
    const fromB = await send(b, a, "changes");
    // A overrules the later edit on two records and takes B's on the third.
    await applyImport(a.project, fromB, await planImport(a.project, fromB), {
      conflicts: { [`codes:${ids.code.id}`]: "local", [`memos:${ids.memo.id}`]: "local", [`codings:${ids.coding.id}`]: "incoming" },
    });

    const fromA = await send(a, b, "changes");
    expect(fromA.manifest.kind).toBe("delta");
    const back = await planImport(b.project, fromA);
    // B's edits were in the bundle A resolved: A saw them, so A's choices are simply newer, not conflicts.
    expect(back.plan.conflicts).toEqual([]);
    await applyImport(b.project, fromA, back, {});

    const tablesA = byId(await readProjectTables(a.project.db, { content: true }));
    const tablesB = byId(await readProjectTables(b.project.db, { content: true }));
    expect(Object.keys(tablesB).sort()).toEqual(Object.keys(tablesA).sort());
    for (const [key, record] of Object.entries(tablesA)) expect(tablesB[key], key).toEqual(record);
    expect((await b.project.db.codes.get(ids.code.id))?.name).toBe("Alert fatigue (A)");
    expect((await b.project.db.codings.get(ids.coding.id))?.note).toBe("B: this is about night shifts.");

    // And once more from B: nothing new.
    const again = await send(b, a, "changes");
    expect((await planImport(a.project, again)).plan.empty).toBe(true);
  });

  it("a record edited on one side only is never a conflict, on the first exchange back or later", async () => {
    const { a, b } = await twoLaptops();
    const [first, second] = (await live(a.project)).codes;
    if (!first || !second) throw new Error("the sample has codes");
    await renameCode(b.project, first.id, "Changed by B");
    await updateCode(a.project, second.id, { description: "Changed by A" });
    const fromB = await send(b, a, "changes");
    const plan = (await planImport(a.project, fromB)).plan;
    expect(plan.conflicts).toEqual([]);
    expect(plan.preview.byTable.codes).toMatchObject({ changed: 1, conflicts: 0 });
    await applyImport(a.project, fromB, await planImport(a.project, fromB), {});

    // Second round: B edits again what A never touched; A edits what B never touched.
    await tick();
    await renameCode(b.project, first.id, "Changed by B again");
    await renameCode(a.project, second.id, "Renamed by A");
    const fromA = await send(a, b, "changes");
    const atB = await planImport(b.project, fromA);
    expect(atB.plan.conflicts).toEqual([]);
    await applyImport(b.project, fromA, atB, {});
    const fromB2 = await send(b, a, "changes");
    const atA = await planImport(a.project, fromB2);
    expect(atA.plan.conflicts).toEqual([]);
    await applyImport(a.project, fromB2, atA, {});
    expect((await a.project.db.codes.get(first.id))?.name).toBe("Changed by B again");
    expect((await b.project.db.codes.get(second.id))?.name).toBe("Renamed by A");
  });
});

describe("planMerge: what each side has seen", () => {
  const tables = (c: ReturnType<typeof code>) => ({ ...emptyProjectTables(), codes: [c] });
  const mine = code("c1", "Mine", stamp(20, "nodeA"), "coder-a");
  const theirs = code("c1", "Theirs", stamp(30, "nodeB"), "coder-b");

  it("a conflict needs my version unseen by them and theirs unseen by me", () => {
    const plan = (options: Parameters<typeof planMerge>[2]) => planMerge(tables(mine), tables(theirs), options).conflicts.length;
    expect(plan({ sentUpTo: stamp(10), receivedUpTo: stamp(10) })).toBe(1);
    // I sent them my version (20 ≤ 25): their later one was made after seeing it.
    expect(plan({ sentUpTo: stamp(25), receivedUpTo: null })).toBe(0);
    // I had already merged theirs (30 ≤ 35): mine overrides it knowingly.
    expect(plan({ sentUpTo: null, receivedUpTo: stamp(35) })).toBe(0);
    // Nothing known on either side: any differing edits by two coders.
    expect(plan({ sentUpTo: null, receivedUpTo: null })).toBe(1);
    // lastExchangeAt (the CLI's single stamp) still sets both sides; a per-side stamp overrides it.
    expect(plan({ lastExchangeAt: stamp(10) })).toBe(1);
    expect(plan({ lastExchangeAt: stamp(10), sentUpTo: stamp(25) })).toBe(0);
  });
});
