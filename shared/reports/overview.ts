/**
 * Overview: how much was coded where. Codings per code (bar chart), code × source, code × case
 * attribute value and code × case (heatmaps), and coder contributions. Counts are codings; a code's
 * row counts its own codings (sub-codes have their own rows).
 */
import type { CodingRecord, SourceRecord } from "../model/records";
import { codeCounts } from "../coding/counts";
import type { ContentsEntry, ReportSection, TableSection } from "./model";
import { casesOfSource, coderLabel, collator, formatValue, sourceFilter, type Lookups } from "./lookups";
import { reportCodes } from "./codeReport";
import { plural, type ReportPlan } from "./plan";
import type { CodeId } from "../ids";

/** Wider tables do not fit a printed page: keep the busiest columns and say so in the caption. */
export const MAX_COLUMNS = 30;

export async function planOverview(l: Lookups): Promise<ReportPlan> {
  const codes = reportCodes(l);
  const inReport = new Set(codes.map((c) => c.id));
  const passes = sourceFilter(l);
  const codings = (await l.source.codings()).filter((c) => !c.deleted && inReport.has(c.codeId) && passes(c.sourceId));
  const counts = codeCounts(l.codes, codings);
  const rowOf = new Map(codes.map((c, i) => [c.id, i]));
  const rowLabels = codes.map((c) => pathOf(l, c.id));

  const tables: TableSection[] = [];
  tables.push({
    type: "table",
    id: "codes",
    title: "Codings per code",
    caption: `${plural(codings.length, "coding")} of ${plural(codes.length, "code")}.`,
    rowHeader: "Code",
    columns: ["Codings", "Sources"],
    rows: codes.map((c, i) => ({ label: rowLabels[i] ?? "", values: [counts.get(c.id)?.codings ?? 0, counts.get(c.id)?.sources ?? 0] })),
    chart: l.options.includeCharts ? { kind: "bar", column: 0 } : null,
  });

  const matrix = (
    id: string,
    title: string,
    what: string,
    columns: { key: string; label: string }[],
    keysOf: (c: CodingRecord) => readonly string[],
  ) => {
    const col = new Map(columns.map((c, i) => [c.key, i]));
    const values = codes.map(() => new Array<number>(columns.length).fill(0));
    for (const c of codings) {
      const r = rowOf.get(c.codeId);
      if (r === undefined) continue;
      for (const k of keysOf(c)) {
        const j = col.get(k);
        if (j !== undefined) (values[r] as number[])[j] = ((values[r] as number[])[j] ?? 0) + 1;
      }
    }
    // Keep the busiest columns when there are too many to print.
    const totals = columns.map((_, j) => values.reduce((sum, row) => sum + (row[j] ?? 0), 0));
    let keep = columns.map((_, j) => j);
    if (columns.length > MAX_COLUMNS)
      keep = [...keep]
        .sort((a, b) => (totals[b] ?? 0) - (totals[a] ?? 0))
        .slice(0, MAX_COLUMNS)
        .sort((a, b) => a - b);
    const clipped = columns.length > keep.length ? ` Showing the ${keep.length} ${what} with the most codings of ${columns.length}.` : "";
    tables.push({
      type: "table",
      id,
      title,
      caption: `Codings of each code in each ${what.replace(/s$/, "")}.${clipped}`,
      rowHeader: "Code",
      columns: keep.map((j) => columns[j]?.label ?? ""),
      rows: codes.map((_, i) => ({ label: rowLabels[i] ?? "", values: keep.map((j) => values[i]?.[j] ?? 0) })),
      chart: l.options.includeCharts ? { kind: "heatmap" } : null,
    });
  };

  const coded = new Set(codings.map((c) => c.sourceId));
  const usedSources = l.sourceList.filter((s) => coded.has(s.id) || l.options.sourceIds.includes(s.id));
  matrix(
    "by-source",
    "Code frequencies by source",
    "sources",
    usedSources.map((s) => ({ key: s.id, label: s.name })),
    (c) => [c.sourceId],
  );

  const casesOf = new Map<string, string[]>();
  for (const s of l.sources.values())
    casesOf.set(
      s.id,
      casesOfSource(l, s as SourceRecord).map((k) => k.id),
    );
  const attributes = l.options.attributeIds.length > 0 ? l.attributes.filter((a) => l.options.attributeIds.includes(a.id)) : l.attributes;
  for (const a of attributes) {
    const valuesSeen = new Set<string>();
    for (const k of l.cases.values()) {
      const v = formatValue(k.values[a.id]);
      if (v !== "") valuesSeen.add(v);
    }
    const ordered =
      a.type === "category"
        ? [...a.options.filter((o) => valuesSeen.has(o)), ...[...valuesSeen].filter((v) => !a.options.includes(v))]
        : [...valuesSeen].sort(collator.compare);
    matrix(
      `by-attribute-${a.id}`,
      `Code frequencies by ${a.name}`,
      `${a.name} values`,
      ordered.map((v) => ({ key: v, label: v })),
      (c) => [...new Set((casesOf.get(c.sourceId) ?? []).map((k) => formatValue(l.cases.get(k)?.values[a.id])).filter((v) => v !== ""))],
    );
  }

  const cases = [...l.cases.values()]
    .filter((k) => l.options.caseIds.length === 0 || l.options.caseIds.includes(k.id))
    .sort((a, b) => collator.compare(a.name, b.name));
  if (cases.length > 0)
    matrix(
      "by-case",
      "Codes × cases",
      "cases",
      cases.map((k) => ({ key: k.id, label: k.name })),
      (c) => casesOf.get(c.sourceId) ?? [],
    );

  const coderIds = [...new Set(codings.map((c) => c.coderId))].sort((a, b) =>
    collator.compare(coderLabel(l, a).label, coderLabel(l, b).label),
  );
  matrix(
    "by-coder",
    "Coder contributions",
    "coders",
    coderIds.map((id) => ({ key: id, label: coderLabel(l, id).label })),
    (c) => [c.coderId],
  );
  const coderTable = tables[tables.length - 1];
  if (coderTable) {
    coderTable.chart = null;
    coderTable.caption = "Codings each coder made of each code.";
  }

  const contents: ContentsEntry[] = tables.map((t) => ({ id: t.id, level: 1, text: t.title }));
  return {
    title: "Coding overview",
    subtitle: `${plural(codes.length, "code")} · ${plural(usedSources.length, "source")} · ${plural(codings.length, "coding")}`,
    contents,
    total: tables.length,
    legend: [],
    laneCount: 0,
    sections: tables as ReportSection[],
  };
}

function pathOf(l: Lookups, id: CodeId): string {
  const names: string[] = [];
  for (let at: CodeId | null = id; at !== null; at = l.codes.parentOf.get(at) ?? null) names.push(l.codes.byId.get(at)?.name ?? "");
  return names.reverse().join("/");
}
