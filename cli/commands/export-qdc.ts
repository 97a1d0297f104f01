/** `margin export-qdc p.margin (key options) --out FILE.qdc`: the codebook as REFI-QDA. */
import { parseArgs } from "node:util";
import { CliError, type CliIo } from "../io";
import { inputsOf, refuseOutputOverInput } from "../output";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";
import { writeAtomically } from "./export-qdpx";
import { runExportQdc } from "./qdpx-export";

export const usage = "margin export-qdc p.margin (--identity key.txt | --passphrase-file F) --out FILE.qdc";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { ...KEY_OPTIONS, out: { type: "string", short: "o" } }, allowPositionals: true });
  if (!values.out) throw new CliError(`no output file: ${usage}`);
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  const { tables } = await openBundleFromArgs(positionals[0], values);
  const { codes } = await runExportQdc(tables, { out: values.out }, { writeFile: writeAtomically, log: io.err });
  io.out(`wrote ${values.out}: ${codes} codes`);
  return 0;
}
