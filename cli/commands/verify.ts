/**
 * `margin verify p.margin (--identity key.txt | --passphrase-file F) [--signer age1…]…`: "ok …" and who signed
 * it, or one line saying why not (a bad signature is refused; with --signer, so is any other signer).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";
import { SIGNER_OPTION, signerLine, trustedSigners } from "../signer";
import type { CliIo } from "../io";
import { isLive } from "../../shared/model/live";

export const usage = "margin verify p.margin (--identity key.txt | --passphrase-file F) [--signer age1…]…";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { ...KEY_OPTIONS, ...SIGNER_OPTION }, allowPositionals: true });
  const file = positionals[0];
  const trusted = trustedSigners(values);
  const opened = await openBundleFromArgs(file, values);
  const { manifest, tables } = opened;
  const signed = signerLine(path.basename(file ?? ""), opened, trusted);
  const live = (rows: readonly { deleted: boolean }[]) => rows.filter(isLive).length;
  io.out(
    `ok ${path.basename(file ?? "")}: “${manifest.projectName}”, ${manifest.kind} bundle (format ${manifest.formatVersion}) from ${manifest.exporter.name}; ` +
      `${live(tables.sources)} sources, ${live(tables.codes)} codes, ${live(tables.codings)} codings, ${live(tables.memos)} memos; every table matches its SHA-256, every record its schema and every transcript its content hash`,
  );
  io.out(signed.line);
  return 0;
}
