import { useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { SpeakerRole } from "../../shared/model/records";
import type { SpeakerRow } from "../../shared/search/speakers";
import { plural } from "../../shared/text/plural";

const ROW_HEIGHT = 40;
const TEMPLATE = "2.5rem minmax(9rem, 1fr) minmax(10rem, 1.4fr) 13rem 5rem 6rem minmax(8rem, 1fr)";
const ROLE_NAMES: Record<SpeakerRole, string> = { interviewer: "Interviewer", facilitator: "Facilitator", participant: "Participant" };

/**
 * The project's speakers, one row per speaker name (label variants merged), virtualised: tick rows to
 * merge them or code their turns; the role select saves at once (one undo step per change).
 */
export function SpeakerTable({
  rows,
  sourceNames,
  ticked,
  onTick,
  onRole,
}: {
  rows: SpeakerRow[];
  sourceNames: ReadonlyMap<string, string>;
  ticked: ReadonlySet<string>;
  onTick: (key: string, on: boolean) => void;
  onRole: (row: SpeakerRow, role: SpeakerRole | null) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const cell = "flex min-w-0 items-center px-2 text-sm";
  return (
    <div
      ref={scrollRef}
      role="table"
      aria-label="Speakers"
      aria-rowcount={rows.length + 1}
      className="relative min-h-0 flex-1 overflow-auto"
    >
      <div
        role="row"
        aria-rowindex={1}
        className="sticky top-0 z-10 grid border-b border-slate-300 bg-slate-100 font-medium dark:border-slate-700 dark:bg-slate-800"
        style={{ gridTemplateColumns: TEMPLATE, height: ROW_HEIGHT }}
      >
        <div role="columnheader" className={cell}>
          <span className="sr-only">Selected</span>
        </div>
        {["Speaker", "Labels in the transcripts", "Role", "Turns", "Words", "Sources"].map((name) => (
          <div key={name} role="columnheader" className={`${cell} ${name === "Turns" || name === "Words" ? "justify-end" : ""}`}>
            {name}
          </div>
        ))}
      </div>
      <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const sources = row.sourceIds.map((id) => sourceNames.get(id) ?? "a source");
          return (
            <div
              key={row.key}
              role="row"
              aria-rowindex={item.index + 2}
              className={`absolute left-0 top-0 grid w-full border-b border-slate-200 dark:border-slate-800 ${
                ticked.has(row.key) ? "bg-blue-50 dark:bg-sky-950" : "bg-white dark:bg-slate-900"
              }`}
              style={{ gridTemplateColumns: TEMPLATE, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              <div role="cell" className={cell}>
                <input
                  type="checkbox"
                  aria-label={`Select ${row.name}`}
                  checked={ticked.has(row.key)}
                  onChange={(e) => onTick(row.key, e.target.checked)}
                  className="h-4 w-4"
                />
              </div>
              <div role="rowheader" className={`${cell} font-medium`}>
                <span className="truncate">{row.name}</span>
              </div>
              <div role="cell" className={cell}>
                <span className="truncate" title={row.labels.join(", ")}>
                  {row.labels.join(", ")}
                </span>
              </div>
              <div role="cell" className={cell}>
                <select
                  aria-label={`Role of ${row.name}`}
                  value={row.role ?? ""}
                  onChange={(e) => onRole(row, e.target.value === "" ? null : (e.target.value as SpeakerRole))}
                  className="w-full rounded border border-slate-400 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-800"
                >
                  <option value="">Not set (looks like {ROLE_NAMES[row.suggestedRole].toLowerCase()})</option>
                  <option value="interviewer">Interviewer</option>
                  <option value="facilitator">Facilitator</option>
                  <option value="participant">Participant</option>
                </select>
              </div>
              <div role="cell" className={`${cell} justify-end tabular-nums`}>
                {row.turns.toLocaleString("en-GB")}
              </div>
              <div role="cell" className={`${cell} justify-end tabular-nums`}>
                {row.words.toLocaleString("en-GB")}
              </div>
              <div role="cell" className={cell}>
                <span className="truncate" title={sources.join(", ")}>
                  {sources.length === 1 ? sources[0] : plural(sources.length, "source")}
                </span>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
