import { plural } from "../../shared/text/plural";
import { describeError } from "../../shared/describeError";
import { useId, useMemo, useState } from "react";
import type { AttributeRecord, CaseRecord } from "../../shared/model/records";
import type { CsvTable } from "../../shared/cases/csv";
import { readCsvFile } from "../../shared/cases/csv";
import { compareNames, nameKey } from "../../shared/cases/values";
import { listAttributes, listCasesWithSourceCounts, type ImportSummary } from "../db/cases";
import { useLive } from "../db/live";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { AttributeDialog } from "./AttributeDialog";
import { DeleteCaseDialog, NewCaseDialog } from "./CaseDialogs";
import { CaseSheet, type Cell } from "./CaseSheet";
import { CaseSourcesDialog } from "./CaseSourcesDialog";
import { CasePassagesDialog } from "./CasePassagesDialog";
import { ImportCasesDialog } from "./ImportCasesDialog";

type Open =
  | { kind: "newCase" }
  | { kind: "attribute"; attribute: AttributeRecord | null }
  | { kind: "deleteCase"; target: CaseRecord; sourceCount: number }
  | { kind: "sources"; target: CaseRecord }
  | { kind: "passages"; target: CaseRecord }
  | { kind: "import"; table: CsvTable; attributes: AttributeRecord[] };

function importStatus(s: ImportSummary): string {
  const parts = [
    `${plural(s.casesCreated, "case")} added`,
    `${s.casesUpdated} updated`,
    `${plural(s.attributesCreated, "attribute")} added`,
    `${plural(s.valuesSet, "value")} set`,
    `${plural(s.linksAdded, "source")} linked`,
  ];
  return `Imported: ${parts.join(", ")}.`;
}

/** NVivo's cases and classifications: a sheet of cases × attributes, with CSV import. */
export function CasesView() {
  const project = useProject();
  const host = useHost();
  const rows = useLive(() => listCasesWithSourceCounts(project), [project]);
  const attributes = useLive(() => listAttributes(project), [project]);
  const [filter, setFilter] = useState("");
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const [open, setOpen] = useState<Open | null>(null);
  const [status, setStatus] = useState("");
  const [csvError, setCsvError] = useState<string | null>(null);
  const selectedId = useId();

  const shown = useMemo(() => {
    const key = nameKey(filter);
    return key ? (rows ?? []).filter((r) => nameKey(r.record.name).includes(key)) : (rows ?? []);
  }, [rows, filter]);
  const selected = active.row >= 0 ? shown[active.row] : undefined;

  const importCsv = async () => {
    setCsvError(null);
    const [file] = await host.pickFiles({
      title: "Import cases from CSV",
      filters: [{ name: "CSV", extensions: ["csv"] }],
      multiple: false,
    });
    if (!file) return;
    const result = readCsvFile(file.name, await file.bytes());
    if (!result.ok) {
      setCsvError(`${result.message} Nothing was changed.`);
      return;
    }
    setOpen({ kind: "import", table: result.table, attributes: await listAttributes(project) });
  };

  const done = (message: string) => {
    setOpen(null);
    setStatus(message);
  };

  if (rows === undefined || attributes === undefined) {
    return <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Loading cases…</p>;
  }

  return (
    <section aria-labelledby="cases-title" className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-300 p-3 dark:border-slate-700">
        <h2 id="cases-title" className="mr-2 text-base font-semibold">
          Cases & attributes
        </h2>
        <Button variant="primary" onClick={() => setOpen({ kind: "newCase" })}>
          New case
        </Button>
        <Button onClick={() => setOpen({ kind: "attribute", attribute: null })}>New attribute</Button>
        <Button onClick={() => void importCsv().catch((e: unknown) => setCsvError(describeError(e)))}>Import cases from CSV</Button>
        <span className="mx-1 h-5 w-px bg-slate-300 dark:bg-slate-700" aria-hidden="true" />
        <Button
          disabled={!selected}
          aria-describedby={selectedId}
          onClick={() => selected && setOpen({ kind: "sources", target: selected.record })}
        >
          Link sources…
        </Button>
        <Button
          disabled={!selected}
          aria-describedby={selectedId}
          onClick={() => selected && setOpen({ kind: "deleteCase", target: selected.record, sourceCount: selected.sourceCount })}
        >
          Delete case…
        </Button>
        <span id={selectedId} className="text-xs text-slate-600 dark:text-slate-400">
          {selected ? `Selected case: ${selected.record.name}` : "No case selected"}
        </span>
        <span className="flex-1" />
        <label className="flex items-center gap-1.5 text-sm">
          Find case
          <input
            type="search"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setActive({ row: 0, col: active.col });
            }}
            className="w-40 rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
          />
        </label>
      </div>
      {csvError && (
        <div
          role="alert"
          className="flex items-start gap-2 border-b border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <p className="flex-1">{csvError}</p>
          <Button variant="ghost" onClick={() => setCsvError(null)}>
            Dismiss
          </Button>
        </div>
      )}
      <p role="status" className="min-h-6 px-3 py-1 text-sm text-slate-700 dark:text-slate-300">
        {status}
      </p>
      {rows.length === 0 && (
        <p className="px-3 pb-2 text-sm text-slate-700 dark:text-slate-300">
          No cases yet. A case is a participant, site or organisation your sources are about. Add one with “New case”, or import a
          spreadsheet of participants with “Import cases from CSV”.
        </p>
      )}
      {rows.length > 0 && shown.length === 0 && <p className="px-3 pb-2 text-sm">No case matches “{filter}”.</p>}
      <CaseSheet
        rows={shown}
        attributes={attributes}
        active={active}
        onActiveChange={setActive}
        onOpenSources={(target) => setOpen({ kind: "sources", target })}
        showPassages={rows.some((r) => r.passageCount > 0)}
        onOpenPassages={(target) => setOpen({ kind: "passages", target })}
        onEditAttribute={(attribute) => setOpen({ kind: "attribute", attribute })}
        onStatus={setStatus}
      />
      {open?.kind === "newCase" && (
        <NewCaseDialog
          onClose={() => setOpen(null)}
          onCreated={(c) => {
            done(`Added case ${c.name}.`);
            // Select the new case: its row is where the sheet's name order will put it.
            if (!filter) setActive({ row: rows.filter((r) => compareNames(r.record.name, c.name) < 0).length, col: 0 });
          }}
        />
      )}
      {open?.kind === "attribute" && (
        <AttributeDialog
          attribute={open.attribute}
          position={open.attribute ? attributes.findIndex((a) => a.id === open.attribute?.id) : attributes.length}
          count={attributes.length}
          onClose={() => setOpen(null)}
          onDone={done}
        />
      )}
      {open?.kind === "deleteCase" && (
        <DeleteCaseDialog
          target={open.target}
          sourceCount={open.sourceCount}
          onClose={() => setOpen(null)}
          onDeleted={() => done(`Deleted case ${open.target.name}.`)}
        />
      )}
      {open?.kind === "sources" && <CaseSourcesDialog target={open.target} onClose={() => setOpen(null)} onSaved={done} />}
      {open?.kind === "passages" && <CasePassagesDialog target={open.target} onClose={() => setOpen(null)} />}
      {open?.kind === "import" && (
        <ImportCasesDialog
          table={open.table}
          attributes={open.attributes}
          onClose={() => setOpen(null)}
          onApplied={(s) => done(importStatus(s))}
        />
      )}
    </section>
  );
}
