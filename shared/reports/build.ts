/**
 * Report builders: options in, a stream of sections out (see model.ts). One generator per kind.
 */
import type { Report, ReportChunk, ReportOptions, ReportSource, StreamOptions } from "./model";

/** Builds a report progressively: the first chunk carries the header and a first page of sections. */
export async function* streamReport(source: ReportSource, options: ReportOptions, stream: StreamOptions = {}): AsyncGenerator<ReportChunk> {
  void source;
  void options;
  void stream;
  yield* [];
  throw new Error("not built yet");
}

/** The whole report at once (DOCX, CSV, HTML, CLI). */
export async function buildReport(source: ReportSource, options: ReportOptions, stream: StreamOptions = {}): Promise<Report> {
  let header: Report["header"] | null = null;
  const sections: Report["sections"] = [];
  for await (const chunk of streamReport(source, options, stream)) {
    if (chunk.header) header = chunk.header;
    sections.push(...chunk.sections);
  }
  if (!header) throw new Error("The report produced no header.");
  return { header, sections };
}
