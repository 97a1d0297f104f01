import { useMemo } from "react";
import { indexCodes, pathNames } from "../../shared/coding/codeTree";
import { formatCodePath } from "../../shared/codebook/path";
import { coderLooks, type CoderLook } from "../../shared/coding/coderLooks";
import type { CaseRecord, CodeRecord, CoderRecord, SourceRecord } from "../../shared/model/records";
import type { SortNames } from "../../shared/retrieval/segments";
import type { RetrievalLookups } from "../db/retrieval";

/** How the coded-segments view names codes, sources, cases and coders: built once per data change. */
export interface RetrievalNames extends SortNames {
  code(id: string): CodeRecord | undefined;
  source(id: string): SourceRecord | undefined;
  coder(id: string): CoderRecord | undefined;
  /** The coder's colour and underline pattern, distinct from every other coder's. */
  coderLook(id: string): CoderLook | undefined;
  /** "Technology / Usability", for reading. */
  codeLabel(id: string): string;
  /** "Technology/Usability", as codebook files write paths. */
  codePath(id: string): string;
  caseNames(sourceId: string): string[];
  /** "Amira Patel (AP)". */
  coderLabel(id: string): string;
  /** Coder ids in name order, so a row and its export list coders the same way. */
  byCoderName(ids: readonly string[]): string[];
  sourcesById: ReadonlyMap<string, SourceRecord>;
  cases: readonly CaseRecord[];
}

export function useRetrievalNames(lookups: RetrievalLookups | undefined): RetrievalNames | undefined {
  return useMemo(() => (lookups ? retrievalNames(lookups) : undefined), [lookups]);
}

export function retrievalNames({ codes, sources, cases, coders }: RetrievalLookups): RetrievalNames {
  const index = indexCodes(codes);
  const sourcesById = new Map(sources.map((s) => [s.id, s]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const coderById = new Map(coders.map((c) => [c.id, c]));
  const looks = coderLooks(coders);
  const labels = new Map<string, string>();
  const codeLabel = (id: string) => {
    let label = labels.get(id);
    if (label === undefined) {
      label = pathNames(index, id).join(" / ") || "(deleted code)";
      labels.set(id, label);
    }
    return label;
  };
  return {
    code: (id) => index.byId.get(id),
    source: (id) => sourcesById.get(id),
    coder: (id) => coderById.get(id),
    coderLook: (id) => looks.get(id),
    codeLabel,
    codePath: (id) => formatCodePath(pathNames(index, id)),
    sourceName: (id) => sourcesById.get(id)?.name ?? "(deleted source)",
    caseNames: (sourceId) => (sourcesById.get(sourceId)?.caseIds ?? []).flatMap((c) => caseById.get(c)?.name ?? []),
    coderName: (id) => coderById.get(id)?.name ?? "Unknown coder",
    coderLabel: (id) => {
      const coder = coderById.get(id);
      return coder ? `${coder.name} (${coder.initials})` : "Unknown coder";
    },
    byCoderName: (ids) => [...ids].sort((a, b) => (coderById.get(a)?.name ?? "").localeCompare(coderById.get(b)?.name ?? "")),
    sourcesById,
    cases,
  };
}
