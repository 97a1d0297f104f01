import { useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { MemoRow } from "../db/memos";
import { stampTime } from "../audit/describeEntry";
import { MemoTargetLink } from "./MemoTargetLink";
import { formatDate } from "../../shared/text/dates";

const ROW_HEIGHT = 76;

/** The memos, virtualised (5,000 at seed scale): title, what it is linked to, author, last change. */
export function MemoList({ rows, openId, onOpen }: { rows: MemoRow[]; openId: string | null; onOpen: (row: MemoRow) => void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto" data-testid="memo-list-scroller">
      <ul aria-label="Memos found" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const { memo } = row;
          const current = memo.id === openId;
          const changed = stampTime(memo.updatedAt);
          return (
            <li
              key={memo.id}
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              className={`absolute inset-x-0 flex flex-col justify-center gap-0.5 border-b border-slate-200 px-3 dark:border-slate-800 ${
                current
                  ? "border-l-4 border-l-blue-700 bg-blue-50 dark:border-l-sky-400 dark:bg-sky-950/40"
                  : "border-l-4 border-l-transparent"
              }`}
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              <button
                type="button"
                aria-current={current ? "true" : undefined}
                onClick={() => onOpen(row)}
                className="truncate text-left text-sm font-semibold text-slate-900 hover:underline dark:text-slate-100"
              >
                {memo.title.trim() || "Untitled memo"}
              </button>
              <span className="flex min-w-0 text-xs text-slate-700 dark:text-slate-300">
                <MemoTargetLink target={row.target} />
              </span>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {row.author ? (
                  <>
                    <span aria-hidden="true">{row.author.initials}</span>
                    <span className="sr-only">By {row.author.name},</span>
                    <span aria-hidden="true"> · </span>
                  </>
                ) : null}
                <span className="sr-only">changed </span>
                <time dateTime={changed.toISOString()}>{formatDate(changed, "dateTime")}</time>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
