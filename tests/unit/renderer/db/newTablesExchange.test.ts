/**
 * The schema-v2 tables travel: exported in a bundle, merged into a colleague's project (a case passage
 * re-pointed to their copy of the transcript), in one undoable merge batch.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { readBundle } from "../../../../shared/bundle";
import { applyImport, planImport } from "../../../../renderer/db/exchange/importBundle";
import { exportBundle } from "../../../../renderer/db/exchange/exportBundle";
import { ensureIdentity, mySecretKey } from "../../../../renderer/db/identity";
import { codePassagesToCases, listCasePassages } from "../../../../renderer/db/casePassages";
import { listSavedSearches, saveSearch } from "../../../../renderer/db/savedSearches";
import { listSpeakerRecords, setSpeakerRole } from "../../../../renderer/db/speakers";
import { listSources } from "../../../../renderer/db/sources";
import { listCases } from "../../../../renderer/db/cases";
import { openSampleProject, saveCoder } from "../../helpers/project";

beforeEach(freshIndexedDb);

describe("saved searches, speakers and case passages in bundles", () => {
  it("export → merge into a colleague's copy of the same transcripts, passages re-pointed; undo in one step", async () => {
    const profile = await saveCoder();
    const me = await ensureIdentity(null);
    const mine = await openSampleProject(profile);
    const [first] = await listSources(mine);
    await saveSearch(mine, {
      name: "Workarounds",
      query: "workaround*",
      regex: false,
      matchCase: false,
      wholeWords: false,
      scope: { speakers: "withoutInterviewers" },
      notes: { memos: false, annotations: true },
    });
    await setSpeakerRole(mine, ["Interviewer"], "interviewer");
    await codePassagesToCases(mine, [{ target: { newCaseName: "Focus P1" }, ranges: new Map([[first!.id, [{ start: 0, end: 20 }]]]) }]);

    const exported = await exportBundle(mine, { scope: "whole", recipients: [], me: { recipient: me.recipient, name: profile.name } });
    const opened = await readBundle(exported.bytes, { identities: [await mySecretKey(null)] }, { fileName: exported.fileName });
    expect(opened.tables.casePassages).toHaveLength(1);

    const theirs = await openSampleProject(profile);
    const theirFirst = (await listSources(theirs)).find((s) => s.contentHash === first!.contentHash)!;
    expect(theirFirst.id).not.toBe(first!.id);
    const prepared = await planImport(theirs, opened);
    await applyImport(theirs, opened, prepared, {});
    expect((await listSavedSearches(theirs)).map((s) => s.name)).toEqual(["Workarounds"]);
    expect((await listSpeakerRecords(theirs)).map((r) => [r.label, r.role])).toEqual([["Interviewer", "interviewer"]]);
    const focus = (await listCases(theirs)).find((c) => c.name === "Focus P1")!;
    expect((await listCasePassages(theirs, focus.id)).map((p) => [p.sourceId, p.start, p.end])).toEqual([[theirFirst.id, 0, 20]]);

    await theirs.history.undo(theirs);
    expect(await listSavedSearches(theirs)).toEqual([]);
    expect(await listSpeakerRecords(theirs)).toEqual([]);
    expect(await listCasePassages(theirs)).toEqual([]);
  });
});
