import { useMemo, type ReactNode } from "react";
import type { InlineNode, ListBlock, MemoBlock, TextRun } from "../../shared/memos/ast";
import { parseMemo } from "../../shared/memos/parse";
import { MemoLink } from "./MemoLink";

/**
 * A memo as formatted text, drawn by React from the parsed tree: no HTML from the memo ever reaches
 * the page, and only margin: links become links (web addresses stay plain text: the laptops are offline).
 */
export function MemoPreview({ body }: { body: string }) {
  const doc = useMemo(() => parseMemo(body), [body]);
  if (doc.blocks.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Nothing written yet.</p>;
  return (
    <div className="flex flex-col gap-2 text-sm leading-relaxed">
      {doc.blocks.map((block, i) => (
        <Block key={i} block={block} />
      ))}
    </div>
  );
}

/** The page already has h1 (project) and h2 (view or dialog): memo headings start at h3. */
function Block({ block }: { block: MemoBlock }) {
  switch (block.type) {
    case "heading": {
      const content = <Inlines nodes={block.children} />;
      if (block.level === 1) return <h3 className="mt-2 text-lg font-semibold">{content}</h3>;
      if (block.level === 2) return <h4 className="mt-1 text-base font-semibold">{content}</h4>;
      return <h5 className="text-sm font-semibold">{content}</h5>;
    }
    case "paragraph":
      return <p>{<Inlines nodes={block.children} />}</p>;
    case "list":
      return <List list={block} />;
  }
}

function List({ list }: { list: ListBlock }) {
  const items = list.items.map((item, i) => (
    <li key={i}>
      <Inlines nodes={item.children} />
      {item.sublists.map((sub, j) => (
        <List key={j} list={sub} />
      ))}
    </li>
  ));
  return list.ordered ? (
    <ol start={list.start} className="list-decimal pl-6">
      {items}
    </ol>
  ) : (
    <ul className="list-disc pl-6">{items}</ul>
  );
}

function Run({ run }: { run: TextRun }) {
  let content: ReactNode = run.text;
  if (run.italic) content = <em>{content}</em>;
  if (run.bold) content = <strong>{content}</strong>;
  return content;
}

function Inlines({ nodes }: { nodes: readonly InlineNode[] }) {
  return nodes.map((node, i) => {
    if (node.type === "text") return <Run key={i} run={node} />;
    if (node.type === "break") return <br key={i} />;
    const label = node.children.map((run, j) => <Run key={j} run={run} />);
    if (node.target) {
      return (
        <MemoLink key={i} target={node.target}>
          {node.children.length ? label : null}
        </MemoLink>
      );
    }
    // Not a link inside the project: the words and the address, as text.
    return (
      <span key={i}>
        {label}
        {node.children.length ? " " : ""}
        <span className="text-slate-600 dark:text-slate-400">({node.href})</span>
      </span>
    );
  });
}
