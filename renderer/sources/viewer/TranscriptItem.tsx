import { memo, type ReactNode } from "react";
import type { Block } from "../../../shared/import/types";
import { BOLD, ITALIC, LABEL, TIMESTAMP, inlineRuns, type Decoration, type ViewItem } from "../../../shared/text/layout";

/** What every row of the transcript needs; one object per source so rows can be memoised. */
export interface RenderContext {
  text: string;
  blocks: readonly Block[];
  decorations: readonly Decoration[];
  listNumbers: Int32Array;
  /** Offsets where a speaker's turn begins: those blocks get a little space above. */
  turnStarts: ReadonlySet<number>;
  paragraphNumbers: boolean;
}

function runClass(flags: number): string {
  const classes: string[] = [];
  if (flags & BOLD) classes.push("font-bold");
  if (flags & ITALIC) classes.push("italic");
  if (flags & TIMESTAMP) classes.push("font-normal text-slate-600 tabular-nums dark:text-slate-400");
  else if (flags & LABEL) classes.push("font-semibold text-indigo-800 dark:text-indigo-300");
  return classes.join(" ");
}

/** The block's text as spans; each carries data-offset, its start in the source text. */
function Runs({ ctx, block }: { ctx: RenderContext; block: Block }) {
  if (block.end === block.start) return <br data-ui="" aria-hidden="true" />;
  return inlineRuns(ctx.decorations, block.start, block.end).map((run) => (
    <span key={run.start} data-offset={run.start} className={runClass(run.flags) || undefined}>
      {ctx.text.slice(run.start, run.end)}
    </span>
  ));
}

/**
 * UI-only paragraph number, excluded from selections and from screen readers. In the left margin,
 * except inside tables, where the cells of a row share a line and the numbers go before the text.
 */
function ParagraphNumber({ index, inline }: { index: number; inline: boolean }) {
  const place = inline ? "mr-1.5 align-[0.1em]" : "absolute -left-14 w-11 pt-[0.2em] text-right";
  return (
    <span data-ui="" aria-hidden="true" className={`${place} select-none text-xs tabular-nums text-slate-500 dark:text-slate-400`}>
      {index + 1}
    </span>
  );
}

const HEADING_CLASS: Record<number, string> = {
  3: "text-[1.35em] font-semibold leading-snug",
  4: "text-[1.2em] font-semibold leading-snug",
  5: "text-[1.05em] font-semibold",
  6: "font-semibold italic",
};

type BlockTag = "p" | "div" | "li" | "h3" | "h4" | "h5" | "h6";

/** One block element: data-block-start/end tie it to the text (see selectionMapping.ts). */
function BlockElement({
  ctx,
  index,
  as,
  className = "",
  value,
  children,
}: {
  ctx: RenderContext;
  index: number;
  as: BlockTag;
  className?: string;
  value?: number;
  children?: ReactNode;
}) {
  const block = ctx.blocks[index] as Block;
  const Tag = as;
  return (
    <Tag data-block-start={block.start} data-block-end={block.end} data-block-index={index} className={className} value={value}>
      {ctx.paragraphNumbers && <ParagraphNumber index={index} inline={block.table !== undefined} />}
      {children}
      <Runs ctx={ctx} block={block} />
    </Tag>
  );
}

/** Headings sit two levels below the page's own h1 (project) and h2 (source name). */
function headingTag(block: Block): BlockTag {
  const level = Math.min(6, Math.max(3, (block.level ?? 1) + 2));
  return `h${level}` as BlockTag;
}

function SingleBlock({ ctx, index }: { ctx: RenderContext; index: number }) {
  const block = ctx.blocks[index] as Block;
  if (block.kind === "heading") {
    const tag = headingTag(block);
    return <BlockElement ctx={ctx} index={index} as={tag} className={`pt-3 ${HEADING_CLASS[Number(tag.slice(1))] ?? ""}`} />;
  }
  return <BlockElement ctx={ctx} index={index} as="p" className={ctx.turnStarts.has(block.start) ? "pt-2" : ""} />;
}

const BULLETS = ["list-disc", "list-[circle]", "list-[square]"];

/** Consecutive list items as real lists: numbered runs in <ol> (with their numbers), bulleted runs in <ul>. */
function ListItems({ ctx, first, last }: { ctx: RenderContext; first: number; last: number }) {
  const groups: { ordered: boolean; indexes: number[] }[] = [];
  for (let i = first; i <= last; i++) {
    const ordered = ctx.blocks[i]?.ordered === true;
    const group = groups[groups.length - 1];
    if (group && group.ordered === ordered) group.indexes.push(i);
    else groups.push({ ordered, indexes: [i] });
  }
  return groups.map(({ ordered, indexes }) => {
    const items = indexes.map((i) => {
      const level = Math.min(8, ctx.blocks[i]?.level ?? 0);
      return (
        <BlockElement
          key={i}
          ctx={ctx}
          index={i}
          as="li"
          value={ordered ? ctx.listNumbers[i] : undefined}
          className={`pl-1 pb-1 ${ordered ? "" : (BULLETS[level % BULLETS.length] ?? "")} ${LEVEL_INDENT[level] ?? ""}`}
        />
      );
    });
    const key = indexes[0];
    return ordered ? (
      <ol key={key} className="list-decimal pl-7">
        {items}
      </ol>
    ) : (
      <ul key={key} className="pl-7">
        {items}
      </ul>
    );
  });
}

const LEVEL_INDENT = ["", "ml-6", "ml-12", "ml-18", "ml-24", "ml-30", "ml-36", "ml-42", "ml-48"];

function cellBlockTag(block: Block): BlockTag {
  return block.kind === "heading" ? headingTag(block) : "div";
}

/** A chunk of table rows. Every chunk of a table shares the same column widths so columns line up. */
function TableRows({ ctx, item }: { ctx: RenderContext; item: Extract<ViewItem, { kind: "table" }> }) {
  const { table } = item;
  return (
    <table className="w-full table-fixed border-collapse text-[0.95em]">
      <colgroup>
        {table.widths.map((width, c) => (
          <col key={c} style={{ width: `${width}%` }} />
        ))}
      </colgroup>
      <tbody>
        {table.rows.map(({ row, cells }) => (
          <tr key={row}>
            {cells.map((cell) => (
              <td key={cell.column} colSpan={cell.colSpan} className="border border-slate-300 px-2 py-1 align-top dark:border-slate-600">
                {cell.blocks.map((b) => {
                  const block = ctx.blocks[b] as Block;
                  const bullet = block.kind === "listItem" && (
                    <span data-ui="" aria-hidden="true" className="mr-1.5 select-none text-slate-500 dark:text-slate-400">
                      {block.ordered ? `${ctx.listNumbers[b]}.` : "•"}
                    </span>
                  );
                  return (
                    <BlockElement key={b} ctx={ctx} index={b} as={cellBlockTag(block)} className="pb-1 last:pb-0">
                      {bullet}
                    </BlockElement>
                  );
                })}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One row of the virtual list. Memoised: scrolling re-renders the list, not the rows already shown. */
export const TranscriptItem = memo(function TranscriptItem({ ctx, item }: { ctx: RenderContext; item: ViewItem }) {
  if (item.kind === "table") return <TableRows ctx={ctx} item={item} />;
  if (item.kind === "list") return <ListItems ctx={ctx} first={item.first} last={item.last} />;
  return <SingleBlock ctx={ctx} index={item.first} />;
});
