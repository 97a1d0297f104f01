import type { Block, Turn } from "../../shared/import/types";
import type { AttributeRecord, CaseRecord, CodeRecord, CoderRecord, CodingRecord, SourceRecord } from "../../shared/model/records";
import { segmentText } from "../../shared/retrieval/context";
import { readTranscript } from "../../shared/text/transcript";
import { listAttributes, listCases } from "./cases";
import { listCodes } from "./codes";
import type { OpenProject } from "./projects";
import { listSources } from "./sources";
import { listCoders } from "./codings";

// The coded-segments view lists coders with the one reader in codings.ts.
export { listCoders };
import { tallyIfLoaded } from "./codingTally";
import { isLive, type Live } from "../../shared/model/live";
import type { CodeId, SourceId } from "../../shared/ids";

/** The list-sized records the coded-segments view names things with (no source text). */
export interface RetrievalLookups {
  codes: CodeRecord[];
  sources: SourceRecord[];
  cases: CaseRecord[];
  attributes: AttributeRecord[];
  coders: CoderRecord[];
}

export async function retrievalLookups(project: OpenProject): Promise<RetrievalLookups> {
  const [codes, sources, cases, attributes, coders] = await Promise.all([
    listCodes(project),
    listSources(project),
    listCases(project),
    listAttributes(project),
    listCoders(project),
  ]);
  return { codes, sources, cases, attributes, coders };
}

/**
 * Live codings of the queried codes, from the codeId index (what assembleSegments joins). One
 * `equals` per code rather than listCodingsForCodes' anyOf+filter: that lets IndexedDB answer with
 * getAll instead of walking a cursor record by record, which is what keeps 5,000 codings fast.
 */
export async function codingsForRetrieval(project: OpenProject, codeIds: readonly CodeId[]): Promise<Live<CodingRecord>[]> {
  const perCode = await Promise.all([...new Set(codeIds)].map((id) => project.db.codings.where("codeId").equals(id).toArray()));
  return perCode.flat().filter(isLive);
}

/** The first screen of a retrieval, read before the rest (firstRetrievalPage). */
export interface RetrievalPage {
  /** Every live coding of the codes in `sourceIds`. */
  codings: CodingRecord[];
  /** The sources read, in the order given: a complete prefix of the whole list by source. */
  sourceIds: SourceId[];
  /** Live codings of the codes in all the given sources (the whole list's length in ANY mode). */
  total: number;
}

/**
 * The codings of the first sources (in the order given: display order, filtered) that have codings of
 * these codes, enough for `want` rows. The project's coding counts (codingTally.ts) say which sources
 * those are and how many codings each has, so only those few are read, through the [sourceId+codeId]
 * index: the first rows of a code with 5,000 codings show without reading all of them first. Their
 * sources' texts start loading at once. Null when the counts are not loaded yet (read everything).
 */
export async function firstRetrievalPage(
  project: OpenProject,
  codeIds: readonly CodeId[],
  orderedSourceIds: readonly string[],
  want: number,
): Promise<RetrievalPage | null> {
  const tally = await tallyIfLoaded(project.db);
  if (!tally) return null;
  const codes = [...new Set(codeIds)];
  const reads: [string, string][] = [];
  const sourceIds: SourceId[] = [];
  let total = 0;
  for (const sourceId of orderedSourceIds) {
    let here = 0;
    for (const codeId of codes) {
      const n = tally.perCode.get(codeId)?.get(sourceId) ?? 0;
      here += n;
      if (n > 0 && total < want) reads.push([sourceId, codeId]);
    }
    if (here > 0 && total < want) sourceIds.push(sourceId);
    total += here;
  }
  // The rows on screen need these texts next; reading them alongside the codings saves a round trip.
  for (const sourceId of sourceIds.slice(0, 3)) void loadSourceText(project, sourceId).catch(() => undefined);
  const perPair = await Promise.all(reads.map((pair) => project.db.codings.where("[sourceId+codeId]").equals(pair).toArray()));
  return { codings: perPair.flat().filter(isLive), sourceIds, total };
}

/** What a segment row needs of a source's content: its text and paragraph structure. */
export interface SourceText {
  text: string;
  blocks: Block[];
  turns: Turn[];
}

/**
 * Source contents are large (a long transcript is several hundred KB) and a query can span 1,000
 * sources, so rows load their source's text on demand and only the most recently used are kept.
 * Content never changes after import, so a cached text never goes stale.
 */
const KEEP_SOURCES = 16;

interface TextCache {
  ready: Map<string, SourceText | null>;
  loading: Map<string, Promise<SourceText | null>>;
}

const caches = new WeakMap<OpenProject, TextCache>();

function cacheFor(project: OpenProject): TextCache {
  let cache = caches.get(project);
  if (!cache) {
    cache = { ready: new Map(), loading: new Map() };
    caches.set(project, cache);
  }
  return cache;
}

function remember(cache: TextCache, sourceId: SourceId, value: SourceText | null): void {
  // Map order is insertion order: delete-then-set moves the entry to the most recent end.
  cache.ready.delete(sourceId);
  cache.ready.set(sourceId, value);
  while (cache.ready.size > KEEP_SOURCES) {
    const oldest = cache.ready.keys().next();
    if (oldest.done) break;
    cache.ready.delete(oldest.value);
  }
}

async function readSourceText(project: OpenProject, sourceId: SourceId): Promise<SourceText | null> {
  const content = await project.db.sourceContent.get(sourceId);
  if (!content) return null;
  const { text, blocks, turns } = readTranscript(content);
  return { text, blocks, turns };
}

/** The text if it is already in memory (undefined: not loaded yet; null: the source has no content). */
export function cachedSourceText(project: OpenProject, sourceId: SourceId): SourceText | null | undefined {
  const cache = cacheFor(project);
  const value = cache.ready.get(sourceId);
  if (value !== undefined) remember(cache, sourceId, value);
  return value;
}

/** Loads one source's text through the cache; concurrent requests for the same source share one read. */
export function loadSourceText(project: OpenProject, sourceId: SourceId): Promise<SourceText | null> {
  const cache = cacheFor(project);
  const ready = cachedSourceText(project, sourceId);
  if (ready !== undefined) return Promise.resolve(ready);
  let loading = cache.loading.get(sourceId);
  if (!loading) {
    loading = readSourceText(project, sourceId).then(
      (value) => {
        cache.loading.delete(sourceId);
        remember(cache, sourceId, value);
        return value;
      },
      (error: unknown) => {
        // A failed read is not remembered, so the row can try again.
        cache.loading.delete(sourceId);
        throw error;
      },
    );
    cache.loading.set(sourceId, loading);
  }
  return loading;
}

/**
 * The texts of many segments (copy, CSV export of thousands of rows): one source read at a time,
 * in source order, so at most one uncached source's content is held at once. Same order as given.
 */
export async function segmentTexts(
  project: OpenProject,
  segments: readonly { sourceId: SourceId; start: number; end: number }[],
): Promise<string[]> {
  const out: string[] = new Array<string>(segments.length).fill("");
  const bySource = new Map<string, number[]>();
  segments.forEach((s, i) => {
    const list = bySource.get(s.sourceId);
    if (list) list.push(i);
    else bySource.set(s.sourceId, [i]);
  });
  for (const [sourceId, indexes] of bySource) {
    const cached = cachedSourceText(project, sourceId);
    const text = cached !== undefined ? cached?.text : (await project.db.sourceContent.get(sourceId))?.text;
    if (text === undefined) continue;
    for (const i of indexes) {
      const s = segments[i];
      if (s) out[i] = segmentText(text, s.start, s.end);
    }
  }
  return out;
}
