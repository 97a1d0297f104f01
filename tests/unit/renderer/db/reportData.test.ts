import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { createCode } from "../../../../renderer/db/codes";
import { codeRange, uncode } from "../../../../renderer/db/codings";
import { addConvertedSource } from "../../../../renderer/db/sources";
import { convertFile } from "../../../../shared/import";
import { buildReport, reportOptions, reportSourceFromTables } from "../../../../shared/reports";
import { emptyProjectTables } from "../../../../shared/model/tables";
import { projectReportSource } from "../../../../renderer/reports/reportData";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

const TEXT =
  "Interviewer: How was go-live?\nP07: The log-in took three minutes, every shift.\nP07: The super-users on every ward were what worked.";

describe("the reports' data source over IndexedDB", () => {
  it("gives the report model the live project, tombstones left out, and the same report as plain tables", async () => {
    const project = await newProject();
    const added = await addConvertedSource(project, await convertFile(new TextEncoder().encode(TEXT), "P07.txt"), { kind: "interview" });
    if (added.status !== "imported") throw new Error("not imported");
    const sourceId = added.source.id;
    const usability = await createCode(project, { name: "Usability" });
    const training = await createCode(project, { name: "Training" });
    const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length });
    await codeRange(project, sourceId, usability.id, at("The log-in took three minutes"));
    await codeRange(project, sourceId, training.id, at("The super-users on every ward"));
    const removed = await codeRange(project, sourceId, training.id, at("How was go-live?"));
    await uncode(project, removed.id);

    const source = projectReportSource(project);
    expect(await source.projectName()).toBe("Study");
    expect((await source.codings()).map((c) => c.codeId).sort()).toEqual([usability.id, training.id].sort());
    expect((await source.codingsForCodes([training.id])).map((c) => c.id)).not.toContain(removed.id);
    expect(await source.codingsForSource(sourceId)).toHaveLength(2);
    expect((await source.sourceContent(sourceId))?.text).toBe(TEXT);
    expect(await source.sourceContent("no-such-source")).toBeUndefined();

    // The same project as plain tables (the CLI's path) makes the same code report.
    const tables = emptyProjectTables();
    tables.codes = [...(await source.codes())];
    tables.sources = [...(await source.sources())];
    tables.codings = [...(await source.codings())];
    tables.coders = [...(await source.coders())];
    tables.cases = [...(await source.cases())];
    tables.attributes = [...(await source.attributes())];
    tables.memos = [...(await source.memos())];
    const content = await source.sourceContent(sourceId);
    if (content) tables.sourceContent = [content];
    const options = reportOptions({ kind: "code", codeIds: [usability.id, training.id] });
    const fixed = { now: () => new Date("2026-01-01T00:00:00Z") };
    const fromDb = await buildReport(source, options, fixed);
    const fromTables = await buildReport(reportSourceFromTables(tables, "Study"), options, fixed);
    expect(fromDb).toEqual(fromTables);
    const texts = fromDb.sections.flatMap((s) => (s.type === "segment" ? [s.segment.text] : []));
    expect(texts.sort()).toEqual(["The log-in took three minutes", "The super-users on every ward"]);
  });
});
