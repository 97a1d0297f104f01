import { describeError } from "../../shared/describeError";
import { useState } from "react";
import { listCodes } from "../db/codes";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { codebookCsvBytes, codebookFileName, CODEBOOK_FILE_FILTERS, planCodebookFile, type CodebookFilePlan } from "./codebookFiles";
import { plural } from "./DeleteCodeDialog";
import { ImportCodebookDialog } from "./ImportCodebookDialog";
import { MenuButton } from "./Menu";
import { exportQdcFile } from "../refi/exportQdcFile";
import { AutocodeHeadingsDialog } from "../sources/AutocodeHeadingsDialog";

export type Report = (text: string, kind?: "info" | "error") => void;

/** "Codebook" menu: import a CSV or Word codebook (with a preview), export the codebook as CSV, autocode by headings. */
export function CodebookFileMenu({ report }: { report: Report }) {
  const project = useProject();
  const host = useHost();
  const [preview, setPreview] = useState<Extract<CodebookFilePlan, { ok: true }> | null>(null);
  const [autocoding, setAutocoding] = useState(false);

  const importFile = async () => {
    const [file] = await host.pickFiles({ title: "Import codebook", filters: CODEBOOK_FILE_FILTERS, multiple: false });
    if (!file) return;
    report(`Reading “${file.name}”…`);
    const planned = await planCodebookFile(file, await listCodes(project));
    if (!planned.ok) {
      report(`${planned.message} Nothing was changed.`, "error");
      return;
    }
    report("");
    setPreview(planned);
  };

  const exportFile = async () => {
    const codes = await listCodes(project);
    const saved = await host.saveFile({
      suggestedName: codebookFileName(project.entry.name),
      data: codebookCsvBytes(codes),
      mimeType: "text/csv",
      filters: [{ name: "CSV", extensions: ["csv"] }],
    });
    if (saved) report(`Exported ${plural(codes.length, "code")} as CSV.`);
  };

  const run = (work: () => Promise<void>) => () => {
    work().catch((e: unknown) => report(describeError(e), "error"));
  };

  return (
    <>
      <MenuButton
        label="Codebook"
        items={[
          { label: "Import codebook…", onSelect: run(importFile) },
          { label: "Export codebook…", onSelect: run(exportFile) },
          { label: "Export codebook (.qdc)…", onSelect: run(async () => report(await exportQdcFile(project, host))) },
          { label: "Autocode by headings…", onSelect: () => setAutocoding(true) },
        ]}
      />
      {autocoding && (
        <AutocodeHeadingsDialog
          onClose={() => setAutocoding(false)}
          onApplied={(label) => {
            setAutocoding(false);
            report(`${label}. You can undo it.`);
          }}
        />
      )}
      {preview && (
        <ImportCodebookDialog
          fileName={preview.fileName}
          plan={preview.plan}
          unusedColumns={preview.unusedColumns}
          onClose={() => setPreview(null)}
          onApplied={({ created, updated }) => {
            setPreview(null);
            report(`Imported “${preview.fileName}”: ${plural(created, "code")} created, ${plural(updated, "code")} updated.`);
          }}
        />
      )}
    </>
  );
}
