import { csvBytes } from "../../shared/retrieval/csv";
import { wordFrequencyCsv, type WordFrequencyRow } from "../../shared/search/wordFrequency";
import { safeFileName } from "../../shared/text/fileName";
import type { OpenProject } from "../db/projects";
import type { Host } from "../host/host";

/** Saves the frequency table (its rows in the order shown) as CSV; false when the save dialog was cancelled. */
export function exportWordFrequencyCsv(host: Host, project: OpenProject, rows: readonly WordFrequencyRow[]): Promise<boolean> {
  return host.saveFile({
    suggestedName: `${safeFileName(`${project.entry.name} - word frequency`, "Word frequency")}.csv`,
    data: csvBytes(wordFrequencyCsv(rows)),
    mimeType: "text/csv;charset=utf-8",
    filters: [{ name: "CSV (comma separated)", extensions: ["csv"] }],
  });
}
