/**
 * What a CLI command may do besides files: write lines to stdout and stderr. Injected so tests can run
 * commands in-process and read what they said; the real CLI passes the process's streams.
 */
import { writeSync } from "node:fs";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A bad argument, a missing file, a wrong key…: printed as one line, then the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export const nodeIo: CliIo = {
  out: (line) => void writeSync(1, `${line}\n`),
  err: (line) => void writeSync(2, `${line}\n`),
};
