/**
 * `margin report p.margin (--identity key.txt | --passphrase-file F) --kind code|codebook|transcript|memos|overview
 *  --code "Path/To/Code"… --source NAME… --format docx|csv|html --out FILE`: writes a report of a decrypted
 * project as DOCX, CSV or HTML, using the same report model as the app. `run` reads the flags and the bundle;
 * runReport gets the project's tables and the parsed flags, and its side effects (writing the file, messages)
 * as parameters, so it is tested without touching the disk.
 *
 * Bad input (an unknown code path or source name, a missing --source for a transcript) gives one
 * message naming what is wrong, exit code 2, and no file.
 */
import { parseArgs } from "node:util";
import { describeError } from "../../shared/describeError";
import type { ProjectTables } from "../../shared/model/tables";
import type { CodeRecord } from "../../shared/model/records";
import { indexCodes, nameKey } from "../../shared/coding/codeTree";
import { parseCodePath } from "../../shared/codebook/path";
import {
  buildReport,
  REPORT_KINDS,
  ReportError,
  reportOptions,
  reportSourceFromTables,
  type CoderLabel,
  type PageSize,
  type ReportGroupBy,
  type ReportKind,
} from "../../shared/reports";
import { reportCsv } from "../../shared/reports/csv";
import { reportDocx } from "../../shared/reports/docx";
import { reportHtml } from "../../shared/reports/html";
import type { CodeId, SourceId } from "../../shared/ids";
import type { SpeakerScope } from "../../shared/search/scope";
import { interviewerLabels } from "../../shared/search/speakers";
import { CliError, type CliIo } from "../io";
import { inputsOf, refuseOutputOverInput, writeAtomically } from "../output";
import { KEY_OPTIONS, openBundleFromArgs } from "../keys";

export const usage =
  'margin report p.margin (--identity key.txt | --passphrase-file F) --kind code|codebook|transcript|memos|overview [--code "Path/To/Code"]… [--source NAME]… --format docx|csv|html --out FILE [--group-by code|source|case] [--context N] [--initials] [--page-size A4|Letter] [--attribute NAME]… [--no-subcodes] [--speakers all|without-interviewers|participants] [--interviewer LABEL]…';

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...KEY_OPTIONS,
      kind: { type: "string" },
      code: { type: "string", multiple: true },
      source: { type: "string", multiple: true },
      format: { type: "string" },
      out: { type: "string", short: "o" },
      "group-by": { type: "string" },
      context: { type: "string" },
      initials: { type: "boolean" },
      "page-size": { type: "string" },
      attribute: { type: "string", multiple: true },
      "no-subcodes": { type: "boolean" },
      speakers: { type: "string" },
      interviewer: { type: "string", multiple: true },
    },
    allowPositionals: true,
  });
  if (!values.kind) throw new CliError(`--kind is required: ${usage}`);
  if (!values.format) throw new CliError("--format is required (docx, csv or html)");
  if (!values.out) throw new CliError("--out is required");
  refuseOutputOverInput(values.out, inputsOf(values, positionals));
  const context = values.context === undefined ? undefined : Number(values.context);
  if (context !== undefined && (!Number.isInteger(context) || context < 0))
    throw new CliError("--context must be a whole number of characters");
  const groupBy = values["group-by"];
  if (groupBy !== undefined && !["code", "source", "case"].includes(groupBy)) throw new CliError("--group-by must be code, source or case");
  const pageSize = values["page-size"];
  if (pageSize !== undefined && pageSize !== "A4" && pageSize !== "Letter") throw new CliError("--page-size must be A4 or Letter");

  const speakers =
    values.speakers !== undefined && Object.hasOwn(SPEAKER_FLAGS, values.speakers) ? SPEAKER_FLAGS[values.speakers] : undefined;
  if (values.speakers !== undefined && !speakers) throw new CliError("--speakers must be all, without-interviewers or participants");

  const { manifest, tables } = await openBundleFromArgs(positionals[0], values);
  return runReport(
    tables,
    {
      kind: values.kind,
      codes: values.code ?? [],
      sources: values.source ?? [],
      format: values.format,
      out: values.out,
      projectName: manifest.projectName,
      ...(groupBy ? { groupBy: groupBy as ReportGroupBy } : {}),
      ...(context !== undefined ? { context } : {}),
      ...(values.initials ? { coderLabel: "initials" as CoderLabel } : {}),
      ...(pageSize ? { pageSize: pageSize as PageSize } : {}),
      ...(values.attribute ? { attributes: values.attribute } : {}),
      ...(values["no-subcodes"] ? { noSubcodes: true } : {}),
      ...(speakers ? { speakers } : {}),
      ...(values.interviewer ? { interviewerLabels: values.interviewer } : {}),
    },
    { writeFile: writeAtomically, stdout: io.out, stderr: io.err },
  );
}

/** --speakers: the code report's speaker turns (shared/retrieval/speakers.ts). */
const SPEAKER_FLAGS: Readonly<Record<string, SpeakerScope>> = {
  all: "all",
  "without-interviewers": "withoutInterviewers",
  participants: "participants",
};

export const REPORT_FORMATS = ["docx", "csv", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportArgs {
  kind: string;
  /** Code paths, "Technology/Usability" ("\/" for a slash inside a name). */
  codes: readonly string[];
  /** Source names. */
  sources: readonly string[];
  format: string;
  /** Output file path. */
  out: string;
  /** Shown in the running header; the bundle manifest's project name when known. */
  projectName?: string;
  groupBy?: ReportGroupBy;
  /** Characters of context around each segment (0: none). */
  context?: number;
  coderLabel?: CoderLabel;
  pageSize?: PageSize;
  /** Case attribute names to show beside each segment. */
  attributes?: readonly string[];
  /** Leave sub-codes out (they are included by default). */
  noSubcodes?: boolean;
  /** Code report: cut segments to leave out interviewer and facilitator turns, or to participants' turns. */
  speakers?: SpeakerScope;
  /** Speaker labels (as written) that are interviewers or facilitators; default: the recognised ones. */
  interviewerLabels?: readonly string[];
}

export interface ReportIo {
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  stdout(line: string): void;
  stderr(line: string): void;
  /** Fixes the "generated" time (tests, reproducible builds). */
  now?: () => Date;
}

/** Exit codes: 0 written, 2 bad request (nothing written), 1 failed while writing. */
/**
 * Who counts as interviewer: --interviewer labels when given, else the roles marked in the project's
 * Speakers view (its speakers table travels in the bundle), else the recognised labels.
 */
function interviewersOf(tables: ProjectTables, given: readonly string[] | undefined): { interviewerLabels?: readonly string[] } {
  if (given) return { interviewerLabels: given };
  const labels = tables.sourceContent.flatMap((c) => c.turns.map((t) => t.speaker));
  const marked = interviewerLabels(tables.speakers, labels);
  return marked ? { interviewerLabels: marked } : {};
}

export async function runReport(tables: ProjectTables, args: ReportArgs, io: ReportIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`margin report: ${message}`);
    return 2;
  };
  const kind = REPORT_KINDS.find((k) => k === args.kind);
  if (!kind) return fail(`--kind must be one of ${REPORT_KINDS.join(", ")} (got “${args.kind}”).`);
  const format = REPORT_FORMATS.find((f) => f === args.format);
  if (!format) return fail(`--format must be one of ${REPORT_FORMATS.join(", ")} (got “${args.format}”).`);
  if (args.out.trim() === "") return fail("--out needs a file name.");

  const codeIds: CodeId[] = [];
  for (const path of args.codes) {
    const found = findCode(tables.codes, path);
    if (typeof found !== "string") return fail(found.message);
    codeIds.push(found);
  }
  const sourceIds: SourceId[] = [];
  for (const name of args.sources) {
    const matches = tables.sources.filter((s) => !s.deleted && nameKey(s.name) === nameKey(name));
    if (matches.length === 0) return fail(`there is no source named “${name}” in this project.`);
    sourceIds.push(...matches.map((s) => s.id));
  }
  if (kind === "transcript" && sourceIds.length !== 1) return fail("--kind transcript needs exactly one --source.");
  const attributeIds: string[] = [];
  for (const name of args.attributes ?? []) {
    const a = tables.attributes.find((x) => !x.deleted && nameKey(x.name) === nameKey(name));
    if (!a) return fail(`there is no case attribute named “${name}” in this project.`);
    attributeIds.push(a.id);
  }

  const options = reportOptions({
    kind: kind as ReportKind,
    codeIds,
    sourceIds,
    includeSubcodes: args.noSubcodes !== true,
    groupBy: args.groupBy ?? "code",
    contextChars: Math.max(0, Math.trunc(args.context ?? 0)),
    coderLabel: args.coderLabel ?? "name",
    pageSize: args.pageSize ?? "A4",
    attributeIds,
    speakers: args.speakers ?? "all",
    ...interviewersOf(tables, args.interviewerLabels),
  });
  let bytes: Uint8Array;
  try {
    const report = await buildReport(
      reportSourceFromTables(tables, args.projectName ?? "Margin project"),
      options,
      io.now ? { now: io.now } : {},
    );
    bytes =
      format === "docx" ? await reportDocx(report) : new TextEncoder().encode(format === "csv" ? reportCsv(report) : reportHtml(report));
    const segments = report.sections.filter((s) => s.type === "segment").length;
    await io.writeFile(args.out, bytes);
    io.stdout(
      `Wrote ${report.header.title} to ${args.out} (${format.toUpperCase()}, ${bytes.length.toLocaleString("en-GB")} bytes${kind === "code" ? `, ${segments.toLocaleString("en-GB")} segments` : ""}).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ReportError) return fail(error.message);
    io.stderr(`margin report: could not write ${args.out}: ${describeError(error)}`);
    return 1;
  }
}

/** The live code at a "/" path, matching names as the codebook does (trimmed, any letter case). */
function findCode(codes: readonly CodeRecord[], path: string): string | { message: string } {
  const parsed = parseCodePath(path);
  if (!parsed.ok) return { message: `the code path “${path}” ${parsed.message}.` };
  const index = indexCodes(codes);
  let parent: CodeId | null = null;
  for (const [i, name] of parsed.names.entries()) {
    const next: CodeRecord | undefined = (index.children.get(parent) ?? []).find((c) => nameKey(c.name) === nameKey(name));
    if (!next) {
      const where = i === 0 ? "at the top of the codebook" : `under “${parsed.names.slice(0, i).join("/")}”`;
      return { message: `there is no code “${name}” ${where} (looking for “${path}”).` };
    }
    parent = next.id;
  }
  return parent as string;
}
