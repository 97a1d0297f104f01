import type { ReportHeader } from "../../shared/reports";
import { escapeHtml } from "../../shared/text/escapeHtml";
import { safeFileName } from "../../shared/text/fileName";
import type { Host } from "../host/host";

/** A file name from the report title: no characters Windows refuses, not too long. */
export function reportFileName(header: Pick<ReportHeader, "title">, extension: string): string {
  return `${safeFileName(header.title, "Report")}.${extension}`;
}

/** Every CSS rule the page has loaded (the app's stylesheet and the report's), as one text. */
function pageCssText(doc: Document): string {
  const parts: string[] = [];
  // adoptedStyleSheets carry the report's @page rule (ReportDocument.usePageRule).
  for (const sheet of [...Array.from(doc.styleSheets), ...doc.adoptedStyleSheets]) {
    try {
      parts.push(Array.from(sheet.cssRules, (rule) => rule.cssText).join("\n"));
    } catch {
      // A sheet from another origin cannot be read; the app has none (CSP default-src 'self').
    }
  }
  return parts.join("\n");
}

/**
 * The report as one self-contained HTML document (inline styles, no scripts), for Electron's hidden
 * print window, which loads nothing from the network and runs no JavaScript.
 */
export function standaloneReportHtml(report: HTMLElement, title: string): string {
  const css = pageCssText(report.ownerDocument);
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${css.replace(/<\/style/gi, "<\\/style")}</style></head><body>${report.outerHTML}</body></html>`;
}

/**
 * Print…: Electron renders the report in a hidden window, makes the tagged PDF and opens the system
 * print dialog on it; the web host prints this page (print CSS shows only the report).
 */
export async function printReport(host: Host, report: HTMLElement | null, header: ReportHeader): Promise<void> {
  if (host.printToPdf && report) {
    await host.printToPdf({
      html: standaloneReportHtml(report, header.title),
      pageSize: header.options.pageSize,
      title: header.title,
      printDialog: true,
    });
    return;
  }
  await host.print();
}

export type PdfOutcome = "saved" | "cancelled" | "use-print-dialog";

/**
 * Save as PDF. Electron: the hidden window makes a tagged PDF with an outline and the researcher picks
 * where it goes. The web host cannot make a PDF itself: the caller explains "Save as PDF" in the print dialog.
 */
export async function saveReportPdf(host: Host, report: HTMLElement, header: ReportHeader): Promise<PdfOutcome> {
  if (!host.printToPdf) return "use-print-dialog";
  const pdf = await host.printToPdf({
    html: standaloneReportHtml(report, header.title),
    pageSize: header.options.pageSize,
    title: header.title,
  });
  const saved = await host.saveFile({
    suggestedName: reportFileName(header, "pdf"),
    data: pdf,
    mimeType: "application/pdf",
    filters: [{ name: "PDF documents", extensions: ["pdf"] }],
  });
  return saved ? "saved" : "cancelled";
}
