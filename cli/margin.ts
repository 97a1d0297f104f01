/**
 * `margin`: the command-line tool for team bundles (issue 5 item 7). Node only; uses the shared/ core
 * and node:* — no Electron, no renderer. Each command is a module in cli/commands/ exporting
 * `run(args, io)` and `usage`; add a command by adding it to COMMANDS.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as create from "./commands/create";
import * as exportQdc from "./commands/export-qdc";
import * as exportQdpx from "./commands/export-qdpx";
import * as importQdpx from "./commands/import-qdpx";
import * as inspect from "./commands/inspect";
import * as keygen from "./commands/keygen";
import * as merge from "./commands/merge";
import * as report from "./commands/report";
import * as search from "./commands/search";
import * as verify from "./commands/verify";
import { nodeIo, type CliIo } from "./io";
import { asCliError } from "./keys";

export interface CliCommand {
  run(args: string[], io: CliIo): Promise<number>;
  usage: string;
}

export const COMMANDS: Record<string, CliCommand> = {
  keygen,
  create,
  inspect,
  merge,
  verify,
  report,
  search,
  "import-qdpx": importQdpx,
  "export-qdpx": exportQdpx,
  "export-qdc": exportQdc,
};

function help(io: CliIo): void {
  io.out("margin — encrypted project bundles for Margin teams (docs/bundle-format.md)\n");
  for (const c of Object.values(COMMANDS)) io.out(`  ${c.usage}`);
}

/** Runs one command line; returns the exit code. Errors become one line on stderr. */
export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    help(io);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`margin: unknown command “${name}” (commands: ${Object.keys(COMMANDS).join(", ")})`);
    return 1;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const e = asCliError(error);
    io.err(`margin ${name}: ${e.message.replace(/\s*\n\s*/g, " ")}`);
    return e.exitCode;
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      nodeIo.err(`margin: ${String(error)}`);
      process.exitCode = 1;
    },
  );
}
