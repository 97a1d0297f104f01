/**
 * The corpus worker's answer to "how far does each hit's coding spread" (autocode from search): the
 * shared spreadHit (shared/search/spread.ts) over the held sources' text and structure, so the window
 * never loads a thousand transcripts to code 300 hits. A hit in a source no longer held (deleted
 * since the search) is left out; applyAutocode refuses ranges outside a live source anyway.
 */
import { spreadHit } from "../../shared/search/spread";
import type { Corpus } from "./corpus";
import type { SpreadAnswer, SpreadQuestion } from "./corpusProtocol";

export async function answerSpread(corpus: Corpus, question: SpreadQuestion): Promise<SpreadAnswer> {
  const bySource = new Map<string, { start: number; end: number }[]>();
  for (const hit of question.hits) {
    const list = bySource.get(hit.sourceId);
    if (list) list.push(hit);
    else bySource.set(hit.sourceId, [hit]);
  }
  const contents = new Map((await corpus.contents([...bySource.keys()])).map((c) => [c.id as string, c]));
  const sources: SpreadAnswer["sources"] = [];
  for (const [sourceId, hits] of bySource) {
    const content = contents.get(sourceId);
    if (!content || content.text === "") continue;
    sources.push({ sourceId, ranges: hits.map((h) => spreadHit(content, h, question.unit)) });
  }
  return { sources };
}
