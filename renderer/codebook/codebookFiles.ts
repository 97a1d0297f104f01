/**
 * Reading a picked codebook file (CSV or Word) into an import plan, and the CSV export's bytes.
 * The DOCX reader (mammoth) is loaded only when a Word codebook is picked.
 */
import { describeError } from "../../shared/describeError";
import { decodeCodebookCsv, exportCodebookCsv, planCodebookCsv } from "../../shared/codebook/csv";
import type { CodebookPlan, PlanCode } from "../../shared/codebook/plan";
import { safeFileName } from "../../shared/text/fileName";
import type { PickedFile } from "../host/host";

export type CodebookFilePlan = { ok: true; fileName: string; plan: CodebookPlan; unusedColumns: string[] } | { ok: false; message: string };

export const CODEBOOK_FILE_FILTERS = [{ name: "Codebook (CSV, Word or REFI-QDA .qdc)", extensions: ["csv", "docx", "qdc"] }];

export async function planCodebookFile(file: PickedFile, existing: readonly PlanCode[]): Promise<CodebookFilePlan> {
  const name = file.name;
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  if (extension !== "csv" && extension !== "docx" && extension !== "qdc") {
    return {
      ok: false,
      message: `“${name}” is not a codebook Margin can read. Choose a CSV file (.csv), a Word document (.docx) or a REFI-QDA codebook (.qdc).`,
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = await file.bytes();
  } catch (error) {
    return { ok: false, message: `“${name}” could not be read: ${describeError(error)}` };
  }
  if (extension === "csv") {
    const decoded = decodeCodebookCsv(name, bytes);
    if (!decoded.ok) return decoded;
    const planned = planCodebookCsv(name, decoded.text, existing);
    if (!planned.ok) return planned;
    const unusedColumns = planned.columns.filter((c) => c.use === null && c.header !== "").map((c) => c.header);
    return { ok: true, fileName: name, plan: planned.plan, unusedColumns };
  }
  if (extension === "qdc") {
    const { planCodebookQdc } = await import("../../shared/refi/qdc");
    const planned = planCodebookQdc(bytes, name, existing);
    return planned.ok ? { ok: true, fileName: name, plan: planned.plan, unusedColumns: [] } : planned;
  }
  const { planCodebookDocx } = await import("../../shared/codebook/docxOutline");
  const planned = await planCodebookDocx(bytes, name, existing);
  return planned.ok ? { ok: true, fileName: name, plan: planned.plan, unusedColumns: [] } : planned;
}

/** The codebook as CSV with a byte-order mark, so Excel opens it as UTF-8. */
export function codebookCsvBytes(codes: readonly PlanCode[]): Uint8Array {
  return new TextEncoder().encode(exportCodebookCsv(codes, { bom: true }));
}

/** A file name from the project's name: characters Windows forbids in names are replaced. */
export function codebookFileName(projectName: string): string {
  return `${safeFileName(projectName, "Project")} codebook.csv`;
}
