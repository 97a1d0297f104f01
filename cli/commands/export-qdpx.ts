/** `margin export-qdpx p.margin (key options) --out FILE.qdpx [--convention utf16|codepoints]`. */
import { parseArgs } from "node:util";
import type { PositionConvention } from "../../shared/refi/export";
import { CliError, type CliIo } from "../io";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";
import { inputsOf, refuseOutputOverInput, writeOutputFile } from "../output";
import { runExportQdpx } from "./qdpx-export";

export const usage = "margin export-qdpx p.margin (--identity key.txt | --passphrase-file F) --out FILE.qdpx [--convention utf16|codepoints]";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...KEY_OPTIONS, out: { type: "string", short: "o" }, convention: { type: "string" } },
    allowPositionals: true,
  });
  if (!values.out) throw new CliError(`no output file: ${usage}`);
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  const convention = values.convention ?? "utf16";
  if (convention !== "utf16" && convention !== "codepoints") throw new CliError("--convention must be utf16 (NVivo) or codepoints (the QDA-XML standard)");
  const { manifest, tables } = await openBundleFromArgs(positionals[0], values);
  await runExportQdpx(tables, { out: values.out, convention: convention as PositionConvention }, {
    writeFile: (file, bytes) => writeAtomically(file, bytes),
    log: io.err,
    projectName: manifest.projectName,
    coderId: manifest.exporter.coderId,
  });
  io.out(`wrote ${values.out}`);
  return 0;
}

/** Temp, fsync, rename (../output.ts): a half-written export never sits under the real name. */
export async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  await writeOutputFile(file, bytes);
}
