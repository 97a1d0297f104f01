import { plural } from "../../shared/text/plural";
import { describeError } from "../../shared/describeError";
import { useState, type RefObject } from "react";
import type { ReportOptions, ReportSource } from "../../shared/reports";
import type { Host } from "../host/host";
import { Button } from "../ui/Button";
import { exportReport, type ExportFormat } from "./reportExports";
import { printReport, saveReportPdf } from "./reportOutput";
import type { ReportProgress } from "./useReportStream";

const number = (n: number) => n.toLocaleString("en-GB");

/** Progress in words: "Preparing 1,200 of 5,000 sections…", then what the report holds. */
export function progressText(progress: ReportProgress): string {
  if (progress.error) return "";
  if (!progress.header) return "Preparing the report…";
  if (!progress.complete) return `Preparing ${number(progress.done)} of ${number(progress.total)} sections…`;
  return `Ready: ${plural(progress.sections.length, "section")}.`;
}

const FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: "docx", label: "Word (DOCX)" },
  { format: "csv", label: "CSV" },
  { format: "html", label: "HTML" },
];

/** Print…, Save as PDF and the exports; all wait until the whole report is in the preview. */
export function ReportOutputBar({
  host,
  progress,
  options,
  source,
  previewRef,
  onRefresh,
}: {
  host: Host;
  progress: ReportProgress;
  options: ReportOptions;
  source: ReportSource;
  previewRef: RefObject<HTMLDivElement | null>;
  onRefresh: () => void;
}) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const header = progress.header;
  const ready = progress.complete && header !== null && !busy;

  const run = async (label: string, work: () => Promise<string | null>) => {
    setBusy(label);
    setMessage(null);
    try {
      const text = await work();
      if (text) setMessage({ text, error: false });
    } catch (e: unknown) {
      setMessage({ text: `${label} failed: ${describeError(e)}`, error: true });
    } finally {
      setBusy(null);
    }
  };

  const print = () =>
    run("Printing", async () => {
      if (!header) return null;
      await printReport(host, previewRef.current?.querySelector<HTMLElement>(".report-document") ?? null, header);
      return null;
    });

  const savePdf = () =>
    run("Saving the PDF", async () => {
      const report = previewRef.current?.querySelector<HTMLElement>(".report-document");
      if (!report || !header) return null;
      const outcome = await saveReportPdf(host, report, header);
      if (outcome === "use-print-dialog") {
        await host.print();
        return "To save a PDF, choose “Save as PDF” as the printer in the print dialog.";
      }
      return outcome === "saved" ? "PDF saved." : null;
    });

  const save = (format: ExportFormat, label: string) =>
    run(`Saving ${label}`, async () => {
      if (!header) return null;
      const saved = await exportReport(host, format, { source, options, header, sections: progress.sections });
      return saved ? `${label} saved.` : null;
    });

  return (
    <div className="report-no-print flex flex-wrap items-center gap-2 border-b border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900">
      <Button variant="primary" disabled={!ready} onClick={() => void print()}>
        Print…
      </Button>
      <Button disabled={!ready} onClick={() => void savePdf()}>
        Save as PDF
      </Button>
      {FORMATS.map(({ format, label }) => (
        <Button key={format} disabled={!ready} onClick={() => void save(format, label)}>
          {label}
        </Button>
      ))}
      <Button variant="ghost" disabled={!!busy} onClick={onRefresh}>
        Refresh
      </Button>
      <span role="status" className="ml-auto text-sm text-slate-700 dark:text-slate-300">
        {busy ? `${busy}…` : progressText(progress)}
        {!progress.complete && header && progress.total > 0 && (
          <progress className="ml-2 align-middle" max={progress.total} value={progress.done} aria-label="Report progress" />
        )}
      </span>
      {message && (
        <p role={message.error ? "alert" : "status"} className={`w-full text-sm ${message.error ? "text-red-800 dark:text-red-300" : ""}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
