/**
 * `margin import-qdpx FILE.qdpx --out p.margin`: the REFI-QDA import for the command line. Reads
 * the file with the same pure core as the app (shared/refi) and returns the project's tables and
 * the import report; the caller (cli/margin.ts) writes the bundle. The report goes to `io.log`, one
 * line per item, so a researcher sees what was not imported.
 */
import type { ProjectTables } from "../../shared/model/tables";
import { importQde, importQdpx } from "../../shared/refi/import";
import type { RefiImportReport } from "../../shared/refi/types";

export interface QdpxImportIo {
  /** Progress and report lines (stderr in the CLI). */
  log(line: string): void;
  /** Margin project id for project memos (the bundle's project id). */
  projectId?: string;
  /** Coder id the records are stamped with. */
  coderId?: string;
  now?: () => Date;
}

export interface QdpxImportOutput {
  projectName: string;
  tables: ProjectTables;
  report: RefiImportReport;
  idMap: Record<string, string>;
}

/** Throws RefiError (message names the file and the problem) when the file cannot be imported. */
export async function runImportQdpx(bytes: Uint8Array, fileName: string, io: QdpxImportIo): Promise<QdpxImportOutput> {
  const read = /\.qde$/i.test(fileName) ? importQde : importQdpx;
  const result = await read(bytes, fileName, { projectId: io.projectId, importerId: io.coderId, now: io.now });
  const { report } = result;
  io.log(`${fileName}: exported by ${report.origin}; positions read as ${report.positionConvention}.`);
  io.log(
    `Imported ${Object.entries(report.imported)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(", ")}.`,
  );
  for (const s of report.skipped) io.log(`Not imported: ${s.kind} ${s.name} — ${s.reason}`);
  for (const p of report.problems) io.log(`Note: ${p}`);
  return { projectName: result.projectName, tables: result.tables, report, idMap: result.idMap };
}
