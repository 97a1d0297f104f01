import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useState } from "react";
import type { RefiImportResult } from "../../shared/refi/types";
import { navigate } from "../app/router";
import type { CoderProfile } from "../db/profile";
import { writeRefiImport } from "../db/refiImport";
import { useHost } from "../host/HostContext";
import { Button } from "../ui/Button";
import { ImportRefiDialog } from "./ImportRefiDialog";
import { parseRefiFile } from "./parseRefi";

export const REFI_FILE_FILTERS = [{ name: "REFI-QDA project (.qdpx)", extensions: ["qdpx", "qde"] }];

/** Home screen: "Import REFI-QDA project (.qdpx)…" → pick → preview → a new project. */
export function ImportRefiButton({ profile }: { profile: CoderProfile }) {
  const host = useHost();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<RefiImportResult | null>(null);

  const pick = async () => {
    setError(null);
    const [file] = await host.pickFiles({ title: "Import REFI-QDA project", filters: REFI_FILE_FILTERS, multiple: false });
    if (!file) return;
    setBusy(true);
    try {
      if (!/\.(qdpx|qde)$/i.test(file.name)) {
        setError(
          `“${file.name}” is not a REFI-QDA project. Choose a .qdpx file exported from NVivo, ATLAS.ti, MAXQDA or another REFI-QDA tool.`,
        );
        return;
      }
      const parsed = await parseRefiFile(await file.bytes(), file.name, profile.id);
      if (parsed.ok) setPreview(parsed.result);
      else setError(`${parsed.message} Nothing was imported.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="inline-flex flex-col items-end">
      <Button onClick={() => void pick().catch((e: unknown) => setError(describeError(e)))} disabled={busy} aria-busy={busy || undefined}>
        {busy ? "Reading project…" : "Import REFI-QDA project (.qdpx)…"}
      </Button>
      {error && (
        <ErrorText as="span" className="mt-1 max-w-md text-right text-xs">
          {error}
        </ErrorText>
      )}
      {preview && (
        <ImportRefiDialog
          result={preview}
          onClose={() => setPreview(null)}
          onImport={async () => {
            const entry = await writeRefiImport(preview, profile, preview.report.fileName);
            setPreview(null);
            navigate({ name: "project", projectId: entry.id, view: "sources", sourceId: null });
          }}
        />
      )}
    </span>
  );
}
