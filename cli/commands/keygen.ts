/** `margin keygen -o key.txt`: a new age identity in age's own file format; prints the public key. */
import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { fingerprint, generateIdentity } from "../../shared/bundle";
import { CliError, type CliIo } from "../io";

export const usage = "margin keygen -o key.txt";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { output: { type: "string", short: "o" } }, allowPositionals: false });
  if (!values.output) throw new CliError(`where should the key go? usage: ${usage}`);
  // Never overwrite a key: losing it means losing access to every bundle sent to it.
  if (existsSync(values.output)) throw new CliError(`${values.output}: already exists; refusing to overwrite a key`);
  const { identity, recipient } = await generateIdentity();
  const text = `# created: ${new Date().toISOString().replace(/\.\d{3}Z$/, "Z")}\n# public key: ${recipient}\n${identity}\n`;
  try {
    // "wx": created exclusively, so a file or symlink that appeared since the check is never written through.
    writeFileSync(values.output, text, { mode: 0o600, flag: "wx" });
  } catch (error) {
    throw new CliError(`${values.output}: cannot be written (${(error as { code?: string }).code ?? String(error)})`);
  }
  io.out(recipient);
  io.err(`Public key written to ${values.output}; fingerprint ${fingerprint(recipient)}. Keep the file secret.`);
  return 0;
}
