import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import type { OpenProject } from "../../../../renderer/db/projects";
import { createCode, listCodes } from "../../../../renderer/db/codes";
import {
  annotateCoding,
  changeCodingCode,
  changeCodingToNewCode,
  codeRange,
  codeRangeWithNewCode,
  getCoding,
  listCoders,
  listCodingsForCodes,
  listCodingsForSource,
  setCodingRange,
  uncode,
  uncodeRange,
} from "../../../../renderer/db/codings";
import { addConvertedSource } from "../../../../renderer/db/sources";
import { convertFile } from "../../../../shared/import";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

const TEXT = "The ward moved to the new record system in the spring.\nStaff were trained in small groups before go-live.";

async function setUp(): Promise<{ p: OpenProject; sourceId: string }> {
  const p = await newProject();
  const converted = await convertFile(new TextEncoder().encode(TEXT), "P07.txt");
  const added = await addConvertedSource(p, converted, { kind: "interview" });
  if (added.status !== "imported") throw new Error("not imported");
  return { p, sourceId: added.source.id };
}

const span = (needle: string) => {
  const start = TEXT.indexOf(needle);
  return { start, end: start + needle.length };
};

const ranges = async (p: OpenProject, sourceId: string) =>
  (await listCodingsForSource(p, sourceId)).map((c) => TEXT.slice(c.start, c.end)).sort();

describe("codings repository", () => {
  it("codeRange extends this coder's overlapping or touching coding of the same code instead of stacking", async () => {
    const { p, sourceId } = await setUp();
    const trust = await createCode(p, { name: "Trust" });
    const other = await createCode(p, { name: "Workload" });
    const first = await codeRange(p, sourceId, trust.id, span("ward moved"));
    await codeRange(p, sourceId, trust.id, span("moved to the new"));
    expect(await ranges(p, sourceId)).toEqual(["ward moved to the new"]);
    // Touching at the edge joins too; the id of the first coding survives.
    const joined = await codeRange(p, sourceId, trust.id, span(" record"));
    expect(joined.id).toBe(first.id);
    expect(TEXT.slice(joined.start, joined.end)).toBe("ward moved to the new record");
    // A different code over the same text is its own coding.
    await codeRange(p, sourceId, other.id, span("new record"));
    expect(await ranges(p, sourceId)).toEqual(["new record", "ward moved to the new record"]);
    // A range bridging two codings of the code joins all three.
    await codeRange(p, sourceId, trust.id, span("spring"));
    await codeRange(p, sourceId, trust.id, span("system in the"));
    expect((await listCodingsForCodes(p, [trust.id])).map((c) => TEXT.slice(c.start, c.end)).sort()).toEqual([
      "spring",
      "system in the",
      "ward moved to the new record",
    ]);
    await codeRange(p, sourceId, trust.id, span("record system in the spring"));
    expect((await listCodingsForCodes(p, [trust.id])).map((c) => TEXT.slice(c.start, c.end))).toEqual([
      "ward moved to the new record system in the spring",
    ]);
  });

  it("uncodeRange trims or splits this coder's codings of that code", async () => {
    const { p, sourceId } = await setUp();
    const trust = await createCode(p, { name: "Trust" });
    const coding = await codeRange(p, sourceId, trust.id, span("ward moved to the new record"));
    await annotateCoding(p, coding.id, "Early optimism");
    expect(await uncodeRange(p, sourceId, trust.id, span("to the"))).toBe(1);
    expect(await ranges(p, sourceId)).toEqual([" new record", "ward moved "]);
    const kept = await getCoding(p, coding.id);
    expect(kept && TEXT.slice(kept.start, kept.end)).toBe("ward moved ");
    expect(kept?.note).toBe("Early optimism");
    // Uncoding all of a piece removes it.
    await uncodeRange(p, sourceId, trust.id, span(" new record"));
    expect(await ranges(p, sourceId)).toEqual(["ward moved "]);
    await uncode(p, coding.id);
    expect(await ranges(p, sourceId)).toEqual([]);
  });

  it("setCodingRange validates the range and the coding", async () => {
    const { p, sourceId } = await setUp();
    const trust = await createCode(p, { name: "Trust" });
    const coding = await codeRange(p, sourceId, trust.id, span("ward"));
    await setCodingRange(p, coding.id, span("ward moved"));
    expect(await ranges(p, sourceId)).toEqual(["ward moved"]);
    await expect(setCodingRange(p, coding.id, { start: 10, end: 10 })).rejects.toThrow(/Select some text/);
    await expect(setCodingRange(p, coding.id, { start: 12, end: 4 })).rejects.toThrow(/Select some text/);
    await expect(setCodingRange(p, coding.id, { start: 0, end: TEXT.length + 1 })).rejects.toThrow(/Select some text/);
    await expect(setCodingRange(p, coding.id, { start: 1.5, end: 4 })).rejects.toThrow(/Select some text/);
    await uncode(p, coding.id);
    await expect(setCodingRange(p, coding.id, span("ward"))).rejects.toThrow(/no longer exists/);
    await expect(codeRange(p, sourceId, trust.id, { start: 3, end: 3 })).rejects.toThrow(/Select some text/);
  });

  it("codeRangeWithNewCode creates the code and the coding as ONE undoable step", async () => {
    const { p, sourceId } = await setUp();
    const { code, coding } = await codeRangeWithNewCode(p, sourceId, span("trained in small groups"), {
      name: "  Training  in groups ",
      parentId: null,
      colour: "#0072B2",
    });
    expect(code).toMatchObject({ name: "Training in groups", parentId: null, colour: "#0072B2" });
    expect(coding).toMatchObject({ codeId: code.id, coderId: p.ctx.coderId, ...span("trained in small groups") });
    expect(p.history.state().undoLabel).toBe("Coded at new code “Training in groups”");

    expect(await p.history.undo(p)).toBe("Coded at new code “Training in groups”");
    expect(await listCodes(p)).toEqual([]);
    expect(await listCodingsForSource(p, sourceId)).toEqual([]);
    // One step undid both: what is left to undo is the import before it.
    expect(p.history.state()).toEqual({ undoLabel: "Imported P07.txt", redoLabel: "Coded at new code “Training in groups”" });
    await p.history.redo(p);
    expect((await listCodes(p)).map((c) => c.name)).toEqual(["Training in groups"]);
    expect(await ranges(p, sourceId)).toEqual(["trained in small groups"]);
  });

  it("codeRangeWithNewCode refuses a taken name, a bad range or a missing parent, writing nothing", async () => {
    const { p, sourceId } = await setUp();
    const parent = await createCode(p, { name: "Technology" });
    await createCode(p, { name: "Usability", parentId: parent.id });
    const colour = "#D55E00";
    await expect(codeRangeWithNewCode(p, sourceId, span("ward"), { name: "usability ", parentId: parent.id, colour })).rejects.toThrow(
      /already a code/,
    );
    await expect(codeRangeWithNewCode(p, sourceId, span("ward"), { name: " ", parentId: null, colour })).rejects.toThrow(/needs a name/);
    await expect(codeRangeWithNewCode(p, sourceId, { start: 4, end: 2 }, { name: "X", parentId: null, colour })).rejects.toThrow(
      /Select some text/,
    );
    await expect(codeRangeWithNewCode(p, sourceId, span("ward"), { name: "X", parentId: "nope", colour })).rejects.toThrow(/parent/);
    expect((await listCodes(p)).map((c) => c.name).sort()).toEqual(["Technology", "Usability"]);
    // Same name at the top level is fine: names are unique among siblings only.
    const { code } = await codeRangeWithNewCode(p, sourceId, span("ward"), { name: "Usability", parentId: null, colour });
    expect(code.parentId).toBeNull();
  });

  it("changes a coding's code (to an existing or a new code) and annotates it", async () => {
    const { p, sourceId } = await setUp();
    const trust = await createCode(p, { name: "Trust" });
    const workload = await createCode(p, { name: "Workload" });
    const coding = await codeRange(p, sourceId, trust.id, span("Staff were trained"));
    await changeCodingCode(p, coding.id, workload.id);
    expect((await getCoding(p, coding.id))?.codeId).toBe(workload.id);
    const fresh = await changeCodingToNewCode(p, coding.id, { name: "Training", parentId: null, colour: "#009E73" });
    expect((await getCoding(p, coding.id))?.codeId).toBe(fresh.id);
    await p.history.undo(p);
    expect((await getCoding(p, coding.id))?.codeId).toBe(workload.id);
    expect((await listCodes(p)).some((c) => c.name === "Training")).toBe(false);
    await annotateCoding(p, coding.id, "Said with a laugh");
    expect((await getCoding(p, coding.id))?.note).toBe("Said with a laugh");
  });

  it("lists the project's coders", async () => {
    const { p } = await setUp();
    expect((await listCoders(p)).map((c) => [c.name, c.initials])).toEqual([["Amira Patel", "AP"]]);
  });
});
