/**
 * The corpus worker's answer to a project search: parse, scope, search the held contents with the
 * shared core (shared/search/), and shape keyword-in-context rows. The same functions the CLI uses,
 * so the app and `margin search` give the same hits.
 */
import { countHits, kwicRows, leftContext, rightContext, sortKwic, type KwicSource } from "../../shared/search/kwic";
import { searchSources } from "../../shared/search/match";
import { noteTargets, searchNotes } from "../../shared/search/notes";
import { parseQuery } from "../../shared/search/query";
import { searchTargets, sourcesInScope } from "../../shared/search/scope";
import type { Corpus } from "./corpus";
import type { NoteKwicRow, SearchAnswer, SearchQuestion } from "./corpusProtocol";

export async function answerSearch(corpus: Corpus, question: SearchQuestion): Promise<SearchAnswer> {
  const parsed = parseQuery(question.text, question.options);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { store } = corpus;
  const [sources, cases] = await Promise.all([store.sources(), store.cases()]);
  const needCodings = Boolean(question.scope.coding || question.notes?.annotations);
  const codings = needCodings ? await store.codings() : [];
  const inScope = sourcesInScope({ sources, cases }, question.scope);
  const contents = await corpus.contents(inScope.map((s) => s.id));
  const targets = searchTargets({ sources: inScope, sourceContent: contents, cases, codings }, question.scope);
  const outcome = searchSources(parsed.query, targets);

  const names = new Map(inScope.map((s) => [s.id, s.name]));
  const kwicSources = new Map<string, KwicSource>(
    contents.map((c) => [c.id, { id: c.id, name: names.get(c.id) ?? "", text: c.text, blocks: c.blocks, turns: c.turns }]),
  );
  const context = question.contextChars;
  const rows = sortKwic(kwicRows(outcome.hits, kwicSources, context), question.sort ?? "source");

  let notes: NoteKwicRow[] = [];
  if (question.notes && (question.notes.memos || question.notes.annotations)) {
    const memos = question.notes.memos ? await store.memos() : [];
    const targetsOfNotes = noteTargets({ memos, codings }, question.notes);
    const texts = new Map(targetsOfNotes.map((n) => [n.id, n.text]));
    const titles = new Map(memos.map((m) => [m.id as string, m.title]));
    const found = searchNotes(parsed.query, targetsOfNotes);
    const chars = context ?? 60;
    notes = found.hits.map((h) => {
      const text = texts.get(h.id) ?? "";
      return {
        kind: h.kind,
        id: h.id,
        title: h.kind === "memo" ? titles.get(h.id) || "Untitled memo" : "Annotation",
        start: h.start,
        end: h.end,
        left: leftContext(text, h.start, chars),
        hit: text.slice(h.start, h.end),
        right: rightContext(text, h.end, chars),
      };
    });
  }
  return {
    ok: true,
    rows,
    counts: countHits(rows),
    notes,
    sourcesSearched: outcome.sourcesSearched,
    stopped: outcome.stopped,
    ...(outcome.message ? { message: outcome.message } : {}),
  };
}
