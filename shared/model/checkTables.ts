/**
 * Checks across the records of a set of tables (a bundle, a backup, a REFI-QDA import), after each
 * record matched its schema (validate.ts): no id twice in a table, every transcript's text hashing to
 * its source's `contentHash`, codings and case passages inside their source's text, and — for a whole
 * project, which holds everything its records point at — no live coding pointing at a source or code,
 * and no live case passage at a source or case, that is not there.
 *
 * A delta legitimately points at records the receiving project already has, so its references are
 * checked at merge time against bundle and project together (`checkAgainstProject`).
 */
import { plural } from "../text/plural";
import type { CasePassageRecord, CodeRecord, CodingRecord, SourceRecord } from "./records";
import { PROJECT_TABLE_NAMES, type ProjectTableName, type ProjectTables } from "./tables";
import { checkRecord, describeProblem, type RecordProblem } from "./validate";

/** Hex SHA-256 of a text's UTF-8 bytes (the same as shared/import/stats.ts sha256Hex; injectable for speed). */
export type TextHasher = (text: string) => Promise<string>;

export interface TableCheckOptions {
  /** "whole": every reference must resolve inside the tables; "delta": references may point into the project. */
  kind: "whole" | "delta";
  hashText: TextHasher;
  /** Problems listed in full before the rest are only counted. */
  maxListed?: number;
}

export interface TableCheckResult {
  /** The first `maxListed` problems. */
  problems: RecordProblem[];
  /** How many problems there are in all. */
  total: number;
}

export const MAX_LISTED_PROBLEMS = 5;

class Problems {
  readonly listed: RecordProblem[] = [];
  total = 0;
  constructor(private readonly max: number) {}
  add(p: RecordProblem): void {
    this.total++;
    if (this.listed.length < this.max) this.listed.push(p);
  }
}

const sourceLabel = (s: SourceRecord | undefined, id: string): string =>
  s && typeof s.name === "string" ? `“${s.name.slice(0, 80)}”` : `“${id}”`;

/** Every record against its schema, then the checks across records; nothing is changed. */
export async function checkTables(
  tables: Readonly<Record<ProjectTableName, readonly unknown[]>>,
  options: TableCheckOptions,
): Promise<TableCheckResult> {
  const problems = new Problems(options.maxListed ?? MAX_LISTED_PROBLEMS);
  for (const table of PROJECT_TABLE_NAMES) {
    const seen = new Set<string>();
    for (const record of tables[table]) {
      const p = checkRecord(table, record);
      if (p) {
        problems.add(p);
        continue;
      }
      const recordId = (record as { id: string }).id;
      if (seen.has(recordId)) problems.add({ table, id: recordId, field: "id", problem: "appears more than once in the table" });
      seen.add(recordId);
    }
  }
  // The checks across records assume well-formed records: without them they would only repeat the above.
  if (problems.total > 0) return { problems: problems.listed, total: problems.total };

  const t = tables as ProjectTables;
  const sources = new Map(t.sources.map((s) => [s.id, s]));
  for (const content of t.sourceContent) {
    const source = sources.get(content.id);
    if (!source) {
      problems.add({
        table: "sourceContent",
        id: content.id,
        field: "id",
        problem: "is the text of a source that is not in the sources table",
      });
      continue;
    }
    if (content.text.length !== source.charCount) {
      problems.add({
        table: "sources",
        id: source.id,
        field: "charCount",
        problem: `of source ${sourceLabel(source, source.id)} is ${source.charCount}, but its text has ${content.text.length} characters`,
      });
    }
    if ((await options.hashText(content.text)) !== source.contentHash) {
      problems.add({
        table: "sourceContent",
        id: source.id,
        field: "text",
        problem: `of source ${sourceLabel(source, source.id)} does not match the source's content hash (the transcript was changed or forged)`,
      });
    }
  }
  const codes = options.kind === "whole" ? new Set(t.codes.map((c) => c.id)) : null;
  for (const coding of t.codings) checkCoding(coding, sources.get(coding.sourceId), codes, problems, "the bundle");
  const cases = options.kind === "whole" ? new Set(t.cases.map((c) => c.id)) : null;
  for (const passage of t.casePassages) checkCasePassage(passage, sources.get(passage.sourceId), cases, problems, "the bundle");
  return { problems: problems.listed, total: problems.total };
}

/** A coding lies inside its source's text; in a whole project its source and code exist (when it is live). */
function checkCoding(
  coding: CodingRecord,
  source: SourceRecord | undefined,
  codes: ReadonlySet<string> | null,
  problems: Problems,
  where: string,
): void {
  if (source && coding.end > source.charCount) {
    problems.add({
      table: "codings",
      id: coding.id,
      field: "end",
      problem: `is ${coding.end}, past the end of source ${sourceLabel(source, coding.sourceId)} (${source.charCount} characters)`,
    });
  }
  if (!codes || coding.deleted) return;
  if (!source)
    problems.add({
      table: "codings",
      id: coding.id,
      field: "sourceId",
      problem: `points at source “${coding.sourceId}”, which is not in ${where}`,
    });
  if (!codes.has(coding.codeId))
    problems.add({
      table: "codings",
      id: coding.id,
      field: "codeId",
      problem: `points at code “${coding.codeId}”, which is not in ${where}`,
    });
}

/** A case passage lies inside its source's text; in a whole project its source and case exist (when it is live). */
function checkCasePassage(
  passage: CasePassageRecord,
  source: SourceRecord | undefined,
  cases: ReadonlySet<string> | null,
  problems: Problems,
  where: string,
): void {
  if (source && passage.end > source.charCount) {
    problems.add({
      table: "casePassages",
      id: passage.id,
      field: "end",
      problem: `is ${passage.end}, past the end of source ${sourceLabel(source, passage.sourceId)} (${source.charCount} characters)`,
    });
  }
  if (!cases || passage.deleted) return;
  if (!source)
    problems.add({
      table: "casePassages",
      id: passage.id,
      field: "sourceId",
      problem: `points at source “${passage.sourceId}”, which is not in ${where}`,
    });
  if (!cases.has(passage.caseId))
    problems.add({
      table: "casePassages",
      id: passage.id,
      field: "caseId",
      problem: `points at case “${passage.caseId}”, which is not in ${where}`,
    });
}

/**
 * Merge-time checks of incoming records against the project they are merged into: a source keeps its
 * transcript for life, so an incoming source may not carry another content hash under a known id; and
 * every live incoming coding points at a source and a code (and every live case passage at a source and
 * a case) that the bundle or the project has, inside that source's text.
 */
export function checkAgainstProject(
  local: Pick<ProjectTables, "sources" | "codes" | "cases">,
  incoming: Pick<ProjectTables, "sources" | "codes" | "codings" | "cases" | "casePassages">,
  maxListed = MAX_LISTED_PROBLEMS,
): TableCheckResult {
  const problems = new Problems(maxListed);
  const localSources = new Map(local.sources.map((s) => [s.id, s]));
  const sources = new Map<string, SourceRecord>(localSources);
  for (const s of incoming.sources) {
    const mine = localSources.get(s.id);
    if (mine && mine.contentHash && s.contentHash !== mine.contentHash) {
      problems.add({
        table: "sources",
        id: s.id,
        field: "contentHash",
        problem: `of source ${sourceLabel(mine, s.id)} differs from this project's: a transcript never changes once imported`,
      });
    }
    if (!mine) sources.set(s.id, s);
  }
  const codes = new Set<string>([...local.codes, ...incoming.codes].map((c: CodeRecord) => c.id));
  for (const coding of incoming.codings) checkCoding(coding, sources.get(coding.sourceId), codes, problems, "the bundle or this project");
  const cases = new Set<string>([...local.cases, ...incoming.cases].map((c) => c.id));
  for (const passage of incoming.casePassages)
    checkCasePassage(passage, sources.get(passage.sourceId), cases, problems, "the bundle or this project");
  return { problems: problems.listed, total: problems.total };
}

/** "codes “c1”: name is null, not text; … and 3 more problems". */
export function describeProblems(result: TableCheckResult): string {
  const listed = result.problems.map(describeProblem).join("; ");
  const more = result.total - result.problems.length;
  return more > 0 ? `${listed}; and ${plural(more, "more problem")}` : listed;
}
