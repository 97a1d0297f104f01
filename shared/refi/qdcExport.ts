/**
 * REFI-QDA codebook export: the code tree as a .qdc (<CodeBook xmlns="urn:QDA-XML:codebook:1.0">)
 * valid against Codebook-mrt2019.xsd, with hierarchy, colours, categories (isCodable="false") and
 * descriptions (definition, when to use, when not to use, example, as Margin writes them).
 */
import type { CodeRecord } from "../model/records";
import { writeCodeBook } from "./export";
import { codeForest } from "./exportPlan";
import { XmlLines } from "./xmlWrite";

export const CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0";

export interface QdcExportOptions {
  appVersion: string;
  /** Only these codes (and their parents, to keep their paths); all when absent. */
  codeIds?: readonly string[];
}

export interface QdcExport {
  xml: string;
  bytes: Uint8Array;
  codes: number;
  /** Characters XML cannot hold that were replaced with U+FFFD. */
  replaced: number;
}

export function exportQdc(codes: readonly CodeRecord[], options: QdcExportOptions): QdcExport {
  let keep: (c: CodeRecord) => boolean = () => true;
  if (options.codeIds) {
    const byId = new Map(codes.map((c) => [c.id, c]));
    const wanted = new Set<string>();
    for (const id of options.codeIds) {
      for (let c = byId.get(id); c && !wanted.has(c.id); c = c.parentId === null ? undefined : byId.get(c.parentId)) wanted.add(c.id);
    }
    keep = (c) => wanted.has(c.id);
  }
  const tree = codeForest(codes, keep);
  const count = (nodes: typeof tree): number => nodes.reduce((n, c) => n + 1 + count(c.children), 0);
  if (tree.length === 0) throw new Error("The codebook has no codes to export: a .qdc file must hold at least one code.");
  const out = new XmlLines();
  out.raw('<?xml version="1.0" encoding="utf-8"?>');
  out.open(0, "CodeBook", { xmlns: CODEBOOK_NAMESPACE, origin: `Margin ${options.appVersion}` });
  writeCodeBook(out, tree, 1, null);
  out.close(0, "CodeBook");
  const xml = out.join();
  return { xml, bytes: new TextEncoder().encode(xml), codes: count(tree), replaced: out.tally.replaced };
}
