/**
 * Typed ids: the `@ts-expect-error` lines are checked by `tsc` (npm test → typecheck). Each swaps a
 * source id and a code id (or another pair of kinds) in a real call; if the brands in shared/ids.ts
 * stopped telling the kinds apart, tsc would fail with "Unused '@ts-expect-error' directive".
 * The calls sit in a function that is never run: this file is about what compiles.
 */
import { describe, expect, it } from "vitest";
import { bucketCodings } from "../../../../shared/agreement/comparison";
import { codeCounts } from "../../../../shared/coding/counts";
import { descendantIds, indexCodes } from "../../../../shared/coding/codeTree";
import { planCodeMerge } from "../../../../shared/coding/codeMerge";
import { newId, type CaseId, type CodeId, type CoderId, type CodingId, type SourceId } from "../../../../shared/ids";
import { remapIncoming } from "../../../../shared/merge/plan";
import { isLive, liveOrUndefined, type Live } from "../../../../shared/model/live";
import type { CodeRecord } from "../../../../shared/model/records";
import { emptyProjectTables } from "../../../../shared/model/tables";
import { codeGroups } from "../../../../shared/retrieval/segments";
import { changeCodingCode, codeRange, getCoding, listCodingsForSource } from "../../../../renderer/db/codings";
import { getCode, mergeCodes } from "../../../../renderer/db/codes";
import { getSource } from "../../../../renderer/db/sources";
import { linkSources } from "../../../../renderer/db/cases";
import type { OpenProject } from "../../../../renderer/db/projects";

// Never called: only compiled.
export function swappedIdsDoNotCompile(
  project: OpenProject,
  sourceId: SourceId,
  codeId: CodeId,
  codingId: CodingId,
  caseId: CaseId,
  coderId: CoderId,
): void {
  const codes: CodeRecord[] = [];
  const range = { start: 0, end: 1 };

  void codeRange(project, sourceId, codeId, range);
  // @ts-expect-error a code id where the source id goes, and the other way round
  void codeRange(project, codeId, sourceId, range);

  void listCodingsForSource(project, sourceId);
  // @ts-expect-error a code id is not a source id
  void listCodingsForSource(project, codeId);

  void getSource(project, sourceId);
  // @ts-expect-error a code id is not a source id
  void getSource(project, codeId);

  void getCode(project, codeId);
  // @ts-expect-error a source id is not a code id
  void getCode(project, sourceId);

  void getCoding(project, codingId);
  // @ts-expect-error a code id is not a coding id
  void getCoding(project, codeId);

  void changeCodingCode(project, codingId, codeId);
  // @ts-expect-error coding and code swapped
  void changeCodingCode(project, codeId, codingId);

  void mergeCodes(project, codeId, codeId);
  // @ts-expect-error a source id is not a code id
  void mergeCodes(project, sourceId, codeId);

  void linkSources(project, caseId, [sourceId]);
  // @ts-expect-error case and source swapped
  void linkSources(project, sourceId, [caseId]);

  planCodeMerge(codes, [], codeId, codeId);
  // @ts-expect-error a source id is not a code id
  planCodeMerge(codes, [], sourceId, codeId);

  codeCounts(codes, [{ codeId, sourceId }]);
  // @ts-expect-error codeId and sourceId swapped in a coding
  codeCounts(codes, [{ codeId: sourceId, sourceId: codeId }]);

  descendantIds(indexCodes(codes), codeId);
  // @ts-expect-error a source id is not a code id
  descendantIds(indexCodes(codes), sourceId);

  codeGroups(codes, { codeIds: [codeId], includeSubcodes: true });
  // @ts-expect-error source ids are not code ids
  codeGroups(codes, { codeIds: [sourceId], includeSubcodes: true });

  remapIncoming(emptyProjectTables(), new Map<SourceId, SourceId>());
  // @ts-expect-error the source map is by source id
  remapIncoming(emptyProjectTables(), new Map<CodeId, CodeId>());

  bucketCodings([], [], { a: [coderId], b: [] }, new Set([sourceId]));
  // @ts-expect-error coder groups hold coder ids, and the sources are source ids
  bucketCodings([], [], { a: [codeId], b: [] }, new Set([codeId]));
}

describe("typed ids and live records", () => {
  it("a new id is a UUIDv7 string whatever its kind", () => {
    const id: CodeId = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(typeof id).toBe("string");
  });

  it("isLive keeps the records that are not tombstones, in order, and types them Live", () => {
    const rows = [
      { id: "a", deleted: false },
      { id: "b", deleted: true },
      { id: "c", deleted: false },
    ];
    const live: Live<(typeof rows)[number]>[] = rows.filter(isLive);
    expect(live.map((r) => r.id)).toEqual(["a", "c"]);
    expect(liveOrUndefined(rows[1])).toBeUndefined();
    expect(liveOrUndefined(rows[0])?.id).toBe("a");
    expect(liveOrUndefined(undefined)).toBeUndefined();
  });
});
