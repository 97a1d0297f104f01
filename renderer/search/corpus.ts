/**
 * The corpus the worker holds: every live source's content, loaded once and kept current by `sync`.
 * Questions ask for the contents they need; any not loaded yet are read at once, so an answer is
 * right even while the rest of the project is still loading.
 *
 * Each source is added to the search index (shared/search/index.ts) as it is loaded, so "loaded" is
 * also "indexed"; a search over sources not indexed yet is still exact (the core searches those).
 */
import type { SourceId } from "../../shared/ids";
import type { Live } from "../../shared/model/live";
import type { CaseRecord, CodingRecord, MemoRecord, SourceContentRecord, SourceRecord } from "../../shared/model/records";
import { addToIndex, compactIndex, createSearchIndex, removeFromIndex, type SearchIndex } from "../../shared/search/index";
import type { CorpusStatus } from "./corpusProtocol";

/** The reads the corpus needs (renderer/db/corpusReads.ts in the worker; fakes in tests). */
export interface CorpusStore {
  sources(): Promise<Live<SourceRecord>[]>;
  cases(): Promise<Live<CaseRecord>[]>;
  codings(): Promise<Live<CodingRecord>[]>;
  memos(): Promise<Live<MemoRecord>[]>;
  contents(ids: readonly string[]): Promise<(SourceContentRecord | undefined)[]>;
}

export interface CachedLists {
  store: CorpusStore;
  /** A sync came: read the lists again unless `version` is the one they were read at. */
  changed(version: string | undefined): void;
}

/**
 * Keeps the list-sized sources and cases between questions (reading them cost a common-word search
 * 15-50 ms of its ~100): they are read again after a sync whose version differs, or with no version.
 */
export function cacheLists(store: CorpusStore): CachedLists {
  let version: string | undefined;
  const sources = keptRead(() => store.sources());
  const cases = keptRead(() => store.cases());
  return {
    store: { ...store, sources: sources.read, cases: cases.read },
    changed(next) {
      if (next !== undefined && next === version) return;
      version = next;
      sources.forget();
      cases.forget();
    },
  };
}

/** One read kept until forgotten; a failed read is not kept, so the next question tries again. */
function keptRead<T>(read: () => Promise<T>): { read: () => Promise<T>; forget: () => void } {
  let kept: Promise<T> | null = null;
  return {
    read: () => {
      if (!kept) {
        const reading = read();
        kept = reading;
        reading.catch(() => {
          if (kept === reading) kept = null;
        });
      }
      return kept;
    },
    forget: () => {
      kept = null;
    },
  };
}

/** Sources are read this many at a time while loading: bounded memory per read, progress in between. */
const LOAD_CHUNK = 20;
/** Trimming the index copies its lists (tens of MB at seed scale): done after a load of many sources, not after each import. */
const COMPACT_AFTER = 50;

export class Corpus {
  private readonly held = new Map<string, SourceContentRecord>();
  private wanted: string[] = [];
  private loading: Promise<void> | null = null;
  private generation = 0;
  /** Kept current with the held contents; a search reads it (searchHandler.ts). */
  readonly index: SearchIndex = createSearchIndex();
  /** Sources added or dropped since the index's lists were last trimmed. */
  private changedSinceCompact = 0;

  constructor(
    readonly store: CorpusStore,
    private readonly onStatus: (status: CorpusStatus) => void = () => {},
  ) {}

  status(): CorpusStatus {
    return { loaded: this.wanted.filter((id) => this.held.has(id)).length, total: this.wanted.length };
  }

  /** The live sources are now `ids`: forget the others, load the missing ones in the background. */
  sync(ids: readonly string[]): Promise<void> {
    this.wanted = [...ids];
    const keep = new Set(ids);
    for (const id of [...this.held.keys()]) if (!keep.has(id)) this.forget(id);
    this.generation++;
    this.loading = this.loadMissing(this.generation);
    return this.loading;
  }

  /** Called when a source's content is added to or dropped from the corpus (an index keeps step here). */
  protected added(content: SourceContentRecord): void {
    addToIndex(this.index, { sourceId: content.id, text: content.text, blocks: content.blocks, turns: content.turns });
    this.changedSinceCompact++;
  }
  protected forget(id: string): void {
    this.held.delete(id);
    removeFromIndex(this.index, id);
    this.changedSinceCompact++;
  }

  private async loadMissing(generation: number): Promise<void> {
    this.onStatus(this.status());
    for (;;) {
      if (generation !== this.generation) return;
      const missing = this.wanted.filter((id) => !this.held.has(id)).slice(0, LOAD_CHUNK);
      if (missing.length === 0) break;
      await this.load(missing);
      this.onStatus(this.status());
    }
    // Loaded: give back the room the index's lists grew into, and forget removed sources' places.
    if (this.changedSinceCompact >= COMPACT_AFTER) {
      compactIndex(this.index);
      this.changedSinceCompact = 0;
    }
  }

  /** Reads `ids`, holds (and indexes) the ones the corpus wants, and gives back everything read. */
  private async load(ids: readonly string[]): Promise<Map<string, SourceContentRecord>> {
    const contents = await this.store.contents(ids);
    const wanted = new Set(this.wanted);
    const read = new Map<string, SourceContentRecord>();
    contents.forEach((content, i) => {
      const id = ids[i];
      if (id === undefined || (!content && !wanted.has(id))) return;
      // A live source whose content is missing (never in a healthy project) is held as empty, not retried for ever.
      const record = content ?? emptyContent(id);
      read.set(id, record);
      if (!wanted.has(id) || this.held.has(id)) return;
      this.held.set(id, record);
      this.added(record);
    });
    return read;
  }

  /**
   * The contents of these sources, reading any not held yet. A source the corpus has not been told of
   * (asked before the first sync arrives, or just imported) is read and answered too, not left out.
   */
  async contents(ids: readonly string[]): Promise<SourceContentRecord[]> {
    const missing = ids.filter((id) => !this.held.has(id));
    const read = missing.length > 0 ? await this.load(missing) : new Map<string, SourceContentRecord>();
    const out: SourceContentRecord[] = [];
    for (const id of ids) {
      const content = this.held.get(id) ?? read.get(id);
      if (content) out.push(content);
    }
    return out;
  }
}

function emptyContent(id: string): SourceContentRecord {
  return { id: id as SourceId, text: "", blocks: [], marks: [], turns: [], timestamps: [], warnings: [] };
}
