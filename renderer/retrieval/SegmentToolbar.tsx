import { describeError } from "../../shared/describeError";
import { useEffect, useRef, useState } from "react";
import type { Segment } from "../../shared/retrieval/segments";
import type { OpenProject } from "../db/projects";
import { useHost } from "../host/HostContext";
import { Button } from "../ui/Button";
import { copySegments, exportSegmentsCsv } from "./exportSegments";
import type { RetrievalNames } from "./names";
import { plural } from "../../shared/text/plural";

const number = new Intl.NumberFormat("en-GB");

/**
 * "N segments from M sources", select all, and Copy / Export CSV. The actions work on the selected
 * segments, or on every segment shown when none is selected (the button says which).
 */
export function SegmentToolbar({
  project,
  segments,
  sourceCount,
  names,
  selected,
  onSelectAll,
}: {
  project: OpenProject;
  segments: readonly Segment[];
  sourceCount: number;
  names: RetrievalNames;
  selected: ReadonlySet<string>;
  onSelectAll: (on: boolean) => void;
}) {
  const host = useHost();
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const selectAll = useRef<HTMLInputElement>(null);
  const chosenCount = segments.reduce((n, s) => n + (selected.has(s.key) ? 1 : 0), 0);
  const all = chosenCount === 0;
  const target = all ? segments : segments.filter((s) => selected.has(s.key));

  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosenCount > 0 && chosenCount < segments.length;
  }, [chosenCount, segments.length]);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setStatus({ text: target.length > 200 ? `Preparing ${number.format(target.length)} segments…` : "Preparing…" });
    try {
      setStatus({ text: await action() });
    } catch (e) {
      setStatus({ text: describeError(e), error: true });
    } finally {
      setBusy(false);
    }
  };
  const segmentCount = (n: number) => plural(n, "segment");

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-300 px-3 py-2 text-sm dark:border-slate-700">
      <label className="flex items-center gap-1.5">
        <input
          ref={selectAll}
          type="checkbox"
          checked={segments.length > 0 && chosenCount === segments.length}
          disabled={segments.length === 0}
          onChange={(e) => onSelectAll(e.target.checked)}
        />
        Select all
      </label>
      <p role="status" className="font-medium tabular-nums">
        {segmentCount(segments.length)} from {plural(sourceCount, "source")}
        {chosenCount > 0 && (
          <span className="font-normal text-slate-600 dark:text-slate-400"> · {number.format(chosenCount)} selected</span>
        )}
      </p>
      <div className="ml-auto flex items-center gap-2">
        <Button
          disabled={busy || segments.length === 0}
          onClick={() =>
            void run(async () => {
              await copySegments(project, target, names);
              return `Copied ${segmentCount(target.length)} to the clipboard.`;
            })
          }
        >
          {all ? "Copy all" : "Copy selected"}
        </Button>
        <Button
          disabled={busy || segments.length === 0}
          onClick={() =>
            void run(async () =>
              (await exportSegmentsCsv(host, project, target, names))
                ? `Exported ${segmentCount(target.length)} as CSV.`
                : "Export cancelled.",
            )
          }
        >
          {all ? "Export all as CSV" : "Export selected as CSV"}
        </Button>
      </div>
      {status && (
        <p
          role={status.error ? "alert" : "status"}
          className={`basis-full text-xs ${status.error ? "text-red-700 dark:text-red-400" : "text-slate-700 dark:text-slate-300"}`}
        >
          {status.text}
        </p>
      )}
    </div>
  );
}
