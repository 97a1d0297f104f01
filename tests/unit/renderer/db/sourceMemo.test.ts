import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { addConvertedSource, getSource, setSourceMemo, sourceMemoText } from "../../../../renderer/db/sources";
import { listMemos } from "../../../../renderer/db/memos";
import type { SourceRecord } from "../../../../shared/model/records";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

async function projectWithSource() {
  const p = await newProject();
  const added = await addConvertedSource(
    p,
    {
      fileName: "P01.txt",
      format: "txt",
      text: "Hello there",
      blocks: [{ kind: "paragraph", start: 0, end: 11 }],
      marks: [],
      turns: [],
      timestamps: [],
      wordCount: 2,
      charCount: 11,
      contentHash: "h1",
      warnings: [],
    },
    { kind: "interview" },
  );
  if (added.status !== "imported") throw new Error("not imported");
  return { p, source: added.source };
}

describe("source memo", () => {
  it("is a memo in the memos table, so the Memos view and its search see it", async () => {
    const { p, source } = await projectWithSource();
    expect(await sourceMemoText(p, source)).toBe("");
    await setSourceMemo(p, source.id, "Fire alarm halfway through.");
    await setSourceMemo(p, source.id, "Fire alarm halfway through. Ward manager.");
    const memos = await listMemos(p);
    expect(memos).toHaveLength(1);
    expect(memos[0]).toMatchObject({
      targetKind: "source",
      targetId: source.id,
      title: "P01",
      body: "Fire alarm halfway through. Ward manager.",
    });
    expect(await sourceMemoText(p, (await getSource(p, source.id))!)).toBe("Fire alarm halfway through. Ward manager.");
    await p.history.undo(p);
    expect(await sourceMemoText(p, (await getSource(p, source.id))!)).toBe("Fire alarm halfway through.");
  });

  it("moves an old project's memo off the source row on the first save", async () => {
    const { p, source } = await projectWithSource();
    await p.db.sources.update(source.id, { memo: "Written before memos existed." }); // as an older version stored it
    const legacy = (await getSource(p, source.id)) as SourceRecord;
    expect(await sourceMemoText(p, legacy)).toBe("Written before memos existed.");
    await setSourceMemo(p, source.id, "Written before memos existed. And more.");
    expect((await getSource(p, source.id))?.memo).toBe("");
    expect((await listMemos(p)).map((m) => m.body)).toEqual(["Written before memos existed. And more."]);
  });
});
