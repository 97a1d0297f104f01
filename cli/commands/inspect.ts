/** `margin inspect p.margin (--identity key.txt | --passphrase-file F)`: manifest and counts as JSON. */
import { parseArgs } from "node:util";
import { PROJECT_TABLE_NAMES } from "../../shared/model/tables";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";
import type { CliIo } from "../io";

export const usage = "margin inspect p.margin (--identity key.txt | --passphrase-file F)";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: KEY_OPTIONS, allowPositionals: true });
  const { manifest, tables } = await openBundleFromArgs(positionals[0], values);
  const counts: Record<string, { records: number; live: number; deleted: number }> = {};
  for (const t of PROJECT_TABLE_NAMES) {
    const rows = tables[t] as readonly { deleted?: boolean }[];
    const deleted = rows.filter((r) => r.deleted === true).length;
    counts[t] = { records: rows.length, live: rows.length - deleted, deleted };
  }
  io.out(JSON.stringify({ manifest, counts }, null, 2));
  return 0;
}
