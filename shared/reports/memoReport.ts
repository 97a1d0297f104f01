/** Memos report: all or chosen memos, each with what it is linked to, grouped by what they are about. */
import type { MemoRecord, MemoTargetKind } from "../model/records";
import { codePath } from "../coding/codeTree";
import type { ContentsEntry, ReportSection } from "./model";
import { ReportError } from "./model";
import { collator, ContentCache, reportMemo, type Lookups } from "./lookups";
import { locate } from "./location";
import { plural, type ReportPlan } from "./plan";
import { isLive } from "../model/live";

const KIND_ORDER: readonly MemoTargetKind[] = ["project", "code", "source", "case", "coding"];

export async function planMemos(l: Lookups): Promise<ReportPlan> {
  const chosen = l.options.memoIds;
  for (const id of chosen)
    if (!l.memos.some((m) => m.id === id)) throw new ReportError(`The memo “${id}” is not in this project (it may have been deleted).`);
  const memos = (chosen.length > 0 ? l.memos.filter((m) => chosen.includes(m.id)) : [...l.memos]).filter(
    (m) => m.title.trim() !== "" || m.body.trim() !== "",
  );

  // Coding memos name the coding's code and place; those codings are read once.
  const codingIds = memos.filter((m) => m.targetKind === "coding").map((m) => m.targetId);
  const codings = codingIds.length > 0 ? new Map((await l.source.codings()).filter(isLive).map((c) => [c.id, c])) : new Map();
  const cache = new ContentCache(l.source, 8);
  const targets = new Map<string, string>();
  for (const m of memos) targets.set(m.id, await targetLabel(m));

  async function targetLabel(m: MemoRecord): Promise<string> {
    switch (m.targetKind) {
      case "project":
        return "Project";
      case "code":
        return l.codes.byId.has(m.targetId) ? `Code: ${codePath(l.codes, m.targetId)}` : "Code (deleted)";
      case "source":
        return `Source: ${l.sources.get(m.targetId)?.name ?? "(deleted)"}`;
      case "case":
        return `Case: ${l.cases.get(m.targetId)?.name ?? "(deleted)"}`;
      case "coding": {
        const c = codings.get(m.targetId);
        const s = c ? l.sources.get(c.sourceId) : undefined;
        if (!c || !s) return "Coding (deleted)";
        const t = await cache.get(c.sourceId);
        const where = t ? locate(t.blocks, t.turns, c.start, c.end).label : `characters ${c.start}–${c.end}`;
        return `Coding of ${codePath(l.codes, c.codeId)} in ${s.name} (${where})`;
      }
    }
  }

  const sorted = memos.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.targetKind) - KIND_ORDER.indexOf(b.targetKind) ||
      collator.compare(targets.get(a.id) ?? "", targets.get(b.id) ?? "") ||
      collator.compare(a.title, b.title),
  );
  const titleOf = (m: MemoRecord) => m.title.trim() || "Untitled memo";
  const contents: ContentsEntry[] = sorted.map((m) => ({ id: `memo-${m.id}`, level: 1, text: titleOf(m) }));
  function* sections(): Generator<ReportSection> {
    for (const m of sorted) {
      const memo = reportMemo(l, m);
      yield {
        type: "memo",
        id: `memo-${m.id}`,
        memo: { ...memo, title: titleOf(m) },
        targetKind: m.targetKind,
        target: targets.get(m.id) ?? "",
      };
    }
  }
  return {
    title: "Memos",
    subtitle: chosen.length > 0 ? `${plural(sorted.length, "chosen memo")}` : `All ${plural(sorted.length, "memo")}`,
    contents,
    total: sorted.length,
    legend: [],
    laneCount: 0,
    sections: sections(),
  };
}
