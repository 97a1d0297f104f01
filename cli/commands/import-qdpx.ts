/** `margin import-qdpx FILE.qdpx --out p.margin (key options)`: a REFI-QDA project as a Margin bundle. */
import path from "node:path";
import { parseArgs } from "node:util";
import { newId } from "../../shared/ids";
import { CliError, type CliIo } from "../io";
import { inputsOf, refuseOutputOverInput } from "../output";
import { KEY_OPTIONS, lockFromArgs, readInput, writeBundleFromArgs } from "../keys";
import { runImportQdpx } from "./qdpx-import";
import { isLive } from "../../shared/model/live";

export const usage = "margin import-qdpx FILE.qdpx --out p.margin (--recipient age1…)… | --identity key.txt | --passphrase-file F";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { ...KEY_OPTIONS, out: { type: "string", short: "o" } }, allowPositionals: true });
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
    { projectId, projectName: imported.projectName, exporter: { coderId: exporter?.id ?? newId(), name: exporter?.name ?? "CLI" }, kind: "whole", since: null },
    values.out,
    values,
  );
  const t = imported.tables;
  io.out(`created ${values.out}: “${imported.projectName}”, ${t.sources.length} sources, ${t.codes.length} codes, ${t.codings.length} codings, ${(size / 1024).toFixed(0)} KB`);
  return 0;
}
