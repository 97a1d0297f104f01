/** `margin verify p.margin (--identity key.txt | --passphrase-file F)`: "ok …" or one line saying why not. */
import path from "node:path";
import { parseArgs } from "node:util";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";
import type { CliIo } from "../io";

export const usage = "margin verify p.margin (--identity key.txt | --passphrase-file F)";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: KEY_OPTIONS, allowPositionals: true });
  const file = positionals[0];
  const { manifest, tables } = await openBundleFromArgs(file, values);
  const live = (rows: readonly { deleted: boolean }[]) => rows.filter((r) => !r.deleted).length;
  io.out(
    `ok ${path.basename(file ?? "")}: “${manifest.projectName}”, ${manifest.kind} bundle (format ${manifest.formatVersion}) from ${manifest.exporter.name}; ` +
      `${live(tables.sources)} sources, ${live(tables.codes)} codes, ${live(tables.codings)} codings, ${live(tables.memos)} memos; every table matches its SHA-256, every record its schema and every transcript its content hash`,
  );
  return 0;
}
