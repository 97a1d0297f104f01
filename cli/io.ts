/**
 * What a CLI command may do besides files: write lines to stdout and stderr. Injected so tests can run
 * commands in-process and read what they said; the real CLI passes the process's streams. Also the
 * injected I/O the REFI-QDA exports share (RefiExportIo).
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

/** What the REFI-QDA exports (export-qdpx, export-qdc) may do: write the file, report progress. Injected so tests need no disk. */
export interface RefiExportIo {
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Progress and summary lines (stderr in the CLI). */
  log(line: string): void;
  /** The bundle's project name (the .qde's <Project name>). */
  projectName?: string;
  /** Margin's version for origin="Margin <version>". */
  appVersion?: string;
  /** Coder running the export. */
  coderId?: string;
  now?: () => Date;
}
