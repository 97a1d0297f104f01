import { plural } from "../../shared/text/plural";
import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useId, useMemo, useState } from "react";
import { listCodersInTrail, listJournal, listRecordNames, listWholeJournal } from "../db/journalQueries";
import { useLive } from "../db/live";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { UndoControls } from "../project/UndoControls";
import { useUndoShortcuts } from "../project/useUndoShortcuts";
import { Button } from "../ui/Button";
import { auditCsv } from "./auditCsv";
import { AuditTable, type CoderName } from "./AuditTable";
import { NO_NAMES, type NameLookup } from "./describeEntry";

const PAGE = 200;

interface Filter {
  coderId: string;
  /** yyyy-mm-dd from <input type="date">, or "". */
  from: string;
  to: string;
}

const NO_FILTER: Filter = { coderId: "", from: "", to: "" };

/** Who changed what, when: the project's journal, newest first, with filters and CSV export. */
export function AuditView() {
  useUndoShortcuts();
  const project = useProject();
  const host = useHost();
  const id = useId();
  const [filter, setFilterState] = useState<Filter>(NO_FILTER);
  const [limit, setLimit] = useState(PAGE);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [exportStatus, setExportStatus] = useState("");

  const datesBackwards = Boolean(filter.from && filter.to && filter.from > filter.to);
  const coderId = filter.coderId || null;
  const from = filter.from || null;
  const to = filter.to || null;
  const entries = useLive(
    () => (datesBackwards ? Promise.resolve([]) : listJournal(project, { coderId, from, to, limit })),
    [project, coderId, from, to, limit, datesBackwards],
  );
  const coderRecords = useLive(() => listCodersInTrail(project), [project]);
  const recordNames = useLive(() => listRecordNames(project), [project]);

  const coders = useMemo(
    () => new Map<string, CoderName>((coderRecords ?? []).map((c) => [c.id, { name: c.name, initials: c.initials }])),
    [coderRecords],
  );
  const names = useMemo<NameLookup>(
    () =>
      recordNames
        ? { code: (i) => recordNames.codes.get(i), source: (i) => recordNames.sources.get(i), case: (i) => recordNames.cases.get(i) }
        : NO_NAMES,
    [recordNames],
  );

  const setFilter = (patch: Partial<Filter>) => {
    setFilterState((f) => ({ ...f, ...patch }));
    setLimit(PAGE);
    setExportStatus("");
  };

  const exportCsv = async () => {
    setExportStatus("Exporting…");
    try {
      const all = await listWholeJournal(project, { coderId, from, to });
      const csv = auditCsv(all, coders, names);
      const date = new Date().toISOString().slice(0, 10);
      const safeName = project.entry.name.replace(/[^\p{L}\p{N} _-]+/gu, "").trim() || "project";
      const saved = await host.saveFile({
        suggestedName: `${safeName} audit trail ${date}.csv`,
        data: new TextEncoder().encode(csv),
        mimeType: "text/csv",
        filters: [{ name: "CSV (comma-separated)", extensions: ["csv"] }],
      });
      setExportStatus(saved ? `Exported ${plural(all.length, "change")}.` : "");
    } catch (e) {
      setExportStatus(`The audit trail was not exported: ${describeError(e)}`);
    }
  };

  const more = entries !== undefined && entries.length >= limit;
  const filtered = filter.coderId !== "" || filter.from !== "" || filter.to !== "";
  const summary =
    entries === undefined
      ? ""
      : entries.length === 0
        ? filtered
          ? "No changes match these filters."
          : "No changes yet."
        : more
          ? `Showing the latest ${entries.length} changes`
          : plural(entries.length, "change");

  const input = "rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";
  return (
    <section aria-labelledby={`${id}-title`} className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-300 px-3 py-2 dark:border-slate-700">
        <h2 id={`${id}-title`} className="mr-2 self-center text-base font-semibold">
          Audit trail
        </h2>
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-coder`} className="text-xs font-medium">
            Coder
          </label>
          <select id={`${id}-coder`} value={filter.coderId} onChange={(e) => setFilter({ coderId: e.target.value })} className={input}>
            <option value="">All coders</option>
            {(coderRecords ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.initials})
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-from`} className="text-xs font-medium">
            From
          </label>
          <input
            id={`${id}-from`}
            type="date"
            value={filter.from}
            max={filter.to || undefined}
            onChange={(e) => setFilter({ from: e.target.value })}
            className={input}
          />
        </div>
        <div className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-to`} className="text-xs font-medium">
            To
          </label>
          <input
            id={`${id}-to`}
            type="date"
            value={filter.to}
            min={filter.from || undefined}
            onChange={(e) => setFilter({ to: e.target.value })}
            className={input}
          />
        </div>
        {filtered && <Button onClick={() => setFilter(NO_FILTER)}>Clear filters</Button>}
        <Button onClick={() => void exportCsv()} disabled={!entries || entries.length === 0}>
          Export CSV…
        </Button>
        <div className="ml-auto self-center">
          <UndoControls fallback />
        </div>
      </div>
      <div className="flex items-center gap-3 px-3 py-1 text-xs text-slate-600 dark:text-slate-400">
        <p role="status">{summary}</p>
        <p role="status">{exportStatus}</p>
      </div>
      {datesBackwards && <ErrorText className="px-3 text-sm">The “From” date is after the “To” date.</ErrorText>}
      {entries && entries.length > 0 && (
        <AuditTable
          entries={entries}
          coders={coders}
          names={names}
          expanded={expanded}
          onToggle={(batchId) =>
            setExpanded((s) => {
              const next = new Set(s);
              if (next.has(batchId)) next.delete(batchId);
              else next.add(batchId);
              return next;
            })
          }
        />
      )}
      {more && (
        <div className="border-t border-slate-300 p-2 text-center dark:border-slate-700">
          <Button onClick={() => setLimit((l) => l + PAGE)}>Load more</Button>
        </div>
      )}
    </section>
  );
}
