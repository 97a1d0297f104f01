/**
 * `margin search p.margin (--identity key.txt | --passphrase-file F) --query '...' [--regex] [--match-case]
 *  [--whole-words] [--format csv|json] [--out FILE]`: project-wide search of a decrypted bundle with the
 * same core as the app (shared/search/), printing keyword-in-context hits (docs/search.md). `run` reads
 * the flags and the bundle; runSearch gets the tables and the parsed flags, and its side effects as
 * parameters, so it is tested without touching the disk.
 *
 * Output: CSV (default) or JSON on stdout, or in --out (CSV files get the byte-order mark Excel needs);
 * the count of hits goes to stderr when the hits go to stdout, so a pipe gets only the hits.
 * A query that cannot be read (an unclosed quote, a bad regular expression) gives its message, exit
 * code 2, and no output.
 */
import { describeError } from "../../shared/describeError";
import { parseArgs } from "node:util";
import type { ProjectTables } from "../../shared/model/tables";
import { plural } from "../../shared/text/plural";
import { parseQuery } from "../../shared/search/query";
import { searchSources } from "../../shared/search/match";
import { searchTargets } from "../../shared/search/scope";
import { countHits, kwicCsv, kwicRows, sortKwic, KWIC_CONTEXT, type KwicSort, type KwicSource } from "../../shared/search/kwic";
import { CliError, type CliIo } from "../io";
import { inputsOf, refuseOutputOverInput, writeAtomically } from "../output";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";

export const usage =
  "margin search p.margin (--identity key.txt | --passphrase-file F) --query '...' [--regex] [--match-case] [--whole-words] [--format csv|json] [--out FILE] [--context N] [--sort source|position|hit]";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...KEY_OPTIONS,
      query: { type: "string", short: "q" },
      regex: { type: "boolean" },
      "match-case": { type: "boolean" },
      "whole-words": { type: "boolean" },
      format: { type: "string" },
      out: { type: "string", short: "o" },
      context: { type: "string" },
      sort: { type: "string" },
    },
    allowPositionals: true,
  });
  if (values.query === undefined) throw new CliError(`--query is required: ${usage}`);
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  const context = values.context === undefined ? undefined : Number(values.context);
  if (context !== undefined && (!Number.isInteger(context) || context < 0))
    throw new CliError("--context must be a whole number of characters");
  const { tables } = await openBundleFromArgs(positionals[0], values);
  return runSearch(
    tables,
    {
      query: values.query,
      regex: values.regex === true,
      matchCase: values["match-case"] === true,
      wholeWords: values["whole-words"] === true,
      format: values.format ?? "csv",
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(context !== undefined ? { context } : {}),
      ...(values.sort !== undefined ? { sort: values.sort } : {}),
    },
    { writeFile: writeAtomically, stdout: io.out, stderr: io.err },
  );
}

export interface SearchArgs {
  query: string;
  regex?: boolean;
  matchCase?: boolean;
  wholeWords?: boolean;
  /** csv or json. */
  format: string;
  /** Output file; absent: stdout. */
  out?: string;
  /** Characters of context on each side (default KWIC_CONTEXT). */
  context?: number;
  /** source (default), position or hit. */
  sort?: string;
}

export interface SearchIo {
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  stdout(line: string): void;
  stderr(line: string): void;
}

const SORTS: readonly KwicSort[] = ["source", "position", "hit"];

/** Exit codes: 0 searched (with or without hits), 2 bad request (nothing written), 1 failed while writing. */
export async function runSearch(tables: ProjectTables, args: SearchArgs, io: SearchIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`margin search: ${message}`);
    return 2;
  };
  if (args.format !== "csv" && args.format !== "json") return fail(`--format must be csv or json (got “${args.format}”).`);
  const sort = SORTS.find((s) => s === (args.sort ?? "source"));
  if (!sort) return fail(`--sort must be one of ${SORTS.join(", ")} (got “${args.sort ?? ""}”).`);
  if (args.out !== undefined && args.out.trim() === "") return fail("--out needs a file name.");
  const parsed = parseQuery(args.query, {
    regex: args.regex === true,
    matchCase: args.matchCase === true,
    wholeWords: args.wholeWords === true,
  });
  if (!parsed.ok) return fail(parsed.message);

  const outcome = searchSources(parsed.query, searchTargets(tables));
  const contents = new Map(tables.sourceContent.map((c) => [c.id, c]));
  const sources = new Map<string, KwicSource>();
  for (const s of tables.sources) {
    const c = contents.get(s.id);
    if (!s.deleted && c) sources.set(s.id, { id: s.id, name: s.name, text: c.text, blocks: c.blocks, turns: c.turns });
  }
  const rows = sortKwic(kwicRows(outcome.hits, sources, args.context ?? KWIC_CONTEXT), sort);
  const counts = countHits(rows);
  const summary = `${plural(counts.total, "hit")} in ${plural(counts.perSource.length, "source")}.`;
  const body =
    args.format === "json"
      ? JSON.stringify(
          {
            query: args.query,
            regex: args.regex === true,
            matchCase: args.matchCase === true,
            wholeWords: args.wholeWords === true,
            total: counts.total,
            perSource: counts.perSource,
            hits: rows,
          },
          null,
          2,
        )
      : kwicCsv(rows, { bom: args.out !== undefined });
  if (args.out === undefined) {
    io.stdout(body.replace(/\r\n$/, ""));
    io.stderr(summary);
    return 0;
  }
  try {
    await io.writeFile(args.out, new TextEncoder().encode(body));
    io.stdout(`Wrote ${summary.replace(/\.$/, "")} to ${args.out} (${args.format.toUpperCase()}).`);
    return 0;
  } catch (error) {
    io.stderr(`margin search: could not write ${args.out}: ${describeError(error)}`);
    return 1;
  }
}
