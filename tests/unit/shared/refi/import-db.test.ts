/** Writing an imported REFI-QDA project: one new project, one journaled batch, nothing on failure. */
import { strToU8, zipSync } from "fflate";
import { beforeEach, describe, expect, it } from "vitest";
// First: fake-indexeddb must be installed before Dexie loads.
import { freshIndexedDb } from "../../renderer/db/helpers";
import { listProjects, openProject } from "../../../../renderer/db/projects";
import { writeRefiImport } from "../../../../renderer/db/refiImport";
import { importQdpx } from "../../../../shared/refi/import";
import { saveCoder } from "../../helpers/project";

const G = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Ward study" origin="NVivo for Windows 12.6">
<Users><User guid="${G(1)}" name="Ben"/></Users>
<CodeBook><Codes><Code guid="${G(10)}" name="Workload" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="${G(100)}" name="Nurse 1" plainTextPath="internal://n1.txt">
<PlainTextSelection guid="${G(200)}" startPosition="11" endPosition="20"><Coding guid="${G(300)}" creatingUser="${G(1)}" creationDateTime="2025-06-18T02:08:15Z"><CodeRef targetGUID="${G(10)}"/></Coding></PlainTextSelection>
</TextSource></Sources>
<Notes><Note guid="${G(50)}" name="Plan"><PlainTextContent>Project plan</PlainTextContent></Note></Notes>
</Project>`;
const bytes = zipSync({ "project.qde": strToU8(QDE), "Sources/n1.txt": strToU8("We are so\r\nstretched on nights") });

describe("writeRefiImport", () => {
  beforeEach(() => freshIndexedDb());

  it("creates a new project with every record, journaled as one batch", async () => {
    const profile = await saveCoder();
    const result = await importQdpx(bytes, "ward.qdpx");
    const entry = await writeRefiImport(result, profile, "ward.qdpx");
    expect(entry.name).toBe("Ward study");
    const project = await openProject(entry.id, profile);
    const [sources, codes, codings, memos, coders, journal] = await Promise.all([
      project.db.sources.toArray(),
      project.db.codes.toArray(),
      project.db.codings.toArray(),
      project.db.memos.toArray(),
      project.db.coders.toArray(),
      project.db.journal.toArray(),
    ]);
    expect(sources.map((s) => s.name)).toEqual(["Nurse 1"]);
    expect(codes.map((c) => c.name)).toEqual(["Workload"]);
    const text = (await project.db.sourceContent.get(sources[0]?.id ?? ""))?.text ?? "";
    expect(text.slice(codings[0]?.start, codings[0]?.end)).toBe("stretched");
    // When it was coded in the other tool is kept; the merge clock is today's.
    expect(codings[0]?.createdAt).toBe("2025-06-18T02:08:15.000Z");
    expect(Number(codings[0]?.updatedAt.slice(0, 13))).toBeGreaterThan(Date.parse("2025-06-19"));
    expect(memos[0]).toMatchObject({ targetKind: "project", targetId: entry.id, title: "Plan" });
    expect(coders.map((c) => c.name).sort()).toEqual(["Amira Patel", "Ben"]);
    const batches = new Set(journal.filter((j) => j.label === "Imported ward.qdpx").map((j) => j.batchId));
    expect(batches.size).toBe(1);
    expect(journal.filter((j) => j.label === "Imported ward.qdpx")).toHaveLength(5); // coder, code, source, coding, memo
    expect((await listProjects()).find((p) => p.id === entry.id)?.sourceCount).toBe(1);
  });

  it("a failing write leaves no project behind", async () => {
    const profile = await saveCoder();
    const result = await importQdpx(bytes, "ward.qdpx");
    // Two codings with one id: the second add fails inside the transaction.
    const first = result.tables.codings[0];
    if (!first) throw new Error("fixture has a coding");
    result.tables.codings.push({ ...first });
    await expect(writeRefiImport(result, profile, "ward.qdpx")).rejects.toThrow();
    expect(await listProjects()).toEqual([]);
  });
});
