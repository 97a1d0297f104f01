/**
 * `margin import-qdpx FILE.qdpx --out p.margin (key options)`: a REFI-QDA project as a Margin bundle.
 * runImportQdpx reads the file with the same pure core as the app (shared/refi) and returns the project's
 * tables and the import report; `run` writes the bundle. The report goes to `io.log`, one line per item,
 * so a researcher sees what was not imported.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { newId } from "../../shared/ids";
import { isLive } from "../../shared/model/live";
import type { ProjectTables } from "../../shared/model/tables";
import { importQde, importQdpx } from "../../shared/refi/import";
import type { RefiImportReport } from "../../shared/refi/types";
import { CliError, type CliIo } from "../io";
import { inputsOf, refuseOutputOverInput } from "../output";
import { KEY_OPTIONS, lockFromArgs, readInput, writeBundleFromArgs } from "../keys";

export const usage = "margin import-qdpx FILE.qdpx --out p.margin (--recipient age1…)… | --identity key.txt | --passphrase-file F";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...KEY_OPTIONS, out: { type: "string", short: "o" } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) throw new CliError(`no REFI-QDA file given: ${usage}`);
  if (!values.out) throw new CliError(`no output file: ${usage}`);
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  // Check the keys before the (slow) import so a typo costs nothing.
  await lockFromArgs(values);
  const projectId = newId();
  const imported = await runImportQdpx(readInput(file), path.basename(file), { log: io.err, projectId });
  const exporter = imported.tables.coders.find(isLive);
  const size = await writeBundleFromArgs(
    imported.tables,
    {
      projectId,
      projectName: imported.projectName,
      exporter: { coderId: exporter?.id ?? newId(), name: exporter?.name ?? "CLI" },
      kind: "whole",
      since: null,
    },
    values.out,
    values,
  );
  const t = imported.tables;
  io.out(
    `created ${values.out}: “${imported.projectName}”, ${t.sources.length} sources, ${t.codes.length} codes, ${t.codings.length} codings, ${(size / 1024).toFixed(0)} KB`,
  );
  return 0;
}

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
