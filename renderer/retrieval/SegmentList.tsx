import { useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Segment } from "../../shared/retrieval/segments";
import type { OpenProject } from "../db/projects";
import type { RetrievalNames } from "./names";
import { SegmentRow } from "./SegmentRow";

/**
 * The segments, virtualised: only rows near the viewport are rendered (and so only their sources'
 * texts are read). Rows differ in height (a phrase or a whole turn), so each is measured once drawn.
 */
export function SegmentList({
  project,
  segments,
  setSize = segments.length,
  names,
  selected,
  openContext,
  showAllContext,
  onSelect,
  onToggleContext,
  onOpenInSource,
}: {
  project: OpenProject;
  segments: readonly Segment[];
  /** The whole list's length (-1: not known yet), when `segments` is only its first page. */
  setSize?: number;
  names: RetrievalNames;
  selected: ReadonlySet<string>;
  openContext: ReadonlySet<string>;
  showAllContext: boolean;
  onSelect: (index: number, on: boolean, extend: boolean) => void;
  onToggleContext: (key: string) => void;
  onOpenInSource: (segment: Segment) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: segments.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 120,
    overscan: 4,
    getItemKey: (i) => segments[i]?.key ?? i,
  });
  const items = virtualizer.getVirtualItems();

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto" tabIndex={-1}>
      <ul aria-label="Segments" className="relative w-full" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => {
          const segment = segments[item.index];
          if (!segment) return null;
          const contextOpen = openContext.has(segment.key) !== showAllContext;
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              aria-posinset={item.index + 1}
              aria-setsize={setSize}
              className="absolute left-0 top-0 w-full"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <SegmentRow
                project={project}
                segment={segment}
                index={item.index}
                names={names}
                selected={selected.has(segment.key)}
                contextOpen={contextOpen}
                onSelect={onSelect}
                onToggleContext={onToggleContext}
                onOpenInSource={onOpenInSource}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
