import type { Report, ReportHeader, ReportOptions, ReportSection, ReportSource } from "../../shared/reports";
import type { Host } from "../host/host";
import { reportFileName } from "./reportOutput";

export type ExportFormat = "docx" | "csv" | "html";

export interface ExportInput {
  source: ReportSource;
  options: ReportOptions;
  header: ReportHeader;
  sections: readonly ReportSection[];
}

const FILE_TYPES: Readonly<Record<ExportFormat, { mimeType: string; filter: string }>> = {
  docx: { mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", filter: "Word documents" },
  csv: { mimeType: "text/csv", filter: "CSV (Excel)" },
  html: { mimeType: "text/html", filter: "Web pages" },
};

async function bytesFor(format: ExportFormat, input: ExportInput): Promise<Uint8Array> {
  // The preview already holds the whole report: the writers use it rather than reading the project again.
  const report: Report = { header: input.header, sections: [...input.sections] };
  switch (format) {
    case "csv": {
      const { reportCsv } = await import("../../shared/reports/csv");
      return new TextEncoder().encode(reportCsv(report));
    }
    case "docx": {
      // Written in a Web Worker: a 5,000-segment document takes long enough to freeze the window.
      const { buildDocxInWorker } = await import("./docxClient");
      return buildDocxInWorker(report);
    }
    case "html": {
      const { reportHtml } = await import("../../shared/reports/html");
      return new TextEncoder().encode(reportHtml(report));
    }
  }
}

/** Writes the report in the chosen format and offers it to save; false when the researcher cancels. */
export async function exportReport(host: Host, format: ExportFormat, input: ExportInput): Promise<boolean> {
  const data = await bytesFor(format, input);
  const type = FILE_TYPES[format];
  return host.saveFile({
    suggestedName: reportFileName(input.header, format),
    data,
    mimeType: type.mimeType,
    filters: [{ name: type.filter, extensions: [format] }],
  });
}
