/**
 * `margin export-qdpx p.margin --out FILE.qdpx` and `margin export-qdc p.margin --out FILE.qdc`:
 * the REFI-QDA exports for the command line, from a project's tables (cli/margin.ts reads and
 * decrypts the bundle). Same pure core as the app (shared/refi); files are written through `io`.
 */
import type { ProjectTables } from "../../shared/model/tables";
import { exportQdpx, type LineBreaks, type PositionConvention, type RefiExportSummary } from "../../shared/refi/export";
import { exportQdc } from "../../shared/refi/qdcExport";

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

export interface QdpxExportOptions {
  out: string;
  /** "utf16" (default; what NVivo reads correctly) or "codepoints" (the QDA-XML standard; ATLAS.ti, MAXQDA, QualCoder). */
  convention?: PositionConvention;
  /** Line breaks of the exported text files; default CRLF for "utf16" (NVivo for Windows), LF for "codepoints". */
  lineBreaks?: LineBreaks;
  sourceIds?: readonly string[];
  codeIds?: readonly string[];
}

const CONVENTIONS: readonly PositionConvention[] = ["utf16", "codepoints"];

export async function runExportQdpx(tables: ProjectTables, options: QdpxExportOptions, io: RefiExportIo): Promise<RefiExportSummary> {
  const convention = options.convention ?? "utf16";
  if (!CONVENTIONS.includes(convention)) throw new Error(`Unknown position convention “${String(convention)}”: use utf16 (NVivo) or codepoints (the QDA-XML standard).`);
  if (!/\.qdpx$/i.test(options.out)) throw new Error(`“${options.out}” does not end in .qdpx: other programs only open REFI-QDA projects with that extension.`);
  const lineBreaks = options.lineBreaks ?? (convention === "utf16" ? "crlf" : "lf");
  const { bytes, summary } = await exportQdpx(tables, {
    projectName: io.projectName ?? "Margin project",
    appVersion: io.appVersion ?? "dev",
    convention,
    lineBreaks,
    ...(io.coderId ? { exporterId: io.coderId } : {}),
    ...(io.now ? { now: io.now } : {}),
    ...(options.sourceIds ? { sourceIds: options.sourceIds } : {}),
    ...(options.codeIds ? { codeIds: options.codeIds } : {}),
  });
  await io.writeFile(options.out, bytes);
  io.log(
    `Wrote ${options.out}: ${summary.sources} sources, ${summary.codes} codes, ${summary.codings} codings, ${summary.memos} memos, ${summary.cases} cases, ${summary.attributes} attributes, ${summary.coders} coders.`,
  );
  io.log(`Positions: ${convention === "utf16" ? "UTF-16 code units (NVivo)" : "Unicode code points (QDA-XML standard)"}; text files with ${lineBreaks.toUpperCase()} line breaks.`);
  for (const r of summary.remarks) io.log(`Note: ${r}`);
  return summary;
}

export async function runExportQdc(tables: ProjectTables, options: { out: string; codeIds?: readonly string[] }, io: RefiExportIo): Promise<{ codes: number }> {
  if (!/\.qdc$/i.test(options.out)) throw new Error(`“${options.out}” does not end in .qdc: other programs only open REFI-QDA codebooks with that extension.`);
  const qdc = exportQdc(tables.codes, { appVersion: io.appVersion ?? "dev", ...(options.codeIds ? { codeIds: options.codeIds } : {}) });
  await io.writeFile(options.out, qdc.bytes);
  io.log(`Wrote ${options.out}: ${qdc.codes} codes.`);
  if (qdc.replaced > 0) io.log(`Note: ${qdc.replaced} character(s) XML cannot hold were replaced with U+FFFD.`);
  return { codes: qdc.codes };
}
