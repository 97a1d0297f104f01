import { useEffect, useMemo, useState } from "react";
import type { SourceRecord } from "../../shared/model/records";
import { buildSourceRows, NO_FILTER, type SortDirection, type SourceFilter, type SourceSortKey } from "../../shared/sources/listing";
import { listAttributes, listCases } from "../db/cases";
import { useLive, useLivePausable } from "../db/live";
import { codingCountsBySource, deleteSources, listSources, renameSource, setSourceKind } from "../db/sources";
import { useHost } from "../host/HostContext";
import type { PickedFile } from "../host/host";
import { useProject, useSession } from "../project/ProjectContext";
import { useCodingSession } from "../project/codingSession";
import { Button } from "../ui/Button";
import { AutocodeHeadingsDialog } from "./AutocodeHeadingsDialog";
import { ImportDialog } from "./import/ImportDialog";
import { filesFromDataTransfer } from "./import/dropFiles";
import { RenameSourceDialog } from "./RenameSourceDialog";
import { SourceFilters } from "./SourceFilters";
import { SourcesTable } from "./SourcesTable";
import { plural } from "../../shared/text/plural";
import type { SourceId } from "../../shared/ids";

const NO_COUNTS: ReadonlyMap<string, number> = new Map();

/** The list of sources (NVivo's List View), with import, filters, sort and row actions. */
export function SourcesView() {
  const project = useProject();
  const host = useHost();
  const session = useSession();
  const importing = useCodingSession(session, (s) => s.importing);
  const sources = useLivePausable(() => listSources(project), [project], importing);
  const cases = useLive(() => listCases(project), [project]);
  const attributes = useLive(() => listAttributes(project), [project]);
  const codings = useLivePausable(() => codingCountsBySource(project), [project], importing);
  const [filter, setFilter] = useState<SourceFilter>(NO_FILTER);
  const [sort, setSort] = useState<{ key: SourceSortKey; direction: SortDirection }>({ key: "name", direction: "ascending" });
  const [importOpen, setImportOpen] = useState(false);
  const [dropped, setDropped] = useState<PickedFile[] | null>(null);
  const [renaming, setRenaming] = useState<SourceRecord | null>(null);
  const [undo, setUndo] = useState<{ label: string } | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const [autocoding, setAutocoding] = useState(false);

  useEffect(() => host.onMenuCommand((command) => command === "import" && setImportOpen(true)), [host]);

  const rows = useMemo(
    // Coding counts can take a moment at 100k codings: show the rows first, counts as they arrive.
    () => (sources && cases ? buildSourceRows(sources, cases, codings ?? NO_COUNTS, filter, sort) : null),
    [sources, cases, codings, filter, sort],
  );

  const onSort = (key: SourceSortKey) =>
    setSort((s) => ({ key, direction: s.key === key && s.direction === "ascending" ? "descending" : "ascending" }));

  const onDelete = async (source: SourceRecord) => {
    await deleteSources(project, [source.id]);
    setUndo({ label: `Deleted “${source.name}”.` });
  };

  const empty = sources !== undefined && sources.length === 0;

  return (
    <section
      aria-label="Sources"
      className={`relative flex min-h-0 flex-1 flex-col ${dragOver ? "outline-2 -outline-offset-4 outline-dashed outline-blue-600" : ""}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
        setDragOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragOver(false);
        void filesFromDataTransfer(e.dataTransfer).then((files) => {
          setDropped(files);
          setImportOpen(true);
        });
      }}
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-300 px-3 py-2 dark:border-slate-700">
        <h2 className="mr-2 text-base font-semibold">Sources</h2>
        <Button variant="primary" onClick={() => setImportOpen(true)}>
          Import sources
        </Button>
        {!empty && (
          <Button onClick={() => setAutocoding(true)} disabled={!sources}>
            Autocode by headings…
          </Button>
        )}
        {!empty && cases && attributes && <SourceFilters filter={filter} onChange={setFilter} cases={cases} attributes={attributes} />}
        {rows && sources && !empty && (
          <span role="status" className="ml-auto text-xs text-slate-600 dark:text-slate-400">
            {rows.length === sources.length ? plural(sources.length, "source") : `${rows.length} of ${sources.length} sources`}
          </span>
        )}
      </div>
      {empty ? (
        <div className="m-auto max-w-md p-8 text-center">
          <h3 className="text-lg font-semibold">This project has no sources yet</h3>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
            Import your interview transcripts, observation notes or documents: Word (.docx) or plain text (.txt). Choose{" "}
            <strong>Import sources</strong>, or drop files or a whole folder here.
          </p>
        </div>
      ) : rows ? (
        <SourcesTable
          projectId={project.entry.id}
          rows={rows}
          sort={sort}
          onSort={onSort}
          onKindChange={(source, kind) => void setSourceKind(project, [source.id], kind)}
          onRename={setRenaming}
          onDelete={(source) => void onDelete(source)}
        />
      ) : (
        <p className="p-4 text-slate-500">Loading sources…</p>
      )}
      {undo && (
        <div
          role="status"
          className="absolute bottom-4 left-1/2 flex -translate-x-1/2 items-center gap-3 rounded bg-slate-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
        >
          {undo.label}
          <button
            type="button"
            className="font-semibold underline"
            aria-label={`Undo: ${undo.label}`}
            onClick={() => {
              setUndo(null);
              // Through the project's history, so Ctrl+Z / Redo stay in step with this button.
              void project.history.undo(project);
            }}
          >
            Undo
          </button>
          <button type="button" aria-label="Dismiss" onClick={() => setUndo(null)} className="opacity-70">
            ✕
          </button>
        </div>
      )}
      <ImportDialog
        open={importOpen}
        droppedFiles={dropped}
        onClose={() => {
          setImportOpen(false);
          setDropped(null);
        }}
      />
      {autocoding && rows && (
        <AutocodeHeadingsDialog
          shownIds={rows.map((r) => r.source.id as SourceId)}
          onClose={() => setAutocoding(false)}
          onApplied={(label) => {
            setAutocoding(false);
            setUndo({ label: `${label}.` });
          }}
        />
      )}
      {renaming && (
        <RenameSourceDialog
          source={renaming}
          onClose={() => setRenaming(null)}
          onRename={(name) => renameSource(project, renaming.id, name)}
        />
      )}
    </section>
  );
}
