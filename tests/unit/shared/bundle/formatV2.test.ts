/**
 * Bundle format version 2 (issue 16): the tables savedSearches, speakers and casePassages. They
 * round-trip; a version-1 bundle (without them) reads as version 2 with them empty; a manifest that
 * lists them under version 1, or leaves one out under version 2, is refused; forged records in them
 * are refused with a message naming table, id and field; merging re-points a case passage's source
 * as it does a coding's.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { strToU8, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_FORMAT_VERSION, bundleFromZip, generateIdentity, readBundle, writeBundle, type KeyPair } from "../../../../shared/bundle";
import { tablesOfVersion } from "../../../../shared/bundle/migrate";
import { selectDelta } from "../../../../shared/bundle/delta";
import { planMerge } from "../../../../shared/merge";
import { checkTables } from "../../../../shared/model/checkTables";
import { checkRecord, describeProblem } from "../../../../shared/model/validate";
import { emptyProjectTables, PROJECT_TABLE_NAMES, type ProjectTables } from "../../../../shared/model/tables";
import { forgeZip, refused } from "../model/forge";
import { casePassage, INFO, sampleProject, sampleProjectV2, savedSearch, source, speaker, stamp, textHash } from "./fixtures";

let me: KeyPair;
beforeAll(async () => {
  me = await generateIdentity();
});

/** A plain zip of a bundle at an older format version, with only the tables that version had. */
function versionOneZip(t: ProjectTables, tables: readonly string[] = tablesOfVersion(1)): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const entries: Record<string, { file: string; count: number; sha256: string }> = {};
  for (const name of tables) {
    const rows = (t as unknown as Record<string, unknown[]>)[name] ?? [];
    const text = rows.map((r) => `${JSON.stringify(r)}\n`).join("");
    const file = `tables/${name}.ndjson`;
    files[file] = strToU8(text);
    entries[name] = { file, count: rows.length, sha256: bytesToHex(sha256(strToU8(text))) };
  }
  files["manifest.json"] = strToU8(
    JSON.stringify({ format: "margin-bundle", formatVersion: 1, ...INFO, hlc: { from: null, to: null }, tables: entries }),
  );
  return zipSync(files);
}

describe("bundle format version 2", () => {
  it("is the version written, and round-trips the three new tables, tombstones included", async () => {
    expect(BUNDLE_FORMAT_VERSION).toBe(2);
    const bytes = await writeBundle(sampleProjectV2(), INFO, { recipients: [me.recipient] });
    const { manifest, tables } = await readBundle(bytes, { identities: [me.identity] });
    expect(manifest.formatVersion).toBe(2);
    expect(manifest.tables.casePassages).toMatchObject({ file: "tables/casePassages.ndjson", count: 2 });
    expect(tables).toEqual(sampleProjectV2());
    expect(tables.savedSearches[0]?.scope).toEqual(sampleProjectV2().savedSearches[0]?.scope);
  });

  it("a version-1 bundle reads as version 2 with the new tables empty", async () => {
    const { manifest, tables } = await bundleFromZip(versionOneZip(sampleProject()));
    expect(manifest.formatVersion).toBe(2);
    expect(tables).toEqual(sampleProject());
    expect([tables.savedSearches, tables.speakers, tables.casePassages]).toEqual([[], [], []]);
    expect(tablesOfVersion(1)).not.toContain("speakers");
    expect(tablesOfVersion(2)).toEqual(PROJECT_TABLE_NAMES);
  });

  it("refuses a version-1 manifest listing a version-2 table, and a version-2 one missing a table", async () => {
    const listed = await refused(
      bundleFromZip(versionOneZip(sampleProjectV2(), tablesOfVersion(2)), { fileName: "old.margin" }),
      "bad-manifest",
    );
    expect(listed.message).toBe("“old.margin” has a manifest that lists the table “savedSearches”, which format 1 does not have.");
    const missing = await refused(bundleFromZip(forgeZip(sampleProjectV2(), { omit: ["speakers"] })), "bad-manifest");
    expect(missing.message).toMatch(/does not list the table “speakers”/);
  });

  it("a forged record in each new table is refused, naming table, id and field", async () => {
    const forged: ["savedSearches" | "speakers" | "casePassages", (t: ProjectTables) => void, string][] = [
      [
        "savedSearches",
        (t) => Object.assign(t.savedSearches[0]!, { regex: "yes" }),
        "savedSearches “search-1”: regex is text, not true or false",
      ],
      [
        "savedSearches",
        (t) => Object.assign(t.savedSearches[0]!, { scope: { speakers: "everyone" } }),
        "savedSearches “search-1”: scope speakers is “everyone”, not one of all, participants, withoutInterviewers",
      ],
      [
        "savedSearches",
        (t) => Object.assign(t.savedSearches[0]!, { scope: { coding: { codeIds: "code-1", inside: true } } }),
        "savedSearches “search-1”: scope coding codeIds is text, not a list of code ids",
      ],
      [
        "savedSearches",
        (t) => Object.assign(t.savedSearches[0]!, { notes: { memos: true } }),
        "savedSearches “search-1”: notes annotations is missing, not true or false",
      ],
      [
        "speakers",
        (t) => Object.assign(t.speakers[0]!, { role: "chair" }),
        "speakers “speaker-1”: role is “chair”, not one of interviewer, facilitator, participant",
      ],
      ["speakers", (t) => Object.assign(t.speakers[0]!, { label: 7 }), "speakers “speaker-1”: label is number, not text"],
      [
        "casePassages",
        (t) => Object.assign(t.casePassages[0]!, { start: 40, end: 30 }),
        "casePassages “passage-1”: start is after the end (40 > 30)",
      ],
      [
        "casePassages",
        (t) => Object.assign(t.casePassages[0]!, { caseId: "" }),
        "casePassages “passage-1”: caseId is not an id (0 characters)",
      ],
    ];
    for (const [table, forge, message] of forged) {
      const t = sampleProjectV2();
      forge(t);
      const problem = checkRecord(table, t[table][0]);
      expect(problem && describeProblem(problem)).toBe(message);
      const error = await refused(bundleFromZip(forgeZip(t), { fileName: "forged.margin" }), "invalid-records");
      expect(error.message).toContain(message);
    }
  });

  it("case passages lie inside their source, and a live one points at a source and a case the bundle has", async () => {
    const hashText = (text: string) => Promise.resolve(textHash(text));
    const t = sampleProjectV2();
    const length = t.sources[0]!.charCount;
    t.casePassages.push(casePassage("passage-far", "case-1", "src-1", 0, length + 1));
    t.casePassages.push(casePassage("passage-lost", "case-gone", "src-gone", 0, 1));
    const result = await checkTables(t, { kind: "whole", hashText });
    expect(result.problems.map((p) => `${p.table} ${p.id} ${p.field}`)).toEqual([
      "casePassages passage-far end",
      "casePassages passage-lost sourceId",
      "casePassages passage-lost caseId",
    ]);
    // A tombstoned passage need not resolve; a delta may point into the project.
    t.casePassages.splice(2, 2, { ...casePassage("passage-lost", "case-gone", "src-gone", 0, 1), deleted: true });
    expect((await checkTables(t, { kind: "whole", hashText })).total).toBe(0);
  });

  it("a delta carries changed records of the new tables and the sources its passages point at", () => {
    const t = sampleProjectV2();
    const since = stamp(4);
    const delta = selectDelta(t, since);
    expect(delta.savedSearches.map((r) => r.id)).toEqual(["search-1"]);
    expect(delta.speakers.map((r) => r.id)).toEqual(["speaker-1", "speaker-2"]);
    expect(delta.casePassages.map((r) => r.id)).toEqual(["passage-1", "passage-2"]);
    expect(delta.sources.map((s) => s.id).sort()).toEqual(["src-1", "src-2"]);
    expect(delta.sourceContent).toEqual([]);
  });
});

describe("merging the new tables", () => {
  it("re-points an incoming case passage onto the local copy of its transcript, as a coding is", () => {
    const mine = source("s-local", "the same focus group transcript", stamp(1), "coder-a");
    const theirs = source("s-theirs", "the same focus group transcript", stamp(2, "nodeB"), "coder-b");
    const local = emptyProjectTables();
    local.sources.push(mine.source);
    local.sourceContent.push(mine.content);
    const incoming = emptyProjectTables();
    incoming.sources.push(theirs.source);
    incoming.sourceContent.push(theirs.content);
    incoming.cases.push({ ...sampleProject().cases[0]!, updatedBy: "coder-b" });
    incoming.casePassages.push(casePassage("passage-b", "case-1", "s-theirs", 4, 9, stamp(3, "nodeB"), "coder-b"));
    incoming.speakers.push(speaker("speaker-b", "P1", "P1", "participant", stamp(3, "nodeB"), "coder-b"));
    incoming.savedSearches.push(savedSearch("search-b", "Focus", stamp(3, "nodeB"), "coder-b"));
    const plan = planMerge(local, incoming);
    expect(plan.sourceMap).toEqual({ "s-theirs": "s-local" });
    expect(plan.winners.casePassages).toEqual([{ ...incoming.casePassages[0], sourceId: "s-local" }]);
    expect(plan.winners.speakers).toEqual(incoming.speakers);
    expect(plan.winners.savedSearches).toEqual(incoming.savedSearches);
    expect(plan.preview.byTable.casePassages).toMatchObject({ new: 1 });
    // A later edit of the same passage wins by its stamp, as any record's.
    const local2 = { ...local, casePassages: [casePassage("passage-b", "case-1", "s-local", 4, 9, stamp(3, "nodeB"), "coder-b")] };
    const moved = { ...incoming, casePassages: [{ ...incoming.casePassages[0]!, end: 12, updatedAt: stamp(9, "nodeB") }] };
    expect(planMerge(local2, moved).winners.casePassages).toEqual([{ ...moved.casePassages[0], sourceId: "s-local" }]);
  });
});
