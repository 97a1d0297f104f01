/**
 * `margin export-qdc p.margin (key options) --out FILE.qdc`: the codebook as REFI-QDA, from a project's
 * tables, with the same pure core as the app (shared/refi/qdcExport).
 */
import { parseArgs } from "node:util";
import type { ProjectTables } from "../../shared/model/tables";
import { exportQdc } from "../../shared/refi/qdcExport";
import { CliError, type CliIo, type RefiExportIo } from "../io";
import { inputsOf, refuseOutputOverInput, writeAtomically } from "../output";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";

export const usage = "margin export-qdc p.margin (--identity key.txt | --passphrase-file F) --out FILE.qdc";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...KEY_OPTIONS, out: { type: "string", short: "o" } },
    allowPositionals: true,
  });
  if (!values.out) throw new CliError(`no output file: ${usage}`);
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  const { tables } = await openBundleFromArgs(positionals[0], values);
  const { codes } = await runExportQdc(tables, { out: values.out }, { writeFile: writeAtomically, log: io.err });
  io.out(`wrote ${values.out}: ${codes} codes`);
  return 0;
}

export async function runExportQdc(
  tables: ProjectTables,
  options: { out: string; codeIds?: readonly string[] },
  io: RefiExportIo,
): Promise<{ codes: number }> {
  if (!/\.qdc$/i.test(options.out))
    throw new Error(`“${options.out}” does not end in .qdc: other programs only open REFI-QDA codebooks with that extension.`);
  const qdc = exportQdc(tables.codes, { appVersion: io.appVersion ?? "dev", ...(options.codeIds ? { codeIds: options.codeIds } : {}) });
  await io.writeFile(options.out, qdc.bytes);
  io.log(`Wrote ${options.out}: ${qdc.codes} codes.`);
  if (qdc.replaced > 0) io.log(`Note: ${qdc.replaced} character(s) XML cannot hold were replaced with U+FFFD.`);
  return { codes: qdc.codes };
}
