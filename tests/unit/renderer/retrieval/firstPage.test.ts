import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb, openBareProject } from "../../helpers/project";
import { writeChanges } from "../../../../renderer/db/changes";
import type { OpenProject } from "../../../../renderer/db/projects";
import { createCode } from "../../../../renderer/db/codes";
import { codeRange, uncode } from "../../../../renderer/db/codings";
import { countsByCode } from "../../../../renderer/db/codes";
import { cachedSourceText, codingsForRetrieval, firstRetrievalPage, retrievalLookups } from "../../../../renderer/db/retrieval";
import {
  assembleSegments,
  codeGroups,
  filterSegments,
  NO_SEGMENT_FILTER,
  queryCodeIds,
  sortSegments,
} from "../../../../shared/retrieval/segments";
import { retrievalNames } from "../../../../renderer/retrieval/names";
import { sourceOrder } from "../../../../renderer/retrieval/useFirstPage";
import type { SourceContentRecord, SourceRecord } from "../../../../shared/model/records";

beforeEach(freshIndexedDb);

const openTestProject = () => openBareProject("first-page-test");

const TEXT = "word ".repeat(200);

/** Sources named so that name order (numeric: P2 before P10) differs from id order. */
async function addSources(p: OpenProject, names: string[]): Promise<string[]> {
  return writeChanges(p.db, p.ctx, "Imported", async (w) => {
    const ids: string[] = [];
    for (const name of names) {
      const s = await w.create<SourceRecord>("sources", {
        name,
        kind: name.startsWith("G") ? "group interview" : "interview",
        fileName: `${name}.txt`,
        format: "txt",
        importedAt: "2026-01-01T00:00:00.000Z",
        charCount: TEXT.length,
        wordCount: 200,
        contentHash: name,
        caseIds: [],
        memo: "",
      });
      const content: SourceContentRecord = {
        id: s.id,
        text: TEXT,
        blocks: [{ kind: "paragraph", start: 0, end: TEXT.length }],
        marks: [],
        turns: [],
        timestamps: [],
        warnings: [],
      };
      await p.db.sourceContent.add(content);
      ids.push(s.id);
    }
    return ids;
  });
}

describe("the first page of coded segments", () => {
  it("is exactly the start of the whole list, read from a few sources only, with the whole list's length", async () => {
    const p = await openTestProject();
    const names = ["P10", "P2", "G1", "P1", "P3", "P20", "P11", "G2"];
    const ids = await addSources(p, names);
    const theme = await createCode(p, { name: "Theme" });
    const sub = await createCode(p, { name: "Sub", parentId: theme.id });
    const other = await createCode(p, { name: "Other" });
    let n = 0;
    for (const [i, sourceId] of ids.entries()) {
      for (let k = 0; k <= i % 3; k++) {
        await codeRange(p, sourceId, k % 2 ? sub.id : theme.id, { start: 100 * k + 10 * i, end: 100 * k + 10 * i + 4 });
        n++;
      }
      await codeRange(p, sourceId, other.id, { start: 900, end: 910 });
    }
    const gone = await codeRange(p, ids[1] ?? "", theme.id, { start: 600, end: 610 });
    await uncode(p, gone.id);

    // Before the coding counts are loaded there is no shortcut: read everything.
    const lookups = await retrievalLookups(p);
    const named = retrievalNames(lookups);
    const groups = codeGroups(lookups.codes, { codeIds: [theme.id], includeSubcodes: true });
    const fetch = queryCodeIds(groups);
    const order = sourceOrder(named, NO_SEGMENT_FILTER);
    expect(order.map((id) => named.sourceName(id))).toEqual(["G1", "G2", "P1", "P2", "P3", "P10", "P11", "P20"]);
    expect(await firstRetrievalPage(p, fetch, order, 5)).toBeNull();

    await countsByCode(p); // what the codebook panel does on opening the project
    const list = (codings: Parameters<typeof assembleSegments>[0], filter = NO_SEGMENT_FILTER) =>
      sortSegments(
        filterSegments(assembleSegments(codings, groups, "any"), named.sourcesById, lookups.cases, filter),
        "position",
        named,
      ).map((s) => s.key);
    const whole = list(await codingsForRetrieval(p, fetch));
    expect(whole).toHaveLength(n);

    const page = await firstRetrievalPage(p, fetch, order, 5);
    if (!page) throw new Error("no page");
    expect(page.total).toBe(n);
    const rows = list(page.codings);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.length).toBeLessThan(n);
    expect(rows).toEqual(whole.slice(0, rows.length));
    expect(page.sourceIds.map((id) => named.sourceName(id))).toEqual(["G1", "G2", "P1", "P2"].slice(0, page.sourceIds.length));
    // The first rows' texts are on their way before anyone asks.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cachedSourceText(p, page.sourceIds[0] ?? "")?.text).toBe(TEXT);

    // A source filter: the order and the page follow it.
    const interviews = { ...NO_SEGMENT_FILTER, sourceKind: "interview" as const };
    const filteredOrder = sourceOrder(named, interviews);
    const filteredPage = await firstRetrievalPage(p, fetch, filteredOrder, 3);
    const filteredWhole = list(await codingsForRetrieval(p, fetch), interviews);
    expect(filteredPage?.total).toBe(filteredWhole.length);
    const filteredRows = list(filteredPage?.codings ?? [], interviews);
    expect(filteredRows).toEqual(filteredWhole.slice(0, filteredRows.length));
    expect(filteredRows.length).toBeGreaterThanOrEqual(3);
  });
});
