/**
 * `margin export-qdpx p.margin (key options) --out FILE.qdpx [--convention utf16|codepoints]`: the REFI-QDA
 * project export for the command line, from a project's tables. Same pure core as the app (shared/refi);
 * the file is written through `io.writeFile` (writeAtomically, cli/output.ts, in the real CLI).
 */
import { parseArgs } from "node:util";
import type { ProjectTables } from "../../shared/model/tables";
import { exportQdpx, type LineBreaks, type PositionConvention, type RefiExportSummary } from "../../shared/refi/export";
import { CliError, type CliIo, type RefiExportIo } from "../io";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";
import { inputsOf, refuseOutputOverInput, writeAtomically } from "../output";

export const usage =
  "margin export-qdpx p.margin (--identity key.txt | --passphrase-file F) --out FILE.qdpx [--convention utf16|codepoints]";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...KEY_OPTIONS, out: { type: "string", short: "o" }, convention: { type: "string" } },
    allowPositionals: true,
  });
  if (!values.out) throw new CliError(`no output file: ${usage}`);
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  const convention = values.convention ?? "utf16";
  if (convention !== "utf16" && convention !== "codepoints")
    throw new CliError("--convention must be utf16 (NVivo) or codepoints (the QDA-XML standard)");
  const { manifest, tables } = await openBundleFromArgs(positionals[0], values);
  await runExportQdpx(
    tables,
    { out: values.out, convention: convention as PositionConvention },
    {
      writeFile: (file, bytes) => writeAtomically(file, bytes),
      log: io.err,
      projectName: manifest.projectName,
      coderId: manifest.exporter.coderId,
    },
  );
  io.out(`wrote ${values.out}`);
  return 0;
}

export interface QdpxExportOptions {
  out: string;
  /** "utf16" (default; what NVivo reads correctly) or "codepoints" (the QDA-XML standard; ATLAS.ti, MAXQDA, QualCoder). */
  convention?: PositionConvention;
  /** Line breaks of the exported text files; default CRLF for "utf16" (NVivo for Windows), LF for "codepoints". */
  lineBreaks?: LineBreaks;
  sourceIds?: readonly string[];
  codeIds?: readonly string[];
}

const CONVENTIONS: readonly PositionConvention[] = ["utf16", "codepoints"];

export async function runExportQdpx(tables: ProjectTables, options: QdpxExportOptions, io: RefiExportIo): Promise<RefiExportSummary> {
  const convention = options.convention ?? "utf16";
  if (!CONVENTIONS.includes(convention))
    throw new Error(`Unknown position convention “${String(convention)}”: use utf16 (NVivo) or codepoints (the QDA-XML standard).`);
  if (!/\.qdpx$/i.test(options.out))
    throw new Error(`“${options.out}” does not end in .qdpx: other programs only open REFI-QDA projects with that extension.`);
  const lineBreaks = options.lineBreaks ?? (convention === "utf16" ? "crlf" : "lf");
  const { bytes, summary } = await exportQdpx(tables, {
    projectName: io.projectName ?? "Margin project",
    appVersion: io.appVersion ?? "dev",
    convention,
    lineBreaks,
    ...(io.coderId ? { exporterId: io.coderId } : {}),
    ...(io.now ? { now: io.now } : {}),
    ...(options.sourceIds ? { sourceIds: options.sourceIds } : {}),
    ...(options.codeIds ? { codeIds: options.codeIds } : {}),
  });
  await io.writeFile(options.out, bytes);
  io.log(
    `Wrote ${options.out}: ${summary.sources} sources, ${summary.codes} codes, ${summary.codings} codings, ${summary.memos} memos, ${summary.cases} cases, ${summary.attributes} attributes, ${summary.coders} coders.`,
  );
  io.log(
    `Positions: ${convention === "utf16" ? "UTF-16 code units (NVivo)" : "Unicode code points (QDA-XML standard)"}; text files with ${lineBreaks.toUpperCase()} line breaks.`,
  );
  for (const r of summary.remarks) io.log(`Note: ${r}`);
  return summary;
}
