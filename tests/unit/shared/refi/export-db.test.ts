/** Export from a project database: every live record, source texts read one at a time, tombstones left out. */
import { beforeEach, describe, expect, it, vi } from "vitest";
// First: fake-indexeddb must be installed before Dexie loads.
import { freshIndexedDb } from "../../renderer/db/helpers";
import { deleteCode, listCodes } from "../../../../renderer/db/codes";
import { openProject } from "../../../../renderer/db/projects";
import { exportCodebookQdc, exportProjectQdpx, refiFileName } from "../../../../renderer/db/refiExport";
import { writeRefiImport } from "../../../../renderer/db/refiImport";
import { exportQdpx } from "../../../../shared/refi/export";
import { importQdpx } from "../../../../shared/refi/import";
import { sampleTables, schemaAvailable, unzip, utf8, validateWithXsd } from "../model/exportHelpers";
import { saveCoder } from "../../helpers/project";

describe("exportProjectQdpx (renderer/db/refiExport)", () => {
  beforeEach(() => freshIndexedDb());

  it("exports what the database holds, reading source texts one by one and leaving deleted codes out", async () => {
    const profile = await saveCoder();
    const { tables } = sampleTables();
    const made = await exportQdpx(tables, { projectName: "Ward study", appVersion: "0.1.0", convention: "codepoints", lineBreaks: "lf" });
    const entry = await writeRefiImport(await importQdpx(made.bytes, "ward.qdpx"), profile, "ward.qdpx");
    const project = await openProject(entry.id, profile);
    const time = (await listCodes(project)).find((c) => c.name === "Time saved");
    if (!time) throw new Error("fixture");
    await deleteCode(project, time.id);

    const all = vi.spyOn(project.db.sourceContent, "toArray");
    const one = vi.spyOn(project.db.sourceContent, "get");
    const result = await exportProjectQdpx(project, { convention: "utf16", lineBreaks: "crlf" }, "0.1.0");
    expect(all).not.toHaveBeenCalled();
    expect(one).toHaveBeenCalledTimes(2);
    // The deleted code and its coding are gone; the researcher who exports is a user.
    expect(result.summary).toMatchObject({ sources: 2, codes: 3, codings: 3, memos: 5, cases: 2, attributes: 4, coders: 3 });
    const qde = utf8(unzip(result.bytes)["project.qde"]);
    if (schemaAvailable) expect(validateWithXsd(qde, "Project").ok).toBe(true);
    expect(qde).not.toContain('name="Time saved"');
    expect(qde).toMatch(
      /<Project xmlns="urn:QDA-XML:project:1\.0" name="Ward study" origin="Margin 0\.1\.0 \(positions in UTF-16 code units, as NVivo counts\)" creatingUserGUID="[0-9a-f-]{36}"/,
    );

    const chosen = await exportProjectQdpx(
      project,
      { convention: "codepoints", lineBreaks: "lf", sourceIds: [(await project.db.sources.toArray())[0]?.id ?? ""], codeIds: [] },
      "0.1.0",
    );
    expect(chosen.summary).toMatchObject({ sources: 1, codes: 0, codings: 0 });

    const qdc = await exportCodebookQdc(project, "0.1.0");
    expect(qdc.codes).toBe(3);
    expect(refiFileName("Ward: study/2", "qdpx")).toBe("Ward study 2.qdpx");
    expect(refiFileName("  ", "qdc")).toBe("Project codebook.qdc");
  });
});
