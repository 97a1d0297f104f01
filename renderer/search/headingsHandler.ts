/**
 * The corpus worker's answer to "the heading sections of these sources" (Autocode by headings): the
 * worker holds the texts, so the window gets only the few sections it needs, not 50 MB of transcripts.
 */
import { headingSections } from "../../shared/search/spread";
import { readTranscript } from "../../shared/text/transcript";
import type { Corpus } from "./corpus";
import type { HeadingsAnswer, HeadingsQuestion } from "./corpusProtocol";

export async function answerHeadings(corpus: Corpus, question: HeadingsQuestion): Promise<HeadingsAnswer> {
  const sources: HeadingsAnswer["sources"] = [];
  for (const content of await corpus.contents(question.sourceIds)) {
    const { text, blocks } = readTranscript(content);
    const sections = headingSections(text, blocks);
    if (sections.length > 0) sources.push({ id: content.id, sections });
  }
  return { sources };
}
