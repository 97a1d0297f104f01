/**
 * The corpus worker's messages (renderer/search/corpus.worker.ts). The worker keeps every live source's
 * content in memory, loaded once from IndexedDB, so project-wide questions (search, word frequency,
 * speakers) never load the whole corpus on the main thread.
 *
 * A new kind of question is one entry in CorpusQuestions (its question and answer types, plain data
 * only: they cross postMessage) and one handler in the worker's HANDLERS map. A kind may also name a
 * `partial`: something the worker sends before the answer (a "partial" reply, zero or more times), so
 * the window can show it early; the client hands it to ask's onPartial.
 */
import type { HitCounts, KwicRow, KwicSort } from "../../shared/search/kwic";
import type { NoteKind } from "../../shared/search/notes";
import type { SearchOptions } from "../../shared/search/query";
import type { SearchScope, SpeakerScope } from "../../shared/search/scope";
import type { HeadingSection, SpreadUnit } from "../../shared/search/spread";
import type { WordFrequencyOptions, WordFrequencyResult } from "../../shared/search/wordFrequency";
import type { SpeakerLabelCount, SpeakerTurnRanges } from "../../shared/search/speakers";

/** Every speaker label of the live sources, counted (renderer/speakers/speakersHandler.ts). */
export type SpeakersQuestion = Record<string, never>;
export interface SpeakersAnswer {
  labels: SpeakerLabelCount[];
  sourcesCounted: number;
}

/** The turns of these labels, per source, as body ranges to code. */
export interface SpeakerTurnsQuestion {
  labels: string[];
}
export interface SpeakerTurnsAnswer {
  sources: SpeakerTurnRanges[];
}

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

/** Autocode from search: how far each hit's coding spreads, worked out where the sources' structure is held. */
export interface SpreadQuestion {
  hits: { sourceId: string; start: number; end: number }[];
  unit: SpreadUnit;
}

/** Per source (in first-hit order), the spread ranges in hit order (not joined: the plan joins them). */
export interface SpreadAnswer {
  sources: { sourceId: string; ranges: { start: number; end: number }[] }[];
}

/** The most frequent words in a scope (renderer/search/wordFrequencyHandler.ts). */
export interface WordFrequencyQuestion {
  scope: SearchScope;
  options: WordFrequencyOptions;
}

/**
 * Coded segments and speakers (shared/retrieval/speakers.ts): each passage cut to the parts outside
 * the interviewer's and facilitator's turns (or inside participants' turns).
 */
export interface SpeakerCutQuestion {
  speakers: SpeakerScope;
  /** The labels marked as interviewer or facilitator; undefined: isInterviewerLabel decides. */
  interviewerLabels?: readonly string[];
  passages: { sourceId: string; start: number; end: number }[];
}

export interface SpeakerCutAnswer {
  /** Per passage, in the order asked: its kept pieces as [start, end, start, end, …] (empty: nothing kept). */
  pieces: number[][];
}

/** Autocode by headings: each source's heading sections (shared/search/spread.ts headingSections). */
export interface HeadingsQuestion {
  sourceIds: string[];
}

export interface HeadingsAnswer {
  /** Sources with at least one heading, in the order asked. */
  sources: { id: string; sections: HeadingSection[] }[];
}

/**
 * Sent (once) before a search's answer when it has more hits than fit a first screen: the first rows in
 * the asked sort and the full counts, exactly as the answer will have them. The answer follows with
 * every row; a search with fewer hits has no partial.
 */
export interface SearchFirstScreen {
  /** The first FIRST_SCREEN_ROWS rows of the answer. */
  rows: KwicRow[];
  counts: HitCounts;
  sourcesSearched: number;
}

/** Rows in a search's first screen (more than a window shows, so scrolling a little needs no wait). */
export const FIRST_SCREEN_ROWS = 100;

/** kind → its question and answer (and optionally what it sends early: see the header). */
export interface CorpusQuestions {
  search: { question: SearchQuestion; answer: SearchAnswer; partial: SearchFirstScreen };
  spread: { question: SpreadQuestion; answer: SpreadAnswer };
  wordFrequency: { question: WordFrequencyQuestion; answer: WordFrequencyResult };
  speakerCut: { question: SpeakerCutQuestion; answer: SpeakerCutAnswer };
  headings: { question: HeadingsQuestion; answer: HeadingsAnswer };
  speakers: { question: SpeakersQuestion; answer: SpeakersAnswer };
  speakerTurns: { question: SpeakerTurnsQuestion; answer: SpeakerTurnsAnswer };
}

export type CorpusKind = keyof CorpusQuestions;

/** What a kind sends before its answer (never, for a kind without `partial`). */
export type CorpusPartial<K extends CorpusKind> = CorpusQuestions[K] extends { partial: infer P } ? P : never;

/** Any kind's partial (kinds without one add nothing). */
export type AnyCorpusPartial = { [K in CorpusKind]: CorpusPartial<K> }[CorpusKind];

export type CorpusAsk = {
  [K in CorpusKind]: {
    type: "ask";
    requestId: number;
    kind: K;
    question: CorpusQuestions[K]["question"];
    /** The client's time limit for this question: work the worker can stop itself (a regular expression) stops before it. */
    timeLimitMs: number;
  };
}[CorpusKind];

export type CorpusRequest =
  | { type: "open"; projectId: string }
  /** The live sources, in the project's order: the worker loads the missing ones and forgets the rest. */
  | {
      type: "sync";
      sourceIds: string[];
      /**
       * Changes whenever a source or case record changes (a rename, a kind, a case's values): the worker
       * keeps the list-sized sources and cases between questions and reads them again only then.
       */
      listsVersion?: string;
    }
  | CorpusAsk;

/** How much of the project the worker holds: "indexing 412 of 1,000 sources" until loaded === total. */
export interface CorpusStatus {
  loaded: number;
  total: number;
}

export type CorpusReply =
  | { type: "status"; status: CorpusStatus }
  | { type: "partial"; requestId: number; partial: AnyCorpusPartial }
  | { type: "answer"; requestId: number; answer: CorpusQuestions[CorpusKind]["answer"] }
  | { type: "failed"; requestId: number; message: string };
