/**
 * The corpus worker's messages (renderer/search/corpus.worker.ts). The worker keeps every live source's
 * content in memory, loaded once from IndexedDB, so project-wide questions (search, word frequency,
 * speakers) never load the whole corpus on the main thread.
 *
 * A new kind of question is one entry in CorpusQuestions (its question and answer types, plain data
 * only: they cross postMessage) and one handler in the worker's HANDLERS map.
 */
import type { HitCounts, KwicRow, KwicSort } from "../../shared/search/kwic";
import type { NoteKind } from "../../shared/search/notes";
import type { SearchOptions } from "../../shared/search/query";
import type { SearchScope } from "../../shared/search/scope";

export interface SearchQuestion {
  /** The query as typed (parsed in the worker: shared/search/query.ts). */
  text: string;
  options: SearchOptions;
  scope: SearchScope;
  /** Also search memos and coding annotations. */
  notes?: { memos: boolean; annotations: boolean };
  contextChars?: number;
  sort?: KwicSort;
}

/** A hit in a memo or a coding's annotation. */
export interface NoteKwicRow {
  kind: NoteKind;
  /** The memo id, or the coding id of an annotation. */
  id: string;
  /** The memo's title, or "Annotation". */
  title: string;
  start: number;
  end: number;
  left: string;
  hit: string;
  right: string;
}

export type SearchAnswer =
  | {
      ok: true;
      rows: KwicRow[];
      counts: HitCounts;
      notes: NoteKwicRow[];
      sourcesSearched: number;
      stopped: boolean;
      message?: string;
    }
  /** The query could not be read: the parser's message. */
  | { ok: false; message: string };

/** kind → its question and answer. */
export interface CorpusQuestions {
  search: { question: SearchQuestion; answer: SearchAnswer };
}

export type CorpusKind = keyof CorpusQuestions;

export type CorpusAsk = {
  [K in CorpusKind]: { type: "ask"; requestId: number; kind: K; question: CorpusQuestions[K]["question"] };
}[CorpusKind];

export type CorpusRequest =
  | { type: "open"; projectId: string }
  /** The live sources, in the project's order: the worker loads the missing ones and forgets the rest. */
  | { type: "sync"; sourceIds: string[] }
  | CorpusAsk;

/** How much of the project the worker holds: "indexing 412 of 1,000 sources" until loaded === total. */
export interface CorpusStatus {
  loaded: number;
  total: number;
}

export type CorpusReply =
  | { type: "status"; status: CorpusStatus }
  | { type: "answer"; requestId: number; answer: CorpusQuestions[CorpusKind]["answer"] }
  | { type: "failed"; requestId: number; message: string };
