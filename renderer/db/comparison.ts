import type { CodeRecord, CoderRecord, CodingRecord } from "../../shared/model/records";
import { listCodes } from "./codes";
import { listCoders } from "./codings";
import type { OpenProject } from "./projects";
import { listSources } from "./sources";
import { isLive, type Live } from "../../shared/model/live";
import type { CodeId, SourceId } from "../../shared/ids";

/** A source as coding comparison needs it: a name to show and its length (the unit count). */
export interface ComparedSource {
  id: string;
  name: string;
  /** Characters (UTF-16 code units) of the plain text: N in the agreement formulas. */
  charCount: number;
}

export interface ComparisonLookups {
  codes: CodeRecord[];
  sources: ComparedSource[];
  coders: CoderRecord[];
}

/** List-sized rows only: no source text is read to compare coding. */
export async function comparisonLookups(project: OpenProject): Promise<ComparisonLookups> {
  const [codes, sources, coders] = await Promise.all([listCodes(project), listSources(project), listCoders(project)]);
  return {
    codes,
    sources: sources.map((s) => ({ id: s.id, name: s.name, charCount: s.charCount })).sort((a, b) => a.name.localeCompare(b.name)),
    coders,
  };
}

/** Above this many code × source pairs, reading per code and filtering sources in memory is cheaper. */
const MAX_PAIR_READS = 2000;

/**
 * Live codings of the chosen codes, in the chosen sources (null: every source). Each read is one
 * index `equals` (a getAll, not a cursor walk): [sourceId+codeId] for a few chosen sources,
 * otherwise codeId.
 */
export async function codingsForComparison(
  project: OpenProject,
  codeIds: readonly CodeId[],
  sourceIds: readonly SourceId[] | null,
): Promise<Live<CodingRecord>[]> {
  const codes = [...new Set(codeIds)];
  if (codes.length === 0 || (sourceIds && sourceIds.length === 0)) return [];
  if (sourceIds && codes.length * sourceIds.length <= MAX_PAIR_READS) {
    const reads = sourceIds.flatMap((sourceId) =>
      codes.map((codeId) => project.db.codings.where("[sourceId+codeId]").equals([sourceId, codeId]).toArray()),
    );
    return (await Promise.all(reads)).flat().filter(isLive);
  }
  const wanted = sourceIds ? new Set(sourceIds) : null;
  const perCode = await Promise.all(codes.map((id) => project.db.codings.where("codeId").equals(id).toArray()));
  return perCode
    .flat()
    .filter(isLive)
    .filter((c) => !wanted || wanted.has(c.sourceId));
}
