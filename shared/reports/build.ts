/**
 * Report builders: options in, a stream of sections out (see model.ts). Each kind plans its report
 * (header facts, contents, total) and produces its sections lazily; this file batches them into
 * chunks: a small first chunk so the first page shows at once, then larger ones with progress.
 */
import type { Report, ReportChunk, ReportOptions, ReportSection, ReportSource, StreamOptions } from "./model";
import { REPORT_KIND_TITLES } from "./model";
import { chosenAttributeRecords, loadLookups, type Lookups } from "./lookups";
import type { ReportPlan } from "./plan";
import { planCodeReport } from "./codeReport";
import { planTranscript } from "./transcript";
import { planCodebook } from "./codebook";
import { planMemos } from "./memoReport";
import { planOverview } from "./overview";

function plan(l: Lookups): Promise<ReportPlan> {
  switch (l.options.kind) {
    case "code":
      return planCodeReport(l);
    case "transcript":
      return planTranscript(l);
    case "codebook":
      return planCodebook(l);
    case "memos":
      return planMemos(l);
    case "overview":
      return planOverview(l);
  }
}

/** Builds a report progressively: the first chunk carries the header and a first page of sections. */
export async function* streamReport(source: ReportSource, options: ReportOptions, stream: StreamOptions = {}): AsyncGenerator<ReportChunk> {
  const lookups = await loadLookups(source, options);
  const p = await plan(lookups);
  const header: ReportChunk["header"] = {
    kind: options.kind,
    title: p.title || REPORT_KIND_TITLES[options.kind],
    subtitle: p.subtitle,
    projectName: lookups.projectName,
    generatedAt: (stream.now?.() ?? new Date()).toISOString(),
    options,
    contents: p.contents,
    total: p.total,
    attributeNames: chosenAttributeRecords(lookups).map((a) => a.name),
    legend: p.legend,
    laneCount: p.laneCount,
  };
  const first = Math.max(1, stream.firstChunk ?? 30);
  const size = Math.max(1, stream.chunkSize ?? 500);
  let batch: ReportSection[] = [];
  let done = 0;
  let sentHeader = false;
  for await (const section of p.sections) {
    batch.push(section);
    done++;
    if (batch.length >= (sentHeader ? size : first)) {
      yield { header: sentHeader ? null : header, sections: batch, done, total: Math.max(p.total, done) };
      sentHeader = true;
      batch = [];
      stream.signal?.throwIfAborted();
    }
  }
  if (batch.length > 0 || !sentHeader) yield { header: sentHeader ? null : header, sections: batch, done, total: Math.max(p.total, done) };
}

/** The whole report at once (DOCX, CSV, HTML, CLI). */
export async function buildReport(source: ReportSource, options: ReportOptions, stream: StreamOptions = {}): Promise<Report> {
  let header: Report["header"] | null = null;
  const sections: Report["sections"] = [];
  for await (const chunk of streamReport(source, options, { chunkSize: 5000, ...stream })) {
    if (chunk.header) header = chunk.header;
    sections.push(...chunk.sections);
  }
  if (!header) throw new Error("The report produced no header.");
  return { header, sections };
}
