import { beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { freshIndexedDb } from "./helpers";
import { applyAutocode, previewAutocode, type RangesBySource } from "../../../../renderer/db/autocode";
import { createCode, deleteCode, listCodes } from "../../../../renderer/db/codes";
import { codeRange, listCodingsForCodes } from "../../../../renderer/db/codings";
import type { OpenProject } from "../../../../renderer/db/projects";
import { addConvertedSource } from "../../../../renderer/db/sources";
import type { CodeId, SourceId } from "../../../../shared/ids";
import { convertFile } from "../../../../shared/import";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

const TEXTS = [
  "The go-live weekend was long.\nThe matrons stayed late on the ward.\nNobody slept much.",
  "We spent the go-live weekend on the phones.\nThe supplier answered on Monday.",
];
const LABEL = "Autocoded “go-live” → Go-live, sentences, 2 passages";

async function setUp(): Promise<{ p: OpenProject; ids: SourceId[] }> {
  const p = await newProject();
  const ids: SourceId[] = [];
  for (const [i, text] of TEXTS.entries()) {
    const added = await addConvertedSource(p, await convertFile(new TextEncoder().encode(text), `P0${i + 1}.txt`), { kind: "interview" });
    if (added.status !== "imported") throw new Error("not imported");
    ids.push(added.source.id);
  }
  return { p, ids };
}

const at = (text: string, needle: string) => {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(needle);
  return { start, end: start + needle.length };
};

async function codedRanges(p: OpenProject, codeId: string): Promise<string[]> {
  return (await listCodingsForCodes(p, [codeId as CodeId])).map((c) => `${c.sourceId}:${c.start}-${c.end}`).sort();
}

describe("autocoding as one batch", () => {
  it("writes a new code and every coding in ONE journaled batch with the label, undone and redone in one step", async () => {
    const { p, ids } = await setUp();
    const [a, b] = ids as [SourceId, SourceId];
    const ranges: RangesBySource = new Map([
      [a, [at(TEXTS[0] ?? "", "The go-live weekend was long."), at(TEXTS[0] ?? "", "Nobody slept much.")]],
      [b, [at(TEXTS[1] ?? "", "We spent the go-live weekend on the phones.")]],
    ]);
    const before = await p.db.journal.count();
    const { codeId, plan } = await applyAutocode(p, {
      rangesBySource: ranges,
      code: { newCode: { name: "Go-live", parentId: null, colour: "#1f77b4" } },
      label: LABEL,
    });
    expect(plan.totals).toMatchObject({ ranges: 3, creates: 3, updates: 0, alreadyCoded: 0 });
    const entries = (await p.db.journal.orderBy("seq").toArray()).slice(before);
    expect(entries).toHaveLength(4); // the code and three codings
    expect(new Set(entries.map((e) => e.batchId)).size).toBe(1);
    expect(new Set(entries.map((e) => e.label))).toEqual(new Set([LABEL]));
    expect(p.history.state().undoLabel).toBe(LABEL);
    expect(await codedRanges(p, codeId)).toHaveLength(3);

    await p.history.undo(p);
    expect(await codedRanges(p, codeId)).toEqual([]);
    expect((await listCodes(p)).map((c) => c.name)).not.toContain("Go-live");
    await p.history.redo(p);
    expect(await codedRanges(p, codeId)).toHaveLength(3);
    expect((await listCodes(p)).map((c) => c.name)).toContain("Go-live");
  });

  it("previews what applying does: already coded ranges and codings that grow", async () => {
    const { p, ids } = await setUp();
    const a = ids[0] as SourceId;
    const text = TEXTS[0] ?? "";
    const code = await createCode(p, { name: "Go-live" });
    await codeRange(p, a, code.id, at(text, "go-live weekend"));
    await codeRange(p, a, code.id, at(text, "Nobody slept much."));
    const ranges: RangesBySource = new Map([[a, [at(text, "The go-live weekend was long."), at(text, "slept")]]]);
    const preview = await previewAutocode(p, ranges, code.id);
    expect(preview.totals).toMatchObject({ ranges: 2, alreadyCoded: 1, creates: 0, updates: 1 });
    const applied = await applyAutocode(p, { rangesBySource: ranges, code: { id: code.id }, label: LABEL });
    expect(applied.plan.totals).toEqual(preview.totals);
    expect(await codedRanges(p, code.id)).toEqual(
      [
        `${a}:${at(text, "The go-live weekend was long.").start}-${at(text, "The go-live weekend was long.").end}`,
        `${a}:${at(text, "Nobody slept much.").start}-${at(text, "Nobody slept much.").end}`,
      ].sort(),
    );
  });

  it("refuses a range outside a source's text and a deleted code, writing nothing", async () => {
    const { p, ids } = await setUp();
    const a = ids[0] as SourceId;
    const length = (TEXTS[0] ?? "").length;
    const before = await p.db.journal.count();
    const codesBefore = (await listCodes(p)).length;
    await expect(
      applyAutocode(p, {
        rangesBySource: new Map([
          [
            a,
            [
              { start: 0, end: 4 },
              { start: length - 2, end: length + 5 },
            ],
          ],
        ]),
        code: { newCode: { name: "Outside", parentId: null, colour: "#1f77b4" } },
        label: LABEL,
      }),
    ).rejects.toThrow(/lies outside its text/);
    await expect(
      applyAutocode(p, {
        rangesBySource: new Map([[a, [{ start: 5, end: 3 }]]]),
        code: { newCode: { name: "Backwards", parentId: null, colour: "#1f77b4" } },
        label: LABEL,
      }),
    ).rejects.toThrow(/lies outside its text/);
    expect(await p.db.journal.count()).toBe(before);
    expect((await listCodes(p)).length).toBe(codesBefore);

    const code = await createCode(p, { name: "Gone" });
    await deleteCode(p, code.id);
    const afterDelete = await p.db.journal.count();
    await expect(
      applyAutocode(p, { rangesBySource: new Map([[a, [{ start: 0, end: 4 }]]]), code: { id: code.id }, label: LABEL }),
    ).rejects.toThrow("That code no longer exists.");
    expect(await p.db.journal.count()).toBe(afterDelete);
  });

  it("codes exactly what coding the ranges one at a time with codeRange does (random ranges)", async () => {
    const text = TEXTS[0] ?? "";
    const range = fc
      .tuple(fc.nat({ max: text.length - 1 }), fc.integer({ min: 1, max: 30 }))
      .map(([start, len]) => ({ start, end: Math.min(text.length, start + len) }));
    await fc.assert(
      fc.asyncProperty(fc.array(range, { minLength: 1, maxLength: 6 }), fc.array(range, { maxLength: 3 }), async (ranges, existing) => {
        freshIndexedDb();
        const { p, ids } = await setUp();
        const a = ids[0] as SourceId;
        const batch = await createCode(p, { name: "Batch" });
        const byHand = await createCode(p, { name: "By hand" });
        for (const r of existing) {
          await codeRange(p, a, batch.id, r);
          await codeRange(p, a, byHand.id, r);
        }
        await applyAutocode(p, { rangesBySource: new Map([[a, ranges]]), code: { id: batch.id }, label: LABEL });
        for (const r of ranges) await codeRange(p, a, byHand.id, r);
        const strip = (list: string[]) => list.map((s) => s.slice(s.indexOf(":")));
        expect(strip(await codedRanges(p, batch.id))).toEqual(strip(await codedRanges(p, byHand.id)));
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
