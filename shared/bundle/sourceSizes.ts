/**
 * Source size on the bundle side (issue 13 item 7). Reading: a bundle or backup whose transcript is
 * over the import limits (shared/import/source-limits.ts) is refused, naming it, so every source in a
 * project can always be written out again. Writing: if a record still cannot be turned into one JSON
 * line, the error names the source instead of JavaScript's bare "Invalid string length".
 */
import { describeError } from "../describeError";
import { sourceSizeProblem } from "../import/source-limits";
import type { ProjectTableName, ProjectTables } from "../model/tables";
import { BundleError, subject } from "./errors";

/** “Interview 3” when the sources table names the id, else the id itself. */
export function sourceLabel(tables: ProjectTables, id: unknown): string {
  const source = tables.sources.find((s) => s.id === id);
  return source && typeof source.name === "string" ? `“${source.name}”` : `with id ${String(id)}`;
}

export function checkSourceSizes(tables: ProjectTables, fileName: string | undefined): void {
  for (const row of tables.sourceContent) {
    const r = row as { id?: unknown; text?: unknown; blocks?: unknown; marks?: unknown };
    const problem = sourceSizeProblem({
      characters: typeof r.text === "string" ? r.text.length : 0,
      paragraphs: Array.isArray(r.blocks) ? r.blocks.length : 0,
      formatting: Array.isArray(r.marks) ? r.marks.length : 0,
    });
    if (problem) {
      throw new BundleError(
        "too-large",
        `${subject(fileName)} holds the source ${sourceLabel(tables, r.id)}, which is larger than Margin accepts: ${problem}.`,
        fileName,
      );
    }
  }
}

/** The error for a record JSON could not serialise (in practice: longer than the longest string). */
export function unwritableRecord(tables: ProjectTables, table: ProjectTableName, row: unknown, error: unknown): BundleError {
  const id = (row as { id?: unknown } | null)?.id;
  const what =
    table === "sourceContent" || table === "sources" ? `the source ${sourceLabel(tables, id)}` : `a record in ${table} (id ${String(id)})`;
  const why = describeError(error);
  return new BundleError("too-large", `The bundle could not be written: ${what} is too large to write (${why}).`);
}
