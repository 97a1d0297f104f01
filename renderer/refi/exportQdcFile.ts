import { exportCodebookQdc, refiFileName } from "../db/refiExport";
import type { OpenProject } from "../db/projects";
import type { Host } from "../host/host";
import { plural } from "../../shared/text/plural";

/** "Export codebook (.qdc)…" in the Codebook menu: saves the codebook as REFI-QDA and says what was saved. */
export async function exportQdcFile(project: OpenProject, host: Host): Promise<string> {
  const qdc = await exportCodebookQdc(project, typeof __APP_VERSION__ === "string" ? __APP_VERSION__ : "dev");
  const saved = await host.saveFile({
    suggestedName: refiFileName(project.entry.name, "qdc"),
    data: qdc.bytes,
    mimeType: "application/xml",
    filters: [{ name: "REFI-QDA codebook", extensions: ["qdc"] }],
  });
  if (!saved) return "";
  const codes = plural(qdc.codes, "code");
  return `Exported ${codes} as a REFI-QDA codebook (.qdc)${qdc.replaced > 0 ? `; ${plural(qdc.replaced, "character")} XML cannot hold ${qdc.replaced === 1 ? "was" : "were"} replaced with �` : ""}.`;
}
