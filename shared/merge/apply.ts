/**
 * Turning a plan and the researcher's choices into records to write. The join itself (plan.winners)
 * needs no new stamps; the choices do: picking a conflict's losing side, merging two clashing codes
 * (the larger id into the smaller, leaving a redirect), or keeping both (the larger id renamed) are new
 * edits by the merging coder, stamped after everything in both projects so every other replica takes
 * them too. Then the result is settled (settle.ts): no live coding is left on a deleted code.
 */
import { planCodeMerge } from "../coding/codeMerge";
import { uniqueSiblingName } from "../coding/codeTree";
import type { CodeRecord, CodingRecord, MemoRecord, RecordMeta } from "../model/records";
import { PROJECT_TABLE_NAMES, type ProjectTables } from "../model/tables";
import { STAMPED_TABLES } from "./lww";
import { emptyCounts } from "./plan";
import { describeRepairs, mayNeedSettling, settleCodes, type SettleReport } from "./settle";
import type { AppliedMerge, ApplyContext, MergePlan, MergeResolutions, MergeSummary, StampedTableName } from "./types";
import { liveOrUndefined } from "../model/live";
import type { CodeId } from "../ids";

/** Records keyed by id per table: the puts being built, over the local project. */
class Workspace {
  readonly puts = new Map<keyof ProjectTables, Map<string, unknown>>();

  constructor(private readonly local: ProjectTables) {
    for (const t of PROJECT_TABLE_NAMES) this.puts.set(t, new Map());
  }

  put<T extends { id: string }>(table: keyof ProjectTables, record: T): void {
    this.puts.get(table)?.set(record.id, record);
  }

  unput(table: keyof ProjectTables, id: string): void {
    this.puts.get(table)?.delete(id);
  }

  /** The merged view of a table without copying it: local records (or their puts), then new puts. */
  *records<K extends keyof ProjectTables>(table: K): Generator<ProjectTables[K][number]> {
    const puts = this.puts.get(table) ?? new Map<string, unknown>();
    const local = this.local[table];
    for (const r of local) if (!puts.has(r.id)) yield r;
    for (const r of puts.values()) yield r as ProjectTables[K][number];
  }

  /** The merged view of a table: local records with the puts over them. */
  view<K extends keyof ProjectTables>(table: K): ProjectTables[K] {
    const byId = new Map<string, unknown>();
    for (const r of this.local[table]) byId.set(r.id, r);
    for (const [id, r] of this.puts.get(table) ?? []) byId.set(id, r);
    return [...byId.values()] as ProjectTables[K];
  }

  result(): ProjectTables {
    const out = {} as ProjectTables;
    for (const t of PROJECT_TABLE_NAMES) (out[t] as unknown[]) = [...(this.puts.get(t)?.values() ?? [])];
    return out;
  }
}

/** The records to write for a plan and the researcher's choices. Pure; deterministic given ctx.stamp. */
export function applyMergePlan(
  local: ProjectTables,
  plan: MergePlan,
  resolutions: MergeResolutions = {},
  ctx?: ApplyContext,
): AppliedMerge {
  const ws = new Workspace(local);
  for (const t of PROJECT_TABLE_NAMES) for (const r of plan.winners[t]) ws.put(t, r);
  // Settled before the choices too when the join can need it: a code it brings back can be in a clash.
  const codeById = new Map(local.codes.map((c) => [c.id, c]));
  for (const c of plan.winners.codes) codeById.set(c.id, c);
  const first = mayNeedSettling((id) => codeById.get(id), plan.winners) ? settle(ws) : NOTHING_SETTLED;
  const needCtx = (why: string): ApplyContext => {
    if (!ctx) throw new Error(`Merging needs a clock to stamp ${why}.`);
    return ctx;
  };
  const restamp = <T extends RecordMeta>(r: T, why: string): T => {
    const c = needCtx(why);
    // A new edit: a settled coding's `codedAs` (settle.ts) does not travel on with it.
    const { codedAs: _settledFrom, ...plain } = r as T & { codedAs?: string };
    return { ...(plain as T), updatedAt: c.stamp(), updatedBy: c.coderId };
  };

  const summary: MergeSummary = {
    byTable: structuredCounts(plan),
    codesMerged: 0,
    codesRenamed: 0,
    conflictsKeptLocal: 0,
    conflictsTookIncoming: 0,
    codingsRepointed: 0,
    repairs: [],
  };

  for (const conflict of plan.conflicts) {
    const choice = resolutions.conflicts?.[`${conflict.table}:${conflict.id}`] ?? conflict.winner;
    if (choice === "local") summary.conflictsKeptLocal++;
    else summary.conflictsTookIncoming++;
    if (choice === conflict.winner) continue;
    // The researcher overrules the last writer: their pick becomes a new edit that wins everywhere.
    const picked = (choice === "local" ? conflict.local : conflict.incoming) as unknown as RecordMeta;
    ws.put(conflict.table, restamp(picked, "the chosen side of a conflict"));
  }

  // One name can clash three or more ways (a code the join brought back, one of ours, one of theirs):
  // each group is decided as a whole, from its ids, so the result never depends on which clash is
  // taken first or on whose bundle is merged into whose.
  for (const group of clashGroups(plan, resolutions)) {
    const live = (id: CodeId) => liveCode(ws.view("codes"), id);
    const target = live(group.localId);
    if (!target) continue;
    const merging = uniqueLive([target, ...group.merge.map(live)]);
    const survivor = merging[0];
    for (const from of merging.slice(1)) {
      const into = survivor ? live(survivor.id) : undefined;
      const now = live(from.id);
      if (!into || !now || into.id === now.id) continue;
      mergeCodeInto(ws, now, into, (r, why) => restamp(r, why));
      summary.codesMerged++;
    }
    // Keep both: the smallest id keeps the name, the others take the first free numbers in id order.
    const kept = uniqueLive([survivor ? live(survivor.id) : undefined, ...group.keepBoth.map(live)]);
    for (const second of kept.slice(1)) {
      const codes = ws.view("codes");
      // Its live siblings, as roots: the code tree would not list children of a deleted parent.
      const siblings = codes.filter((c) => !c.deleted && c.parentId === second.parentId).map((c) => ({ ...c, parentId: null }));
      const name = uniqueSiblingName(siblings, null, second.name, second.id);
      if (name !== second.name) {
        ws.put("codes", restamp({ ...second, name }, "a renamed code"));
        summary.codesRenamed++;
      }
    }
  }

  // After the join and the choices: no live coding may be left on a deleted or missing code.
  const after = settle(ws);
  summary.codingsRepointed = first.codingsRepointed + after.codingsRepointed;
  summary.repairs = describeRepairs(mergeReports(first, after));

  return { puts: ws.result(), summary };
}

/**
 * Merging code `fromId` into `intoId` inside one project (the codebook's Merge), as stamped records to
 * put, with the redirect on the merged code. The app writes the same through renderer/db/codes.ts.
 */
export function applyCodeMerge(local: ProjectTables, fromId: string, intoId: string, ctx: ApplyContext): ProjectTables {
  const ws = new Workspace(local);
  const codes = ws.view("codes");
  const from = codes.find((c) => c.id === fromId && !c.deleted);
  const into = codes.find((c) => c.id === intoId && !c.deleted);
  if (from && into) {
    mergeCodeInto(ws, from, into, (r) => {
      const { codedAs: _settledFrom, ...plain } = r as typeof r & { codedAs?: string };
      return { ...(plain as typeof r), updatedAt: ctx.stamp(), updatedBy: ctx.coderId };
    });
  }
  return ws.result();
}

/** "Merge into existing": the shared code-merge rules (shared/coding/codeMerge.ts), written as stamped records. */
function mergeCodeInto(ws: Workspace, from: CodeRecord, into: CodeRecord, restamp: <T extends RecordMeta>(r: T, why: string) => T): void {
  const codes = ws.view("codes");
  const codings = ws.view("codings");
  const result = planCodeMerge(codes, codings, from.id, into.id);
  if (!result.ok) return;
  const plan = result.plan;
  const byId = new Map<string, CodingRecord>(codings.map((c) => [c.id, c]));
  for (const rw of plan.rewrites) {
    const c = byId.get(rw.id);
    if (c) ws.put("codings", restamp({ ...c, codeId: rw.codeId, start: rw.start, end: rw.end, note: rw.note }, "moved codings"));
  }
  const survivorOf = new Map(plan.removed.map((r) => [r.id, r.survivorId]));
  for (const r of plan.removed) {
    const c = byId.get(r.id);
    if (c) ws.put("codings", restamp({ ...c, deleted: true }, "joined codings"));
  }
  const codeById = new Map(codes.map((c) => [c.id, c]));
  const renamed = new Map(plan.renamed.map((r) => [r.id, r.name]));
  for (const p of plan.reparented) {
    const c = codeById.get(p.id);
    if (c) ws.put("codes", restamp({ ...c, parentId: p.parentId, order: p.order, name: renamed.get(p.id) ?? c.name }, "moved codes"));
  }
  ws.put("codes", restamp({ ...into, description: plan.description }, "the merged code"));
  ws.put("codes", restamp({ ...from, deleted: true, mergedInto: into.id }, "the merged code"));
  // Memos follow: on the merged code to the existing one, on joined codings to their survivor.
  for (const m of ws.view("memos") as MemoRecord[]) {
    if (m.deleted) continue;
    const target =
      m.targetKind === "code" && m.targetId === from.id ? into.id : m.targetKind === "coding" ? survivorOf.get(m.targetId) : undefined;
    if (target) ws.put("memos", restamp({ ...m, targetId: target }, "memos of merged codes"));
  }
}

interface ClashGroup {
  localId: CodeId;
  merge: CodeId[];
  keepBoth: CodeId[];
}

/** The plan's clashes by the code they clash with, each arriving code under its chosen resolution. */
function clashGroups(plan: MergePlan, resolutions: MergeResolutions): ClashGroup[] {
  const groups = new Map<CodeId, ClashGroup>();
  for (const clash of plan.codeClashes) {
    let group = groups.get(clash.localId);
    if (!group) groups.set(clash.localId, (group = { localId: clash.localId, merge: [], keepBoth: [] }));
    const choice = resolutions.clashes?.[clash.incomingId] ?? "keep-both";
    (choice === "merge" ? group.merge : group.keepBoth).push(clash.incomingId);
  }
  return [...groups.values()];
}

/** The live code an id stands for now: itself, or where a merge in this session redirected it. */
function liveCode(codes: readonly CodeRecord[], id: CodeId): CodeRecord | undefined {
  const byId = new Map(codes.map((c) => [c.id, c]));
  let code = byId.get(id);
  for (let hops = 0; code && code.deleted && code.mergedInto !== undefined && hops < codes.length; hops++) code = byId.get(code.mergedInto);
  return liveOrUndefined(code);
}

/** Distinct live codes, smallest id first. */
function uniqueLive(codes: readonly (CodeRecord | undefined)[]): CodeRecord[] {
  const byId = new Map<string, CodeRecord>();
  for (const c of codes) if (c) byId.set(c.id, c);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Puts the settled versions of the workspace's codes and codings (settle.ts); returns what it did. */
const NOTHING_SETTLED: SettleReport = { codingsRepointed: 0, codesRestored: [], codesRecovered: [], codesDeletedAgain: [] };

/** Settles the whole merged project: also the check that repairs old data (a full pass, no copies). */
function settle(ws: Workspace): SettleReport {
  const settled = settleCodes({ codes: ws.records("codes"), codings: ws.records("codings") });
  for (const c of settled.codes) ws.put("codes", c);
  for (const c of settled.codings) ws.put("codings", c);
  return settled.report;
}

function mergeReports(a: SettleReport, b: SettleReport): SettleReport {
  const restored = new Map([...a.codesRestored, ...b.codesRestored].map((c) => [c.id, c]));
  const recovered = new Map([...a.codesRecovered, ...b.codesRecovered].map((c) => [c.id, c]));
  const again = new Map([...a.codesDeletedAgain, ...b.codesDeletedAgain].map((c) => [c.id, c]));
  return {
    codingsRepointed: a.codingsRepointed + b.codingsRepointed,
    codesRestored: [...restored.values()],
    codesRecovered: [...recovered.values()],
    codesDeletedAgain: [...again.values()],
  };
}

function structuredCounts(plan: MergePlan): Record<StampedTableName, ReturnType<typeof emptyCounts>> {
  const out = {} as Record<StampedTableName, ReturnType<typeof emptyCounts>>;
  for (const t of STAMPED_TABLES) out[t] = { ...plan.preview.byTable[t] };
  return out;
}
