/** Codebook report: the hierarchy with definitions, when to use / not to use, examples and counts. */
import { codeCounts } from "../coding/counts";
import { flattenTree } from "../coding/codeTree";
import type { ContentsEntry, ReportSection } from "./model";
import { codeSummary, type Lookups } from "./lookups";
import { reportCodes } from "./codeReport";
import { plural, type ReportPlan } from "./plan";

export async function planCodebook(l: Lookups): Promise<ReportPlan> {
  const codings = (await l.source.codings()).filter((c) => !c.deleted && l.sources.has(c.sourceId));
  const counts = codeCounts(l.codes, codings);
  const chosen = new Set(reportCodes(l).map((c) => c.id));
  const nodes = flattenTree(l.codes).filter((n) => chosen.has(n.code.id));
  const contents: ContentsEntry[] = nodes
    .filter((n) => n.depth <= 1)
    .map((n) => ({ id: `entry-${n.code.id}`, level: (n.depth === 0 ? 1 : 2) as 1 | 2, text: n.code.name }));
  function* sections(): Generator<ReportSection> {
    for (const n of nodes) yield { type: "codebookEntry", id: `entry-${n.code.id}`, code: codeSummary(l, n.code, counts, n.depth) };
  }
  const top = nodes.filter((n) => n.depth === 0).length;
  return {
    title: "Codebook",
    subtitle: `${plural(nodes.length, "code")} (${plural(top, "top-level code")}) · counts include sub-codes`,
    contents,
    total: nodes.length,
    legend: [],
    laneCount: 0,
    sections: sections(),
  };
}
