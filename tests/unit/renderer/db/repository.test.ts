import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { openProject, type OpenProject } from "../../../../renderer/db/projects";
import { createCode } from "../../../../renderer/db/codes";
import { codeRange, uncode } from "../../../../renderer/db/codings";
import { addConvertedSource } from "../../../../renderer/db/sources";
import { codingsForComparison, comparisonLookups } from "../../../../renderer/db/comparison";
import { codeGroupsFor, computeComparison } from "../../../../renderer/comparison/computeComparison";
import type { ComparisonRequest } from "../../../../renderer/comparison/comparisonState";
import { convertFile } from "../../../../shared/import";
import { newId } from "../../../../shared/ids";
import { profileAndProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

const P1 = "The ward moved to the new record system in the spring.\nStaff were trained in small groups before go-live.";
const P2 = "Log-in takes too long at the start of a shift, so people share smartcards.";

async function addSource(p: OpenProject, text: string, name: string): Promise<string> {
  const added = await addConvertedSource(p, await convertFile(new TextEncoder().encode(text), name), { kind: "interview" });
  if (added.status !== "imported") throw new Error("not imported");
  return added.source.id;
}

const at = (text: string, needle: string) => {
  const start = text.indexOf(needle);
  return { start, end: start + needle.length };
};

async function setUp() {
  const { profile: amira, project: a } = await profileAndProject();
  const s1 = await addSource(a, P1, "P01.txt");
  const s2 = await addSource(a, P2, "P02.txt");
  const usability = await createCode(a, { name: "Usability" });
  const login = await createCode(a, { name: "Log-in", parentId: usability.id });
  const training = await createCode(a, { name: "Training" });
  const sam = { id: newId(), name: "Sam Okafor", initials: "SO", colour: "#D55E00" };
  const b = await openProject(a.entry.id, sam);
  return { a, b, amira, sam, s1, s2, usability, login, training };
}

describe("coding comparison repository and computation", () => {
  it("reads only the chosen codes' live codings, in chosen or all sources, and lists both coders", async () => {
    const { a, b, s1, s2, usability, training } = await setUp();
    const kept = await codeRange(a, s1, usability.id, at(P1, "new record system"));
    await codeRange(b, s2, usability.id, at(P2, "Log-in takes too long"));
    await codeRange(a, s1, training.id, at(P1, "trained in small groups"));
    const dropped = await codeRange(b, s1, usability.id, at(P1, "spring"));
    await uncode(b, dropped.id);

    const all = await codingsForComparison(a, [usability.id], null);
    expect(all.map((c) => c.sourceId).sort()).toEqual([s1, s2].sort());
    const onlyS1 = await codingsForComparison(a, [usability.id], [s1]);
    expect(onlyS1.map((c) => c.id)).toEqual([kept.id]);
    expect(await codingsForComparison(a, [], null)).toEqual([]);

    const lookups = await comparisonLookups(a);
    expect(lookups.coders.map((c) => c.name)).toEqual(["Amira Patel", "Sam Okafor"]);
    expect(lookups.sources.map((s) => s.charCount)).toEqual([P1.length, P2.length]);
  });

  it("compares per code and source, includes sub-codes when asked, and averages by length with or without uncoded sources", async () => {
    const { a, b, amira, sam, s1, s2, usability, login, training } = await setUp();
    await codeRange(a, s1, usability.id, at(P1, "new record system"));
    await codeRange(b, s1, usability.id, at(P1, "the new record"));
    await codeRange(b, s2, login.id, at(P2, "Log-in takes too long"));
    await codeRange(a, s2, login.id, at(P2, "Log-in takes too long"));

    const lookups = await comparisonLookups(a);
    const run = async (request: ComparisonRequest) => {
      const groups = codeGroupsFor(lookups.codes, request);
      const codings = await codingsForComparison(
        a,
        groups.flatMap((g) => g.memberIds),
        request.sourceIds,
      );
      const results = await computeComparison(
        request,
        groups,
        lookups.sources,
        codings,
        () => undefined,
        () => false,
      );
      if (!results) throw new Error("cancelled");
      return results;
    };
    const base: ComparisonRequest = {
      coderA: [amira.id],
      coderB: [sam.id],
      codeIds: [usability.id, training.id],
      includeSubcodes: false,
      sourceIds: null,
      countUncoded: true,
    };

    const plain = await run(base);
    // Usability alone: only P01 is coded; "the " is B-only, " system" A-only.
    expect(plain.cells.map((c) => [c.codeId, c.sourceId, c.counts])).toEqual([
      [
        usability.id,
        s1,
        { both: "new record".length, aOnly: " system".length, bOnly: "the ".length, neither: P1.length - "the new record system".length },
      ],
    ]);
    const usabilityRow = plain.byCode.find((r) => r.codeId === usability.id);
    const cell = plain.cells[0];
    if (!usabilityRow || !cell) throw new Error("missing rows");
    // P02 (uncoded) counts as kappa 1 with its length as weight.
    expect(usabilityRow.kappa).toBeCloseTo((P1.length * cell.kappa + P2.length * 1) / (P1.length + P2.length), 12);
    expect(usabilityRow.uncodedSources).toBe(1);
    // Training: nobody coded it anywhere.
    expect(plain.byCode.find((r) => r.codeId === training.id)).toMatchObject({ kappa: 1, agreement: 1, uncodedSources: 2 });

    const codedOnly = await run({ ...base, countUncoded: false });
    expect(codedOnly.byCode.find((r) => r.codeId === usability.id)?.kappa).toBeCloseTo(cell.kappa, 12);

    const withSubcodes = await run({ ...base, codeIds: [usability.id], includeSubcodes: true });
    // The Log-in coding (identical for both coders) now belongs to Usability in P02.
    const p02 = withSubcodes.cells.find((c) => c.sourceId === s2);
    expect(p02?.counts.both).toBe("Log-in takes too long".length);
    expect(p02?.kappa).toBe(1);

    // Chosen sources: only P02.
    const scoped = await run({ ...base, codeIds: [usability.id], includeSubcodes: true, sourceIds: [s2] });
    expect(scoped.cells.map((c) => c.sourceId)).toEqual([s2]);
    expect(scoped.overall.length).toBe(P2.length);
  });
});
