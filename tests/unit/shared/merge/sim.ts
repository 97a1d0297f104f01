/**
 * A small simulator of replicas (coders on separate laptops) for the merge property tests: each has its
 * own HLC and makes random edits, codings, deletions and source imports; exchanges are plain joins.
 */
import fc from "fast-check";
import { HybridLogicalClock } from "../../../../shared/clock/hlc";
import { nameKey } from "../../../../shared/coding/codeTree";
import {
  applyCodeMerge,
  applyMergePlan,
  joinTables,
  overlay,
  planMerge,
  stableStringify,
  type ClashResolution,
} from "../../../../shared/merge";
import type { CodeRecord, CodingRecord, MemoRecord, SourceRecord } from "../../../../shared/model/records";
import { emptyProjectTables, PROJECT_TABLE_NAMES, type ProjectTables } from "../../../../shared/model/tables";

export const TEXTS = ["alpha beta gamma delta", "one two three four five", "red green blue", "north south east west"];
// "Trust" and "trust " clash (names compare without case and outer spaces): code clashes are frequent.
const NAMES = ["Trust", "Workload", "Handover", "Safety", "trust ", "Trust (2)"];

export interface Replica {
  name: string;
  clock: HybridLogicalClock;
  tables: ProjectTables;
  seq: number;
}

export type Op =
  | { kind: "addSource"; r: number; text: number }
  | { kind: "addCode"; r: number; name: number; parent: number }
  | { kind: "renameCode"; r: number; pick: number; name: number }
  | { kind: "addCoding"; r: number; source: number; code: number; start: number; len: number }
  | { kind: "editCoding"; r: number; pick: number; note: number }
  | { kind: "delete"; r: number; table: "codes" | "codings" | "sources" | "memos"; pick: number }
  | { kind: "restore"; r: number; table: "codes" | "codings"; pick: number }
  | { kind: "addMemo"; r: number; source: number; body: number }
  | { kind: "mergeCode"; r: number; from: number; into: number }
  | { kind: "exchange"; from: number; to: number; clash?: ClashResolution };

const r = fc.nat(2);
const addCodingArb = fc.record({
  kind: fc.constant("addCoding" as const),
  r,
  source: fc.nat(10),
  code: fc.nat(10),
  start: fc.nat(15),
  len: fc.integer({ min: 1, max: 6 }),
});
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("addSource" as const), r, text: fc.nat(TEXTS.length - 1) }),
  fc.record({ kind: fc.constant("addCode" as const), r, name: fc.nat(NAMES.length - 1), parent: fc.nat(5) }),
  fc.record({ kind: fc.constant("renameCode" as const), r, pick: fc.nat(20), name: fc.nat(NAMES.length - 1) }),
  // Twice: adding a coding is drawn twice as often as each other operation.
  addCodingArb,
  addCodingArb,
  fc.record({ kind: fc.constant("editCoding" as const), r, pick: fc.nat(30), note: fc.nat(3) }),
  fc.record({
    kind: fc.constant("delete" as const),
    r,
    table: fc.constantFrom("codes" as const, "codings" as const, "sources" as const, "memos" as const),
    pick: fc.nat(30),
  }),
  fc.record({ kind: fc.constant("restore" as const), r, table: fc.constantFrom("codes" as const, "codings" as const), pick: fc.nat(30) }),
  fc.record({ kind: fc.constant("addMemo" as const), r, source: fc.nat(10), body: fc.nat(3) }),
  fc.record({ kind: fc.constant("mergeCode" as const), r, from: fc.nat(20), into: fc.nat(20) }),
  fc.record({ kind: fc.constant("exchange" as const), from: r, to: r }),
  // The researcher importing the bundle resolves every code clash one way or the other.
  fc.record({ kind: fc.constant("exchange" as const), from: r, to: r, clash: fc.constantFrom("merge" as const, "keep-both" as const) }),
);

export function makeReplicas(): Replica[] {
  // A shared wall clock that moves on a little with every event; each replica has its own HLC node.
  let now = 1_790_000_000_000;
  const tick = () => (now += 7);
  return ["ra", "rb", "rc"].map((name) => ({ name, clock: new HybridLogicalClock(name, tick), tables: emptyProjectTables(), seq: 0 }));
}

function meta(rep: Replica) {
  rep.seq++;
  return {
    id: `${rep.name}-${rep.seq}`,
    createdAt: "2026-11-26T10:00:00.000Z",
    updatedAt: rep.clock.tick(),
    updatedBy: `coder-${rep.name}`,
    deleted: false,
  };
}

function touch<T extends { updatedAt: string; updatedBy: string }>(rep: Replica, rec: T, change: Partial<T>): T {
  // As the app's writer does: a coder's edit of a settled coding does not carry its `codedAs` on.
  const { codedAs: _settledFrom, ...plain } = rec as T & { codedAs?: string };
  return { ...(plain as T), ...change, updatedAt: rep.clock.tick(), updatedBy: `coder-${rep.name}` };
}

function replace<T extends { id: string }>(rows: T[], next: T): void {
  const i = rows.findIndex((x) => x.id === next.id);
  if (i >= 0) rows[i] = next;
}

/** A live code of that name (ignoring case and spaces) beside where `name` would go. */
function nameTaken(t: ProjectTables, parentId: string | null, name: string, exceptId?: string): boolean {
  return t.codes.some((c) => !c.deleted && c.id !== exceptId && c.parentId === parentId && nameKey(c.name) === nameKey(name));
}

function pick<T>(rows: readonly T[], n: number): T | undefined {
  return rows.length === 0 ? undefined : rows[n % rows.length];
}

/**
 * Exchange: `to` imports everything `from` has (a whole bundle), folding its stamps into its clock. With
 * `clash`, as the app does it: planned, every code clash resolved that way, applied; else the plain join.
 */
export function exchange(from: Replica, to: Replica, clash?: ClashResolution): void {
  for (const t of PROJECT_TABLE_NAMES) {
    if (t === "sourceContent") continue;
    for (const rec of from.tables[t]) to.clock.receive(rec.updatedAt);
  }
  if (!clash) {
    to.tables = joinTables(to.tables, from.tables);
    return;
  }
  const plan = planMerge(to.tables, from.tables);
  const clashes = Object.fromEntries(plan.codeClashes.map((c) => [c.incomingId, clash]));
  const { puts } = applyMergePlan(to.tables, plan, { clashes }, { stamp: () => to.clock.tick(), coderId: `coder-${to.name}` });
  to.tables = overlay(to.tables, puts);
}

export function apply(replicas: Replica[], op: Op): void {
  if (op.kind === "exchange") {
    const from = replicas[op.from];
    const to = replicas[op.to];
    if (from && to && from !== to) exchange(from, to, op.clash);
    return;
  }
  const rep = replicas[op.r];
  if (!rep) return;
  const t = rep.tables;
  switch (op.kind) {
    case "addSource": {
      const text = TEXTS[op.text] ?? "";
      const hash = `h${op.text}`;
      // Import skips a transcript the project already has (same content hash).
      if (t.sources.some((s) => s.contentHash === hash)) return;
      const m = meta(rep);
      const s: SourceRecord = {
        ...m,
        name: `S${op.text}`,
        kind: "interview",
        fileName: `s${op.text}.txt`,
        format: "txt",
        importedAt: m.createdAt,
        charCount: text.length,
        wordCount: 4,
        contentHash: hash,
        caseIds: [],
        memo: "",
      };
      t.sources.push(s);
      t.sourceContent.push({ id: s.id, text, blocks: [], marks: [], turns: [], timestamps: [], warnings: [] });
      return;
    }
    case "addCode": {
      // As in the app: under a live code, and a name already used beside it (ignoring case) is refused.
      const parent =
        op.parent < 3
          ? null
          : (pick(
              t.codes.filter((x) => !x.deleted),
              op.parent,
            )?.id ?? null);
      const name = NAMES[op.name] ?? "X";
      if (nameTaken(t, parent, name)) return;
      const c: CodeRecord = { ...meta(rep), parentId: parent, name, description: "", colour: "#000000", order: 0, isCategory: false };
      t.codes.push(c);
      return;
    }
    case "renameCode": {
      const c = pick(t.codes, op.pick);
      const name = NAMES[op.name] ?? "X";
      if (c && !nameTaken(t, c.parentId, name, c.id)) replace(t.codes, touch(rep, c, { name }));
      return;
    }
    case "addCoding": {
      // As in the app: only on a live transcript, with a live code.
      const s = pick(
        t.sources.filter((x) => !x.deleted),
        op.source,
      );
      const c = pick(
        t.codes.filter((x) => !x.deleted),
        op.code,
      );
      if (!s || !c) return;
      const coding: CodingRecord = {
        ...meta(rep),
        sourceId: s.id,
        codeId: c.id,
        start: op.start,
        end: op.start + op.len,
        coderId: `coder-${rep.name}`,
        note: "",
      };
      t.codings.push(coding);
      return;
    }
    case "editCoding": {
      const c = pick(t.codings, op.pick);
      if (c) replace(t.codings, touch(rep, c, { note: `note ${op.note}` }));
      return;
    }
    case "addMemo": {
      const s = pick(t.sources, op.source);
      if (!s) return;
      const memo: MemoRecord = {
        ...meta(rep),
        targetKind: "source",
        targetId: s.id,
        title: "m",
        body: `body ${op.body}`,
        authorId: `coder-${rep.name}`,
      };
      t.memos.push(memo);
      return;
    }
    case "delete": {
      const rows = t[op.table] as { id: string; deleted: boolean; updatedAt: string; updatedBy: string }[];
      const rec = pick(
        rows.filter((x) => !x.deleted),
        op.pick,
      );
      if (!rec) return;
      replace(rows, touch(rep, rec, { deleted: true }));
      // As in the app: deleting a code deletes its codings with it.
      if (op.table === "codes")
        for (const k of t.codings) if (k.codeId === rec.id && !k.deleted) replace(t.codings, touch(rep, k, { deleted: true }));
      return;
    }
    case "restore": {
      const rows = t[op.table] as { id: string; deleted: boolean; updatedAt: string; updatedBy: string }[];
      const live = new Set(t.codes.filter((c) => !c.deleted).map((c) => c.id));
      // As in the app (undo): a coding comes back only onto a live code.
      // Restoring a code beside a live one of the same name would make a clash inside one project.
      const fits = (x: object) =>
        op.table === "codes"
          ? // A merged code comes back only by undoing its merge, which moves its codings back too: not simulated.
            (x as CodeRecord).mergedInto === undefined && !nameTaken(t, (x as CodeRecord).parentId, (x as CodeRecord).name)
          : live.has((x as CodingRecord).codeId);
      const rec = pick(
        rows.filter((x) => x.deleted && fits(x)),
        op.pick,
      );
      if (rec) replace(rows, touch(rep, rec, { deleted: false }));
      return;
    }
    case "mergeCode": {
      // The codebook's Merge, in any direction the researcher likes (it leaves a redirect).
      const live = t.codes.filter((c) => !c.deleted);
      const from = pick(live, op.from);
      const into = pick(live, op.into);
      if (!from || !into || from.id === into.id) return;
      rep.tables = overlay(t, applyCodeMerge(t, from.id, into.id, { stamp: () => rep.clock.tick(), coderId: `coder-${rep.name}` }));
      return;
    }
  }
}

/**
 * A replica-independent text of a project state: sources are named by content hash (replicas may keep
 * different ids for the same transcript), everything pointing at a source likewise, rows sorted.
 */
export function canonical(tables: ProjectTables): string {
  const hashOf = new Map(tables.sources.map((s) => [s.id, s.contentHash]));
  const src = (id: string) => hashOf.get(id) ?? `?${id}`;
  const out: Record<string, string[]> = {};
  for (const table of PROJECT_TABLE_NAMES) {
    const rows = (tables[table] as unknown as Record<string, unknown>[]).map((row) => {
      const r = { ...row };
      if (table === "sources" || table === "sourceContent") r.id = src(String(r.id));
      if (table === "codings") r.sourceId = src(String(r.sourceId));
      if (table === "memos" && r.targetKind === "source") r.targetId = src(String(r.targetId));
      return stableStringify(r);
    });
    out[table] = rows.sort();
  }
  return stableStringify(out);
}
