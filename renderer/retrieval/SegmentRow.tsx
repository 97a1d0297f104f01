import type { MouseEvent } from "react";
import { segmentContext, type SegmentContext } from "../../shared/retrieval/context";
import type { Segment } from "../../shared/retrieval/segments";
import { turnAt } from "../../shared/coding/ranges";
import { sourceHref } from "../app/router";
import { coderUnderline } from "../coding/coderStyle";
import type { OpenProject } from "../db/projects";
import { Button } from "../ui/Button";
import type { RetrievalNames } from "./names";
import { useSourceText } from "./useSourceText";
import { formatDate } from "../../shared/text/dates";

const number = new Intl.NumberFormat();

export interface SegmentRowProps {
  project: OpenProject;
  segment: Segment;
  /** 0-based position in the list. */
  index: number;
  names: RetrievalNames;
  selected: boolean;
  contextOpen: boolean;
  onSelect: (index: number, on: boolean, extend: boolean) => void;
  onToggleContext: (key: string) => void;
  onOpenInSource: (segment: Segment) => void;
}

/** One coded segment: what it was coded at, where it comes from, who coded it, and its words. */
export function SegmentRow({
  project,
  segment,
  index,
  names,
  selected,
  contextOpen,
  onSelect,
  onToggleContext,
  onOpenInSource,
}: SegmentRowProps) {
  const load = useSourceText(project, segment.sourceId);
  const source = load.status === "ready" ? load.source : null;
  const context: SegmentContext | null = source
    ? contextOpen
      ? segmentContext(source.text, source.blocks, segment.start, segment.end)
      : { before: "", text: source.text.slice(segment.start, segment.end), after: "", clippedBefore: false, clippedAfter: false }
    : null;
  const speaker = source ? turnAt(source.turns, segment.start)?.speaker : undefined;
  const cases = names.caseNames(segment.sourceId);
  const date = segment.date ? formatDate(segment.date) : "";

  return (
    <article
      className="flex gap-3 border-b border-slate-200 px-3 py-2.5 dark:border-slate-800"
      aria-labelledby={`segment-${segment.key}-where`}
    >
      <input
        type="checkbox"
        aria-label={`Select segment ${index + 1}`}
        checked={selected}
        onChange={(e) => onSelect(index, e.target.checked, false)}
        onClick={(e: MouseEvent<HTMLInputElement>) => {
          // Shift-click selects the run of rows from the last one clicked, as in a file list.
          if (e.shiftKey) {
            e.preventDefault();
            onSelect(index, !selected, true);
          }
        }}
        className="mt-1 shrink-0"
      />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
          {segment.codeIds.map((codeId) => (
            <span key={codeId} className="inline-flex items-center gap-1 font-medium text-slate-900 dark:text-slate-100">
              <span
                aria-hidden="true"
                className="inline-block h-3 w-3 rounded-sm border border-black/20"
                style={{ backgroundColor: names.code(codeId)?.colour }}
              />
              <span className="sr-only">Code: </span>
              {names.codeLabel(codeId)}
            </span>
          ))}
          <span id={`segment-${segment.key}-where`}>
            <span className="sr-only">Source: </span>
            <a
              href={sourceHref(project.entry.id, segment.sourceId)}
              className="text-blue-800 underline-offset-2 hover:underline dark:text-sky-300"
            >
              {names.sourceName(segment.sourceId)}
            </a>
            {speaker && <span className="text-slate-600 dark:text-slate-400"> · {speaker}</span>}
          </span>
          {cases.length > 0 && <span>Case: {cases.join(", ")}</span>}
          <span>
            Coded by{" "}
            {names.byCoderName(segment.coderIds).map((coderId, i) => (
              <span key={coderId}>
                {i > 0 && ", "}
                <abbr
                  title={names.coderLabel(coderId)}
                  data-coder-pattern={names.coderLook(coderId)?.pattern}
                  style={coderUnderline(names.coderLook(coderId))}
                >
                  {names.coder(coderId)?.initials ?? "?"}
                </abbr>
                <span className="sr-only"> ({names.coderName(coderId)})</span>
              </span>
            ))}
          </span>
          {date && <span>{date}</span>}
          <span className="tabular-nums text-slate-500 dark:text-slate-400">
            {number.format(segment.start)}–{number.format(segment.end)}
          </span>
        </div>
        <SegmentText load={load.status} context={context} />
        <div className="mt-1 flex gap-1">
          <Button
            variant="ghost"
            className="!px-2 !py-0.5 text-xs"
            aria-expanded={contextOpen}
            onClick={() => onToggleContext(segment.key)}
          >
            {contextOpen ? "Hide context" : "Show context"}
          </Button>
          <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => onOpenInSource(segment)}>
            Open in source
          </Button>
        </div>
      </div>
    </article>
  );
}

function SegmentText({ load, context }: { load: string; context: SegmentContext | null }) {
  if (!context) {
    return (
      <p className="mt-1 text-sm italic text-slate-600 dark:text-slate-400">
        {load === "loading" ? "Loading text…" : "The text of this source could not be read."}
      </p>
    );
  }
  const withContext = context.before !== "" || context.after !== "" || context.clippedBefore || context.clippedAfter;
  return (
    <p className="mt-1 whitespace-pre-wrap break-words text-sm leading-relaxed" data-segment-text="">
      {withContext && (
        <span className="text-slate-600 dark:text-slate-400">
          {context.clippedBefore && "… "}
          {context.before}
        </span>
      )}
      {withContext ? (
        <mark className="rounded-sm bg-amber-100 font-medium text-slate-950 underline decoration-amber-600 decoration-2 underline-offset-2 dark:bg-amber-900/60 dark:text-white">
          {context.text}
        </mark>
      ) : (
        context.text
      )}
      {withContext && (
        <span className="text-slate-600 dark:text-slate-400">
          {context.after}
          {context.clippedAfter && " …"}
        </span>
      )}
    </p>
  );
}
