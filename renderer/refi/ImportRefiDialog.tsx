import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useState, type ReactNode } from "react";
import type { RefiCountKind, RefiImportResult } from "../../shared/refi/types";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";

const KINDS: { kind: RefiCountKind; label: string }[] = [
  { kind: "sources", label: "Sources" },
  { kind: "codes", label: "Codes" },
  { kind: "codings", label: "Codings" },
  { kind: "memos", label: "Memos" },
  { kind: "cases", label: "Cases" },
  { kind: "attributes", label: "Attributes" },
  { kind: "coders", label: "Coders" },
];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="mt-3">
      <h3 className="text-sm font-semibold">{title}</h3>
      <div className="mt-1 max-h-48 overflow-auto rounded border border-slate-200 px-2 py-1 text-sm dark:border-slate-700">{children}</div>
    </section>
  );
}

/**
 * The preview of a REFI-QDA project before anything is written: what comes in (counts per kind),
 * what cannot and why, and what may differ from the other tool.
 */
export function ImportRefiDialog({
  result,
  onImport,
  onClose,
}: {
  result: RefiImportResult;
  onImport: () => Promise<void>;
  onClose: () => void;
}) {
  const { report } = result;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await onImport();
    } catch (e) {
      setError(`Nothing was imported from “${report.fileName}”: ${describeError(e)}`);
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Import “${report.fileName}”`} open onClose={onClose} wide>
      <p className="text-sm">
        A new project, “{result.projectName}”, will be made from this file (exported by {report.origin}). Nothing is written until you
        choose Import.
      </p>
      <table aria-label="What will be imported" className="mt-3 text-sm">
        <tbody>
          {KINDS.map(({ kind, label }) => (
            <tr key={kind}>
              <th scope="row" className="pr-4 text-left font-medium">
                {label}
              </th>
              <td className="tabular-nums">{report.imported[kind]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Positions read as {report.positionConvention}.</p>
      {report.skipped.length > 0 && (
        <Section title={`Will not be imported (${report.skipped.length})`}>
          <ul>
            {report.skipped.map((s, i) => (
              <li key={i}>
                <span className="font-medium">
                  {s.kind}: {s.name}
                </span>{" "}
                — {s.reason}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {report.problems.length > 0 && (
        <Section title={`Notes on this import (${report.problems.length})`}>
          <ul>
            {report.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </Section>
      )}
      {error && <ErrorText className="mt-3 text-sm">{error}</ErrorText>}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="primary" onClick={() => void run()} disabled={busy} aria-busy={busy || undefined}>
          {busy ? "Importing…" : "Import"}
        </Button>
      </div>
    </Dialog>
  );
}
