/**
 * `margin create --name NAME --out p.margin (--recipient age1…)… | --passphrase-file F  FILE.docx…`
 * A study lead's start project: every file converted with the app's own import (shared/import), as a
 * whole-project bundle for the team. Any file that cannot be imported stops the command, naming the
 * file, and nothing is written; a file whose text is already in the project is skipped with a note.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { HybridLogicalClock } from "../../shared/clock/hlc";
import { clockNodeFor, newId } from "../../shared/ids";
import { convertFile, ImportError } from "../../shared/import";
import { sourceContentFrom } from "../../shared/import/content";
import { SOURCE_KINDS, type CoderRecord, type SourceKind } from "../../shared/model/records";
import { emptyProjectTables } from "../../shared/model/tables";
import { CliError, type CliIo } from "../io";
import { inputsOf, refuseOutputOverInput } from "../output";
import { KEY_OPTIONS, lockFromArgs, readInput, writeBundleFromArgs } from "../keys";

export const usage =
  "margin create --name NAME --out p.margin (--recipient age1…)… | --passphrase-file F [--coder NAME] [--kind interview] FILE.docx…";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...KEY_OPTIONS,
      name: { type: "string" },
      out: { type: "string", short: "o" },
      coder: { type: "string" },
      kind: { type: "string" },
    },
    allowPositionals: true,
  });
  const name = values.name?.trim();
  if (!name) throw new CliError(`the project needs a name: ${usage}`);
  if (!values.out) throw new CliError(`no output file: ${usage}`);
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  if (positionals.length === 0) throw new CliError("no files to import (give .docx or .txt files after the options)");
  const kind = (values.kind ?? "interview") as SourceKind;
  if (!SOURCE_KINDS.includes(kind)) throw new CliError(`--kind must be one of: ${SOURCE_KINDS.join(", ")}`);
  // Check the key options before the (slow) conversion, so a typo fails at once.
  await lockFromArgs(values);

  const now = () => Date.now();
  const coderName = values.coder?.trim() || "CLI";
  const coderId = newId();
  const clock = new HybridLogicalClock(clockNodeFor(coderId), now);
  const meta = () => ({
    id: newId(),
    createdAt: new Date(now()).toISOString(),
    updatedAt: clock.tick(),
    updatedBy: coderId,
    deleted: false,
  });
  const tables = emptyProjectTables();
  const coder: CoderRecord = {
    ...meta(),
    id: coderId,
    name: coderName,
    initials: initialsOf(coderName),
    colour: "#0072B2",
    publicKey: values.recipient?.[0] ?? null,
  };
  tables.coders.push(coder);

  const hashes = new Map<string, string>();
  for (const file of positionals) {
    const fileName = path.basename(file);
    const bytes = readInput(file);
    let converted;
    try {
      converted = await convertFile(bytes, fileName);
    } catch (error) {
      throw new CliError(error instanceof ImportError ? `${file}: ${error.message}` : `${file}: cannot be imported (${String(error)})`);
    }
    const seen = hashes.get(converted.contentHash);
    if (seen) {
      io.err(`skipped ${file}: the same text as ${seen}`);
      continue;
    }
    hashes.set(converted.contentHash, file);
    const m = meta();
    tables.sources.push({
      ...m,
      name: fileName.replace(/\.[^.]+$/, ""),
      kind,
      fileName,
      format: converted.format,
      importedAt: m.createdAt,
      charCount: converted.charCount,
      wordCount: converted.wordCount,
      contentHash: converted.contentHash,
      caseIds: [],
      memo: "",
    });
    tables.sourceContent.push(sourceContentFrom(m.id, converted));
    for (const w of converted.warnings) io.err(`note ${file}: ${w}`);
  }

  const size = await writeBundleFromArgs(
    tables,
    { projectId: newId(), projectName: name, exporter: { coderId, name: coderName }, kind: "whole", since: null },
    values.out,
    values,
  );
  io.out(`created ${values.out}: “${name}”, ${tables.sources.length} sources, ${(size / 1024).toFixed(0)} KB`);
  return 0;
}

function initialsOf(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .toUpperCase();
  return (letters || "CLI").slice(0, 4);
}
