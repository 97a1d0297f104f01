/// <reference lib="webworker" />
import { describeError } from "../../shared/describeError";
import { openCorpusDatabase, readLiveCases, readLiveCodings, readLiveMemos, readLiveSources, readSourceContents } from "../db/corpusReads";
import { cacheLists, Corpus, type CachedLists } from "./corpus";
import type { CorpusAsk, CorpusKind, CorpusPartial, CorpusQuestions, CorpusReply, CorpusRequest } from "./corpusProtocol";
import { RegexRunner } from "./regexSearch";
import { answerSearch } from "./searchHandler";
import { answerSpread } from "./spreadHandler";
import { answerWordFrequency } from "./wordFrequencyHandler";
import { answerSpeakerCut } from "./speakerCutHandler";
import { answerHeadings } from "./headingsHandler";
import { answerSpeakers, answerSpeakerTurns } from "../speakers/speakersHandler";

// Project-wide questions run here so the window stays responsive; the client (./corpusClient.ts)
// terminates this worker when a question runs past its time limit.
const scope = self as unknown as DedicatedWorkerGlobalScope;

/** What a handler gets besides the question: the client's time limit, and a way to send its partial (corpusProtocol.ts). */
export interface AskContext<K extends CorpusKind> {
  timeLimitMs: number;
  partial: (partial: CorpusPartial<K>) => void;
}

type Handlers = {
  [K in CorpusKind]: (
    corpus: Corpus,
    question: CorpusQuestions[K]["question"],
    context: AskContext<K>,
  ) => Promise<CorpusQuestions[K]["answer"]>;
};

/** Regular expressions run in a worker of their own, so a catastrophic one never costs this worker's index. */
const regex = new RegexRunner();

const HANDLERS: Handlers = {
  search: (corpus, question, context) => answerSearch(corpus, question, { ...context, regex }),
  spread: answerSpread,
  wordFrequency: answerWordFrequency,
  speakerCut: answerSpeakerCut,
  headings: answerHeadings,
  speakers: answerSpeakers,
  speakerTurns: answerSpeakerTurns,
};

let corpus: Corpus | null = null;
let lists: CachedLists | null = null;

function post(reply: CorpusReply): void {
  scope.postMessage(reply);
}

async function answer(ask: CorpusAsk): Promise<CorpusReply> {
  if (!corpus) return { type: "failed", requestId: ask.requestId, message: "The project is not open in the search worker." };
  // Each kind's handler takes its own question type; the union is matched by kind.
  const handler = HANDLERS[ask.kind] as (
    c: Corpus,
    q: CorpusAsk["question"],
    context: AskContext<CorpusKind>,
  ) => Promise<CorpusQuestions[CorpusKind]["answer"]>;
  const context: AskContext<CorpusKind> = {
    timeLimitMs: ask.timeLimitMs,
    partial: (partial) => post({ type: "partial", requestId: ask.requestId, partial }),
  };
  return { type: "answer", requestId: ask.requestId, answer: await handler(corpus, ask.question, context) };
}

scope.onmessage = (event: MessageEvent<CorpusRequest>) => {
  const request = event.data;
  switch (request.type) {
    case "open": {
      const db = openCorpusDatabase(request.projectId);
      lists = cacheLists({
        sources: () => readLiveSources(db),
        cases: () => readLiveCases(db),
        codings: () => readLiveCodings(db),
        memos: () => readLiveMemos(db),
        contents: (ids) => readSourceContents(db, ids),
      });
      corpus = new Corpus(lists.store, (status) => post({ type: "status", status }));
      return;
    }
    case "sync":
      lists?.changed(request.listsVersion);
      corpus?.sync(request.sourceIds).catch((e: unknown) => console.error("The search worker could not load sources", e));
      return;
    case "ask":
      answer(request).then(post, (e: unknown) => post({ type: "failed", requestId: request.requestId, message: describeError(e) }));
      return;
  }
};
