import { beforeEach, describe, expect, it, vi } from "vitest";
import { freshIndexedDb, importPlainSource, openBareProject } from "../../helpers/project";
import { writeChanges } from "../../../../renderer/db/changes";
import type { OpenProject } from "../../../../renderer/db/projects";
import { createCode, listCodes } from "../../../../renderer/db/codes";
import { codeRange } from "../../../../renderer/db/codings";
import {
  cachedSourceText,
  codingsForRetrieval,
  listCoders,
  loadSourceText,
  retrievalLookups,
  segmentTexts,
} from "../../../../renderer/db/retrieval";
import { assembleSegments, codeGroups, queryCodeIds, sortSegments } from "../../../../shared/retrieval/segments";
import { retrievalNames } from "../../../../renderer/retrieval/names";
import type { CodingRecord } from "../../../../shared/model/records";

beforeEach(freshIndexedDb);

const CODER = "0190a000-0000-7000-8000-000000000001";

const openTestProject = () => openBareProject("retrieval-test", CODER);

async function addSource(project: OpenProject, name: string, text: string): Promise<string> {
  const paragraphs = text.split("\n");
  let at = 0;
  const blocks = paragraphs.map((p) => {
    const block = { kind: "paragraph" as const, start: at, end: at + p.length };
    at += p.length + 1;
    return block;
  });
  return importPlainSource(project, { fileName: `${name}.txt`, format: "txt", text, blocks, contentHash: `hash-${name}` });
}

describe("retrieval repository", () => {
  it("reads codings by code and names everything for the list", async () => {
    const p = await openTestProject();
    await writeChanges(p.db, p.ctx, "coder", (w) =>
      w.create("coders", { name: "Amira Patel", initials: "AP", colour: "#0072B2", publicKey: null }, CODER),
    );
    const s1 = await addSource(p, "P1", "Interviewer: Hello\nP1: Logging in is slow.");
    const tech = await createCode(p, { name: "Technology" });
    const use = await createCode(p, { name: "Usability", parentId: tech.id });
    const other = await createCode(p, { name: "Other" });
    await codeRange(p, s1, use.id, { start: 19, end: 42 });
    await codeRange(p, s1, other.id, { start: 0, end: 5 });

    const codes = await listCodes(p);
    const groups = codeGroups(codes, { codeIds: [tech.id], includeSubcodes: true });
    const codings = await codingsForRetrieval(p, queryCodeIds(groups));
    expect(codings.map((c) => c.codeId)).toEqual([use.id]);

    const lookups = await retrievalLookups(p);
    const names = retrievalNames(lookups);
    const [segment] = assembleSegments(codings, groups, "any");
    expect(segment && names.codeLabel(segment.codeIds[0] ?? "")).toBe("Technology / Usability");
    expect(segment && names.codePath(segment.codeIds[0] ?? "")).toBe("Technology/Usability");
    expect(segment && names.coderLabel(segment.coderIds[0] ?? "")).toBe("Amira Patel (AP)");
    expect((await listCoders(p)).map((c) => c.initials)).toEqual(["AP"]);
    expect(await segmentTexts(p, codings)).toEqual(["P1: Logging in is slow."]);
  });

  it("loads a source's text once, shares concurrent loads, and keeps only the most recent sources", async () => {
    const p = await openTestProject();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await addSource(p, `S${i}`, `Source ${i} text`));
    const first = ids[0] ?? "";
    expect(cachedSourceText(p, first)).toBeUndefined();
    const get = vi.spyOn(p.db.sourceContent, "get");
    const [a, b] = await Promise.all([loadSourceText(p, first), loadSourceText(p, first)]);
    expect(a?.text).toBe("Source 0 text");
    expect(b).toBe(a);
    expect(get).toHaveBeenCalledTimes(1);
    expect(cachedSourceText(p, first)).toBe(a);
    for (const id of ids.slice(1)) await loadSourceText(p, id);
    // Sixteen are kept; the first was read before nineteen others, so it has gone.
    expect(cachedSourceText(p, first)).toBeUndefined();
    expect(cachedSourceText(p, ids[19] ?? "")?.text).toBe("Source 19 text");
    expect(await loadSourceText(p, "no-such-source")).toBeNull();
  });

  it("assembles 5,000 segments of one code across 1,000 sources without reading any source text", async () => {
    const p = await openTestProject();
    const code = await createCode(p, { name: "Workload" });
    const now = new Date().toISOString();
    const rows: CodingRecord[] = [];
    for (let i = 0; i < 5000; i++) {
      rows.push({
        id: `c${i}`,
        createdAt: now,
        updatedAt: now,
        updatedBy: CODER,
        deleted: false,
        sourceId: `s${i % 1000}`,
        codeId: code.id,
        start: i,
        end: i + 10,
        coderId: CODER,
        note: "",
      });
    }
    await p.db.codings.bulkAdd(rows);
    const get = vi.spyOn(p.db.sourceContent, "get");
    const started = performance.now();
    const codes = await listCodes(p);
    const groups = codeGroups(codes, { codeIds: [code.id], includeSubcodes: true });
    const codings = await codingsForRetrieval(p, queryCodeIds(groups));
    const segments = sortSegments(assembleSegments(codings, groups, "any"), "position", {
      sourceName: (id) => id,
      codeLabel: (id) => id,
      coderName: (id) => id,
    });
    const elapsed = performance.now() - started;
    expect(segments).toHaveLength(5000);
    expect(get).not.toHaveBeenCalled();
    console.log(`[retrieval] 5,000 segments read and assembled in ${elapsed.toFixed(0)} ms (fake-indexeddb, Node)`);
  });
});
