/**
 * Turning a plan and the researcher's choices into records to write. The join itself (plan.winners)
 * needs no new stamps; the choices do: picking a conflict's losing side, merging a clashing code into
 * the existing one, or keeping both (the incoming one renamed) are new edits by the merging coder,
 * stamped after everything in both projects so every other replica takes them too.
 */
import { planMerge as planCodeMerge } from "../coding/merge";
import { uniqueSiblingName } from "../coding/codeTree";
import type { CodeRecord, CodingRecord, MemoRecord, RecordMeta } from "../model/records";
import { PROJECT_TABLE_NAMES, type ProjectTables } from "../model/tables";
import { STAMPED_TABLES } from "./lww";
import { emptyCounts } from "./plan";
import type { AppliedMerge, ApplyContext, MergePlan, MergeResolutions, MergeSummary, StampedTableName } from "./types";

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
export function applyMergePlan(local: ProjectTables, plan: MergePlan, resolutions: MergeResolutions = {}, ctx?: ApplyContext): AppliedMerge {
  const ws = new Workspace(local);
  for (const t of PROJECT_TABLE_NAMES) for (const r of plan.winners[t]) ws.put(t, r);
  const needCtx = (why: string): ApplyContext => {
    if (!ctx) throw new Error(`Merging needs a clock to stamp ${why}.`);
    return ctx;
  };
  const restamp = <T extends RecordMeta>(r: T, why: string): T => {
    const c = needCtx(why);
    return { ...r, updatedAt: c.stamp(), updatedBy: c.coderId };
  };

  const summary: MergeSummary = {
    byTable: structuredCounts(plan),
    codesMerged: 0,
    codesRenamed: 0,
    conflictsKeptLocal: 0,
    conflictsTookIncoming: 0,
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

  for (const clash of plan.codeClashes) {
    const choice = resolutions.clashes?.[clash.incomingId] ?? "keep-both";
    const codes = ws.view("codes");
    const incomingCode = codes.find((c) => c.id === clash.incomingId);
    const localCode = codes.find((c) => c.id === clash.localId);
    if (!incomingCode || !localCode || incomingCode.deleted || localCode.deleted) continue;
    if (choice === "keep-both") {
      const name = uniqueSiblingName(codes, incomingCode.parentId, incomingCode.name, incomingCode.id);
      if (name !== incomingCode.name) {
        ws.put("codes", restamp({ ...incomingCode, name }, "a renamed code"));
        summary.codesRenamed++;
      }
      continue;
    }
    mergeCodeInto(ws, incomingCode, localCode, (r, why) => restamp(r, why));
    summary.codesMerged++;
  }

  return { puts: ws.result(), summary };
}

/** "Merge into existing": the shared code-merge rules (coding/merge.ts), written as stamped records. */
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
  ws.put("codes", restamp({ ...from, deleted: true }, "the merged code"));
  // Memos follow: on the merged code to the existing one, on joined codings to their survivor.
  for (const m of ws.view("memos") as MemoRecord[]) {
    if (m.deleted) continue;
    const target = m.targetKind === "code" && m.targetId === from.id ? into.id : m.targetKind === "coding" ? survivorOf.get(m.targetId) : undefined;
    if (target) ws.put("memos", restamp({ ...m, targetId: target }, "memos of merged codes"));
  }
}

function structuredCounts(plan: MergePlan): Record<StampedTableName, ReturnType<typeof emptyCounts>> {
  const out = {} as Record<StampedTableName, ReturnType<typeof emptyCounts>>;
  for (const t of STAMPED_TABLES) out[t] = { ...plan.preview.byTable[t] };
  return out;
}
