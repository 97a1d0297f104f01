/**
 * How every CLI command writes its output file (issue 13 item 9):
 * - never over one of its own inputs (an --out that is the --identity key would destroy the key);
 * - readable by its owner only (0600): bundles, reports and REFI exports hold transcripts, and even a
 *   codebook's examples quote them;
 * - through a temporary file created exclusively (O_EXCL, so an existing file or a planted symlink is
 *   never written through), flushed to disk, then renamed into place and the folder flushed
 *   (node/atomicWrite.ts, the write the desktop app uses too), so a half-written file never sits
 *   under the real name.
 */
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { nodeAtomicWriteFs, writeFileAtomically } from "../node/atomicWrite";
import { CliError } from "./io";

/** Owner read and write only. */
export const OUTPUT_MODE = 0o600;

/** Same file: same device and inode when both exist (symlinks, hard links, case-insensitive disks), else the same resolved path. */
function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/** Refuses an output file that is any of the command's inputs (bundles, source files, keys, passphrase file). */
export function refuseOutputOverInput(out: string | undefined, inputs: readonly (string | undefined)[]): void {
  if (out === undefined) return;
  for (const input of inputs) {
    if (input !== undefined && sameFile(out, input)) {
      throw new CliError(
        `${out}: this is also an input of the command (${input}); choose another --out file so nothing you gave is overwritten`,
      );
    }
  }
}

/** The input files named by the key options and the positional arguments of a command. */
export function inputsOf(values: { identity?: string[]; "passphrase-file"?: string }, positionals: readonly string[]): string[] {
  return [...positionals, ...(values.identity ?? []), ...(values["passphrase-file"] === undefined ? [] : [values["passphrase-file"]])];
}

/** Writes bytes to `file` (mode 0600) through an exclusively created, fsynced temporary file renamed into place. */
export async function writeOutputFile(file: string, bytes: Uint8Array, fsys = nodeAtomicWriteFs): Promise<void> {
  const tempPath = path.join(path.dirname(file), `.${path.basename(file)}.part-${process.pid}-${randomBytes(6).toString("hex")}`);
  try {
    await writeFileAtomically(file, bytes, fsys, { tempPath, mode: OUTPUT_MODE });
  } catch (error) {
    throw new CliError(`${file}: cannot be written (${(error as { code?: string }).code ?? String(error)})`);
  }
}

/** Temp then rename (writeOutputFile above): a half-written export or report never sits under the real name. */
export async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  await writeOutputFile(file, bytes);
}
