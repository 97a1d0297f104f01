/** Runs `margin` in-process (cli/margin.ts main) and collects what it printed, line by line. */
import { main } from "../../../cli/margin";
import type { CliIo } from "../../../cli/io";

export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
