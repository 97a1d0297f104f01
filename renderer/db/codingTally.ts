import type { CodeCount } from "../../shared/coding/counts";
import type { CodeIndex } from "../../shared/coding/codeTree";
import type { CodingRecord } from "../../shared/model/records";
import type { ProjectDatabase } from "./projectDb";
import type { CodeId, SourceId } from "../../shared/ids";

/**
 * Coding counts per code and per source, kept up to date from the journal instead of recounted.
 *
 * Recounting read all 100,000 codings of a seed-scale project after every single coding (1-3 s of
 * IndexedDB work each time). Instead the project's live codings are read once, reduced to which code
 * and source each belongs to, and then only the journal's new entries are read: every change to a
 * coding is journaled in the same transaction (renderer/db/changes.ts), so the journal is a complete,
 * ordered change feed. For each coding the new entries name, its current record is read and its old
 * contribution swapped for the new one. One coding costs O(changed), and the counts stay exact through
 * undo, redo, merges and deletions, in this window or another one.
 */

type Pairs = Map<string, Map<string, number>>;

export interface CodingTally {
  /** The journal's last seq already applied. */
  lastSeq: number;
  /** Live coding id → [codeId, sourceId]. */
  readonly byId: Map<string, readonly [string, string]>;
  /** codeId → sourceId → live codings (absent when none). */
  readonly perCode: Pairs;
  /** sourceId → live codings. */
  readonly perSource: Map<string, number>;
  /** The same as perCode but for each code with everything below it, for the tree `treeKey` names. */
  subtree: Pairs;
  subtreeCodings: Map<string, number>;
  /** The code tree the subtree counts follow (null: not built yet). */
  tree: { key: string; parentOf: ReadonlyMap<string, string | null> } | null;
  /** Strings of ids repeat 100,000 times; one copy of each keeps the tally small. */
  readonly intern: Map<string, string>;
}

function emptyTally(lastSeq: number): CodingTally {
  return {
    lastSeq,
    byId: new Map(),
    perCode: new Map(),
    perSource: new Map(),
    subtree: new Map(),
    subtreeCodings: new Map(),
    tree: null,
    intern: new Map(),
  };
}

function interned(tally: CodingTally, value: string): string {
  const known = tally.intern.get(value);
  if (known !== undefined) return known;
  tally.intern.set(value, value);
  return value;
}

function bump(pairs: Pairs, codeId: CodeId, sourceId: SourceId, by: number): void {
  let sources = pairs.get(codeId);
  if (!sources) pairs.set(codeId, (sources = new Map()));
  const n = (sources.get(sourceId) ?? 0) + by;
  if (n > 0) sources.set(sourceId, n);
  else {
    sources.delete(sourceId);
    if (sources.size === 0) pairs.delete(codeId);
  }
}

function bumpCount(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

/** Adds (+1) or takes away (-1) one live coding of code and source, everywhere it counts. */
function count(tally: CodingTally, codeId: CodeId, sourceId: SourceId, by: 1 | -1): void {
  bump(tally.perCode, codeId, sourceId, by);
  bumpCount(tally.perSource, sourceId, by);
  if (!tally.tree) return;
  for (let at: string | null = codeId; at !== null; at = tally.tree.parentOf.get(at) ?? null) {
    bump(tally.subtree, at, sourceId, by);
    bumpCount(tally.subtreeCodings, at, by);
  }
}

/** Makes the tally agree with one coding's current record (undefined: it no longer exists). */
export function applyCoding(
  tally: CodingTally,
  id: string,
  record: Pick<CodingRecord, "codeId" | "sourceId" | "deleted"> | undefined,
): void {
  const old = tally.byId.get(id);
  if (old) {
    count(tally, old[0], old[1], -1);
    tally.byId.delete(id);
  }
  if (record && !record.deleted) {
    const pair = [interned(tally, record.codeId), interned(tally, record.sourceId)] as const;
    tally.byId.set(id, pair);
    count(tally, pair[0], pair[1], 1);
  }
}

/** A tally of these codings (the journal already at `lastSeq`). */
export function buildTally(codings: Iterable<Pick<CodingRecord, "id" | "codeId" | "sourceId" | "deleted">>, lastSeq: number): CodingTally {
  const tally = emptyTally(lastSeq);
  for (const c of codings) applyCoding(tally, c.id, c);
  return tally;
}

/** Re-derives the with-sub-codes counts when the code tree changed shape (a move, merge or deletion). */
function followTree(tally: CodingTally, index: CodeIndex): void {
  let key = "";
  for (const [id, parent] of index.parentOf) key += `${id}>${parent ?? ""};`;
  if (tally.tree?.key === key) return;
  tally.tree = { key, parentOf: index.parentOf };
  tally.subtree = new Map();
  tally.subtreeCodings = new Map();
  for (const [codeId, sources] of tally.perCode) {
    for (let at: string | null = codeId; at !== null; at = index.parentOf.get(at) ?? null) {
      for (const [sourceId, n] of sources) bump(tally.subtree, at, sourceId, n);
      let total = 0;
      for (const n of sources.values()) total += n;
      bumpCount(tally.subtreeCodings, at, total);
    }
  }
}

/**
 * NVivo's "Files" and "References" per live code, with and without sub-codes (as shared/coding/counts
 * codeCounts gives them from the codings themselves). O(codes) once the tree is followed.
 */
export function tallyCodeCounts(tally: CodingTally, index: CodeIndex): Map<string, CodeCount> {
  followTree(tally, index);
  const out = new Map<string, CodeCount>();
  for (const id of index.byId.keys()) {
    const own = tally.perCode.get(id);
    let codings = 0;
    if (own) for (const n of own.values()) codings += n;
    out.set(id, {
      codings,
      sources: own?.size ?? 0,
      codingsWithDescendants: tally.subtreeCodings.get(id) ?? 0,
      sourcesWithDescendants: tally.subtree.get(id)?.size ?? 0,
    });
  }
  return out;
}

/** Read once per open database, shared by every reader. */
const loaded = new WeakMap<ProjectDatabase, Promise<CodingTally>>();
/** Databases whose first read has finished. */
const ready = new WeakSet<ProjectDatabase>();

async function loadTally(db: ProjectDatabase): Promise<CodingTally> {
  // One read transaction: the codings and the journal position they correspond to.
  return db.transaction("r", [db.codings, db.journal], async () => {
    const last = await db.journal.orderBy(":id").lastKey();
    // One getAll: a cursor walk over 100,000 codings is many times slower.
    return buildTally(await db.codings.toArray(), typeof last === "number" ? last : 0);
  });
}

function startLoad(db: ProjectDatabase): Promise<CodingTally> {
  // Started from a timer, outside any live query: the one big read must not make a live query
  // re-run on every change to any coding, which is what this module exists to avoid.
  return new Promise<CodingTally>((resolve, reject) => {
    setTimeout(() => {
      loadTally(db).then(resolve, reject);
    }, 0);
  });
}

/**
 * The project's tally, brought up to date. Call it inside a live query: it reads the journal after the
 * last applied entry, so the query re-runs when anything new is journaled, and re-reads only the
 * codings those entries name.
 */
export async function currentTally(db: ProjectDatabase): Promise<CodingTally> {
  let pending = loaded.get(db);
  if (!pending) {
    pending = startLoad(db);
    loaded.set(db, pending);
    // A failed load is forgotten so the next reader tries again.
    pending.then(
      () => ready.add(db),
      () => loaded.delete(db),
    );
  }
  const tally = await pending;
  const from = tally.lastSeq;
  // Explicit transaction: consistent (entries and the records they name from one snapshot), and it
  // bypasses Dexie's optimistic query cache, which could show entries not yet committed.
  const { entries, records } = await db.transaction("r", [db.journal, db.codings], async () => {
    const entries = await db.journal.where(":id").above(from).toArray();
    const ids = [...new Set(entries.filter((e) => e.table === "codings").map((e) => e.recordId))];
    const records = ids.length > 0 ? await db.codings.bulkGet(ids) : [];
    return { entries, records: new Map(ids.map((id, i) => [id, records[i]])) };
  });
  // Another reader may have applied a newer snapshot meanwhile; only entries past it are news.
  let newest = tally.lastSeq;
  for (const e of entries) {
    if (e.seq === undefined || e.seq <= tally.lastSeq) continue;
    if (e.table === "codings") applyCoding(tally, e.recordId, records.get(e.recordId));
    newest = Math.max(newest, e.seq);
  }
  tally.lastSeq = newest;
  return tally;
}

/** Tests: forget a database's tally (as closing the project does, since a new connection is a new key). */
export function forgetTally(db: ProjectDatabase): void {
  loaded.delete(db);
  ready.delete(db);
}

/**
 * The tally, brought up to date, if it has been read already; null (and nothing read) if not. For
 * shortcuts that may use the counts but must not wait for the first big read.
 */
export async function tallyIfLoaded(db: ProjectDatabase): Promise<CodingTally | null> {
  return ready.has(db) ? currentTally(db) : null;
}
