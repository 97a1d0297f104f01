/**
 * `margin report p.margin (--identity key.txt | --passphrase-file F) --kind code|codebook|transcript|memos|overview
 *  --code "Path/To/Code"… --source NAME… --format docx|csv|html --out FILE`: the flags and the bundle;
 * the report itself is runReport (cli/commands/report.ts), the same report model as the app.
 */
import { parseArgs } from "node:util";
import type { CoderLabel, PageSize, ReportGroupBy } from "../../shared/reports";
import { CliError, type CliIo } from "../io";
import { inputsOf, refuseOutputOverInput } from "../output";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";
import { writeAtomically } from "./export-qdpx";
import { runReport } from "./report";

export const usage =
  'margin report p.margin (--identity key.txt | --passphrase-file F) --kind code|codebook|transcript|memos|overview [--code "Path/To/Code"]… [--source NAME]… --format docx|csv|html --out FILE [--group-by code|source|case] [--context N] [--initials] [--page-size A4|Letter] [--attribute NAME]… [--no-subcodes]';

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...KEY_OPTIONS,
      kind: { type: "string" },
      code: { type: "string", multiple: true },
      source: { type: "string", multiple: true },
      format: { type: "string" },
      out: { type: "string", short: "o" },
      "group-by": { type: "string" },
      context: { type: "string" },
      initials: { type: "boolean" },
      "page-size": { type: "string" },
      attribute: { type: "string", multiple: true },
      "no-subcodes": { type: "boolean" },
    },
    allowPositionals: true,
  });
  if (!values.kind) throw new CliError(`--kind is required: ${usage}`);
  if (!values.format) throw new CliError("--format is required (docx, csv or html)");
  if (!values.out) throw new CliError("--out is required");
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  const context = values.context === undefined ? undefined : Number(values.context);
  if (context !== undefined && (!Number.isInteger(context) || context < 0)) throw new CliError("--context must be a whole number of characters");
  const groupBy = values["group-by"];
  if (groupBy !== undefined && !["code", "source", "case"].includes(groupBy)) throw new CliError("--group-by must be code, source or case");
  const pageSize = values["page-size"];
  if (pageSize !== undefined && pageSize !== "A4" && pageSize !== "Letter") throw new CliError("--page-size must be A4 or Letter");

  const { manifest, tables } = await openBundleFromArgs(positionals[0], values);
  return runReport(
    tables,
    {
      kind: values.kind,
      codes: values.code ?? [],
      sources: values.source ?? [],
      format: values.format,
      out: values.out,
      projectName: manifest.projectName,
      ...(groupBy ? { groupBy: groupBy as ReportGroupBy } : {}),
      ...(context !== undefined ? { context } : {}),
      ...(values.initials ? { coderLabel: "initials" as CoderLabel } : {}),
      ...(pageSize ? { pageSize: pageSize as PageSize } : {}),
      ...(values.attribute ? { attributes: values.attribute } : {}),
      ...(values["no-subcodes"] ? { noSubcodes: true } : {}),
    },
    { writeFile: writeAtomically, stdout: io.out, stderr: io.err },
  );
}
