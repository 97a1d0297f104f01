import { useMemo, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { JournalEntry } from "../../shared/model/records";
import { describeBatch, describeDetail, describeWhat, groupBatches, stampTime, type BatchGroup, type NameLookup } from "./describeEntry";
import { formatDate } from "../../shared/text/dates";

const GRID = "grid grid-cols-[13.5rem_minmax(7rem,11rem)_minmax(0,1fr)] items-center gap-2";
const ROW_HEIGHT = 52;

type Row =
  | { kind: "single"; entry: JournalEntry }
  | { kind: "batch"; group: BatchGroup; expanded: boolean }
  | { kind: "member"; entry: JournalEntry; group: BatchGroup };

export interface CoderName {
  name: string;
  initials: string;
}

/** The trail, newest first, virtualised; a batch of several changes is one row that opens to show them. */
export function AuditTable({
  entries,
  coders,
  names,
  expanded,
  onToggle,
}: {
  entries: readonly JournalEntry[];
  coders: ReadonlyMap<string, CoderName>;
  names: NameLookup;
  expanded: ReadonlySet<string>;
  onToggle: (batchId: string) => void;
}) {
  const rows = useMemo(() => {
    const out: Row[] = [];
    for (const group of groupBatches(entries)) {
      const [first] = group.entries;
      if (group.entries.length === 1 && first) {
        out.push({ kind: "single", entry: first });
        continue;
      }
      const open = expanded.has(group.batchId);
      out.push({ kind: "batch", group, expanded: open });
      if (open) for (const entry of group.entries) out.push({ kind: "member", entry, group });
    }
    return out;
  }, [entries, expanded]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  const who = (coderId: string) => {
    const coder = coders.get(coderId);
    return coder ? `${coder.name} (${coder.initials})` : "Unknown coder";
  };
  const when = (at: string) => {
    const date = stampTime(at);
    return <time dateTime={date.toISOString()}>{formatDate(date, "dateTimeSeconds")}</time>;
  };

  return (
    <div role="table" aria-label="Audit trail" aria-rowcount={rows.length + 1} className="flex min-h-0 flex-1 flex-col text-sm">
      <div role="rowgroup" className="border-b border-slate-300 bg-slate-100 dark:border-slate-700 dark:bg-slate-800">
        <div
          role="row"
          aria-rowindex={1}
          className={`${GRID} px-3 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300`}
        >
          <div role="columnheader">When</div>
          <div role="columnheader">Who</div>
          <div role="columnheader">What</div>
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="min-h-0 flex-1 overflow-auto" data-testid="audit-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const member = row.kind === "member";
            const key = row.kind === "batch" ? `b:${row.group.batchId}` : `e:${row.entry.seq ?? row.entry.at}`;
            const at = row.kind === "batch" ? row.group.at : row.entry.at;
            const coderId = row.kind === "batch" ? row.group.coderId : row.entry.coderId;
            return (
              <div
                key={key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`${GRID} absolute inset-x-0 border-b border-slate-200 px-3 dark:border-slate-800 ${member ? "bg-slate-50 dark:bg-slate-900/60" : ""}`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <div role="cell" className={`truncate tabular-nums ${member ? "text-slate-500 dark:text-slate-400" : ""}`}>
                  {when(at)}
                </div>
                <div role="cell" className={`truncate ${member ? "text-slate-500 dark:text-slate-400" : ""}`}>
                  {who(coderId)}
                </div>
                <div
                  role="cell"
                  className={`flex min-w-0 flex-col ${member ? "border-l-2 border-slate-300 pl-3 dark:border-slate-600" : ""}`}
                >
                  {row.kind === "batch" ? (
                    <>
                      <span className="truncate font-medium">{row.group.label}</span>
                      <span className="flex min-w-0 items-center gap-2 text-xs text-slate-700 dark:text-slate-300">
                        <button
                          type="button"
                          aria-expanded={row.expanded}
                          onClick={() => onToggle(row.group.batchId)}
                          className="shrink-0 rounded px-1 underline underline-offset-2 hover:bg-slate-200 dark:hover:bg-slate-700"
                        >
                          <span aria-hidden="true">{row.expanded ? "▾ " : "▸ "}</span>
                          {row.expanded ? "Hide" : "Show"} {row.group.entries.length} changes
                          <span className="sr-only"> of {row.group.label}</span>
                        </button>
                        <span className="truncate">{describeBatch(row.group.entries)}</span>
                      </span>
                    </>
                  ) : (
                    <EntryText entry={row.entry} names={names} showLabel={!member} />
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function EntryText({ entry, names, showLabel }: { entry: JournalEntry; names: NameLookup; showLabel: boolean }) {
  const what = describeWhat(entry, names);
  const detail = describeDetail(entry, names);
  return (
    <>
      {showLabel && <span className="truncate font-medium">{entry.label}</span>}
      <span className="truncate text-xs text-slate-700 dark:text-slate-300">
        {what}
        {detail ? ` — ${detail}` : ""}
      </span>
    </>
  );
}
