/**
 * Planning a merge: which incoming records win, what the researcher must decide (code clashes,
 * conflicts), and the preview counts. Nothing is written here.
 */
import { nameKey } from "../coding/codeTree";
import type { CasePassageRecord, CodeRecord, CodingRecord, MemoRecord, RecordMeta, SourceRecord } from "../model/records";
import { emptyProjectTables, type ProjectTables } from "../model/tables";
import { compareVersions, differingFields, STAMPED_TABLES } from "./lww";
import { mayNeedSettling, rawStamp, settleCodes } from "./settle";
import type { ChangeCounts, CodeClash, MergeConflict, MergeOptions, MergePlan, StampedTableName } from "./types";
import type { SourceId } from "../ids";

export function emptyCounts(): ChangeCounts {
  return { new: 0, changed: 0, deleted: 0, unchanged: 0, conflicts: 0 };
}

export function countsByTable(): Record<StampedTableName, ChangeCounts> {
  const out = {} as Record<StampedTableName, ChangeCounts>;
  for (const t of STAMPED_TABLES) out[t] = emptyCounts();
  return out;
}

/**
 * Incoming source id → local source id for the same transcript (equal content hash, different id).
 * A live local source is preferred; among several, the smallest id, so the choice is stable.
 */
export function matchSources(local: readonly SourceRecord[], incoming: readonly SourceRecord[]): Map<SourceId, SourceId> {
  const localIds = new Set(local.map((s) => s.id));
  const byHash = new Map<string, SourceRecord>();
  for (const s of local) {
    if (!s.contentHash) continue;
    const seen = byHash.get(s.contentHash);
    if (!seen || (seen.deleted && !s.deleted) || (seen.deleted === s.deleted && s.id < seen.id)) byHash.set(s.contentHash, s);
  }
  const map = new Map<SourceId, SourceId>();
  for (const s of incoming) {
    if (localIds.has(s.id) || !s.contentHash) continue;
    const match = byHash.get(s.contentHash);
    if (match && match.id !== s.id) map.set(s.id, match.id);
  }
  return map;
}

/** The incoming tables with matched sources' ids (and everything pointing at them) replaced by the local ids. */
export function remapIncoming(incoming: ProjectTables, sourceMap: ReadonlyMap<SourceId, SourceId>): ProjectTables {
  if (sourceMap.size === 0) return incoming;
  const to = (id: SourceId) => sourceMap.get(id) ?? id;
  return {
    ...incoming,
    sources: incoming.sources.map((s): SourceRecord => (sourceMap.has(s.id) ? { ...s, id: to(s.id) } : s)),
    // The local copy of a matched transcript already has the (identical) content.
    sourceContent: incoming.sourceContent.filter((c) => !sourceMap.has(c.id)),
    codings: incoming.codings.map((c): CodingRecord => (sourceMap.has(c.sourceId) ? { ...c, sourceId: to(c.sourceId) } : c)),
    casePassages: incoming.casePassages.map((p): CasePassageRecord => (sourceMap.has(p.sourceId) ? { ...p, sourceId: to(p.sourceId) } : p)),
    memos: incoming.memos.map((m): MemoRecord =>
      m.targetKind === "source" && sourceMap.has(m.targetId) ? { ...m, targetId: to(m.targetId) } : m,
    ),
  };
}

/** Works out what merging `incoming` into `local` would do, without changing anything. */
export function planMerge(local: ProjectTables, incomingRaw: ProjectTables, options: MergeOptions = {}): MergePlan {
  const since = options.lastExchangeAt ?? null;
  const mineSince = options.sentUpTo !== undefined ? options.sentUpTo : since;
  const theirsSince = options.receivedUpTo !== undefined ? options.receivedUpTo : since;
  const sourceMap = matchSources(local.sources, incomingRaw.sources);
  const incoming = remapIncoming(incomingRaw, sourceMap);

  const winners = emptyProjectTables();
  const byTable = countsByTable();
  const byCoder: Record<string, Record<StampedTableName, ChangeCounts>> = {};
  const conflicts: MergeConflict[] = [];
  let maxIncomingStamp: string | null = null;

  const count = (table: StampedTableName, coder: string, key: keyof ChangeCounts) => {
    byTable[table][key]++;
    (byCoder[coder] ??= countsByTable())[table][key]++;
  };

  const decide = (table: StampedTableName, r: RecordMeta, mine: RecordMeta | undefined) => {
    if (maxIncomingStamp === null || r.updatedAt > maxIncomingStamp) maxIncomingStamp = r.updatedAt;
    if (!mine) {
      (winners[table] as RecordMeta[]).push(r);
      // A tombstone of something this project never had changes nothing anyone can see.
      if (!r.deleted) count(table, r.updatedBy, "new");
      return;
    }
    const order = compareVersions(r, mine);
    // The same edit, settled on one side and not (yet) on the other: settling after the join decides.
    if (order === 0 || (r.updatedBy === mine.updatedBy && rawStamp(r.updatedAt) === rawStamp(mine.updatedAt))) {
      count(table, r.updatedBy, "unchanged");
      return;
    }
    const concurrent =
      r.updatedBy !== mine.updatedBy &&
      (mineSince === null || mine.updatedAt > mineSince) &&
      (theirsSince === null || r.updatedAt > theirsSince);
    const fields = concurrent ? differingFields(mine, r) : [];
    if (fields.length > 0) {
      conflicts.push({
        table,
        id: r.id,
        local: mine as unknown as Record<string, unknown>,
        incoming: r as unknown as Record<string, unknown>,
        fields,
        winner: order > 0 ? "incoming" : "local",
      });
      count(table, r.updatedBy, "conflicts");
    }
    if (order > 0) {
      (winners[table] as RecordMeta[]).push(r);
      count(table, r.updatedBy, r.deleted && !mine.deleted ? "deleted" : "changed");
    } else {
      count(table, r.updatedBy, "unchanged");
    }
  };

  for (const table of STAMPED_TABLES) {
    const localRows = local[table] as RecordMeta[];
    const incomingRows = incoming[table] as RecordMeta[];
    if (sortedById(localRows) && sortedById(incomingRows)) {
      // The usual case: both sides come from tables read in primary-key order (IndexedDB, and the
      // bundle written from it), so one walk over both lists pairs the records, with no maps.
      let j = 0;
      for (const r of incomingRows) {
        while (j < localRows.length && (localRows[j] as RecordMeta).id < r.id) j++;
        const mine = localRows[j];
        decide(table, r, mine !== undefined && mine.id === r.id ? mine : undefined);
      }
      continue;
    }
    const localById = new Map<string, RecordMeta>();
    for (const r of localRows) localById.set(r.id, r);
    const chosen = new Map<string, RecordMeta>();
    for (const r of incomingRows) {
      // Within one bundle an id appears once; if not, its own last writer is the incoming version.
      const prior = chosen.get(r.id);
      if (!prior || compareVersions(r, prior) > 0) chosen.set(r.id, r);
    }
    for (const r of chosen.values()) decide(table, r, localById.get(r.id));
  }

  // Content travels with sources that are new here.
  const haveContent = new Set(local.sourceContent.map((c) => c.id));
  const newSources = new Set(winners.sources.map((s) => s.id));
  for (const c of incoming.sourceContent) {
    if (!haveContent.has(c.id) && newSources.has(c.id)) winners.sourceContent.push(c);
  }

  const codeClashes = findClashes(local, winners);
  const empty = STAMPED_TABLES.every((t) => winners[t].length === 0) && winners.sourceContent.length === 0 && codeClashes.length === 0;
  return {
    sourceMap: Object.fromEntries(sourceMap),
    winners,
    codeClashes,
    conflicts,
    preview: { byTable, byCoder },
    maxIncomingStamp,
    empty,
  };
}

/** Ids strictly increasing: in primary-key order, each id once (so no duplicates to resolve). */
function sortedById(rows: readonly RecordMeta[]): boolean {
  for (let i = 1; i < rows.length; i++) if (!((rows[i - 1] as RecordMeta).id < (rows[i] as RecordMeta).id)) return false;
  return true;
}

/**
 * Live codes with the same name under the same parent after the merge, where the merge brought at
 * least one of them (new, renamed or moved by the bundle) next to a code the project already had.
 */
export function findClashes(local: ProjectTables, winners: ProjectTables): CodeClash[] {
  const fromBundle = new Set(winners.codes.map((c) => c.id));
  if (fromBundle.size === 0 && winners.codings.length === 0) return [];
  const merged = new Map<string, CodeRecord>();
  for (const c of local.codes) merged.set(c.id, c);
  for (const c of winners.codes) merged.set(c.id, c);
  // As the merge will leave them: a deleted code the bundle's codings bring back is a code it brings.
  if (mayNeedSettling((id) => merged.get(id), winners)) {
    const arriving = new Set(winners.codings.map((c) => c.id));
    const codings = [...local.codings.filter((c) => !arriving.has(c.id)), ...winners.codings];
    for (const c of settleCodes({ codes: merged.values(), codings }).codes) {
      merged.set(c.id, c);
      fromBundle.add(c.id);
    }
  }
  if (fromBundle.size === 0) return [];
  const groups = new Map<string, CodeRecord[]>();
  for (const c of merged.values()) {
    if (c.deleted) continue;
    const key = `${c.parentId ?? ""}\u0000${nameKey(c.name)}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const liveCodings = new Map<string, number>();
  const codings = new Map<string, CodingRecord>();
  for (const c of local.codings) codings.set(c.id, c);
  for (const c of winners.codings) codings.set(c.id, c);
  for (const c of codings.values()) if (!c.deleted) liveCodings.set(c.codeId, (liveCodings.get(c.codeId) ?? 0) + 1);

  const clashes: CodeClash[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const resident = group.filter((c) => !fromBundle.has(c.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const arriving = group.filter((c) => fromBundle.has(c.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    // All of them brought by the merge (e.g. one came back because codings were still on it): the
    // first stands for "the existing code".
    const target = resident[0] ?? arriving.shift();
    if (!target) continue;
    for (const c of arriving) {
      clashes.push({
        incomingId: c.id,
        localId: target.id,
        name: c.name,
        parentId: c.parentId,
        incomingCodings: liveCodings.get(c.id) ?? 0,
        localCodings: liveCodings.get(target.id) ?? 0,
      });
    }
  }
  return clashes.sort((a, b) => a.name.localeCompare(b.name) || (a.incomingId < b.incomingId ? -1 : 1));
}
