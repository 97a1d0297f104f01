/**
 * The corpus worker's answer to a project search: parse, scope, search the held contents with the
 * search index (shared/search/index.ts: the core's hits, found faster) or, for a regular expression,
 * in a worker that can be terminated without losing the index (./regexSearch.ts), and shape
 * keyword-in-context rows. The same core the CLI
 * uses, so the app and `margin search` give the same hits.
 *
 * When there are more hits than a first screen, the first screen's rows and the full counts go out
 * first (SearchFirstScreen in ./corpusProtocol.ts), then every row.
 */
import {
  countHits,
  kwicRows,
  leftContext,
  rightContext,
  sortKwic,
  type HitCounts,
  type KwicRow,
  type KwicSort,
  type KwicSource,
} from "../../shared/search/kwic";
import { searchIndexed } from "../../shared/search/index";
import type { SearchHit, SearchOutcome } from "../../shared/search/match";
import { noteTargets, searchNotes, type NoteHit } from "../../shared/search/notes";
import { parseQuery } from "../../shared/search/query";
import { searchTargets, sourcesInScope } from "../../shared/search/scope";
import type { Corpus } from "./corpus";
import { FIRST_SCREEN_ROWS, type NoteKwicRow, type SearchAnswer, type SearchFirstScreen, type SearchQuestion } from "./corpusProtocol";
import { regexTimeLimit, type RegexRunner } from "./regexSearch";

/** What the worker gives a handler besides the question. */
export interface SearchContext {
  /** The client's time limit (a regular expression is stopped well inside it). */
  timeLimitMs: number;
  partial: (firstScreen: SearchFirstScreen) => void;
  /** The corpus worker's regex worker (a fake in tests: no Worker in Node). */
  regex: Pick<RegexRunner, "run">;
}

/** countHits of the rows the ordered hits become (same order, same numbers), without making the rows. */
function countOrdered(ordered: readonly SearchHit[], names: ReadonlyMap<string, string>): HitCounts {
  const bySource = new Map<string, { sourceId: string; sourceName: string; hits: number }>();
  for (const h of ordered) {
    const entry = bySource.get(h.sourceId);
    if (entry) entry.hits++;
    else bySource.set(h.sourceId, { sourceId: h.sourceId, sourceName: names.get(h.sourceId) ?? "", hits: 1 });
  }
  return { perSource: [...bySource.values()], total: ordered.length };
}

/**
 * The hits in the order sortKwic gives their rows for "source" and "position" (a strict order, so any
 * correct sort agrees), and countHits of those rows, without making every row first; null for "hit",
 * which sorts on the rows' text.
 */
export function orderHits(
  hits: readonly SearchHit[],
  names: ReadonlyMap<string, string>,
  sort: KwicSort,
): { hits: SearchHit[]; counts: HitCounts } | null {
  if (sort === "hit") return null;
  // The search gives each source's hits together and in text order: runs, one per source.
  const runs: { sourceId: string; from: number; to: number; rank: number }[] = [];
  let inOrder = true;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i] as SearchHit;
    const last = runs[runs.length - 1];
    if (last?.sourceId === h.sourceId) {
      const before = hits[i - 1] as SearchHit;
      if (before.start > h.start || (before.start === h.start && before.end > h.end)) inOrder = false;
      last.to = i + 1;
    } else runs.push({ sourceId: h.sourceId, from: i, to: i + 1, rank: 0 });
  }
  const ids = [...new Set(runs.map((r) => r.sourceId))];
  const stub = (sourceId: string): KwicRow => ({
    sourceId,
    sourceName: names.get(sourceId) ?? "",
    start: 0,
    end: 0,
    location: "",
    left: "",
    hit: "",
    right: "",
  });
  // Ranking one row per source with sortKwic keeps its comparison of names as the one definition.
  const rank = new Map(sortKwic(ids.map(stub), "source").map((r, i) => [r.sourceId, i]));
  const rankOf = (h: SearchHit) => rank.get(h.sourceId) ?? 0;
  if (sort === "source" && inOrder && ids.length === runs.length) {
    for (const r of runs) r.rank = rank.get(r.sourceId) ?? 0;
    runs.sort((a, b) => a.rank - b.rank);
    const ordered = new Array<SearchHit>(hits.length);
    let k = 0;
    for (const r of runs) for (let i = r.from; i < r.to; i++) ordered[k++] = hits[i] as SearchHit;
    const perSource = runs.map((r) => ({ sourceId: r.sourceId, sourceName: names.get(r.sourceId) ?? "", hits: r.to - r.from }));
    return { hits: ordered, counts: { perSource, total: hits.length } };
  }
  const ordered =
    sort === "source"
      ? [...hits].sort((a, b) => rankOf(a) - rankOf(b) || a.start - b.start || a.end - b.end)
      : [...hits].sort((a, b) => a.start - b.start || a.end - b.end || rankOf(a) - rankOf(b));
  return { hits: ordered, counts: countOrdered(ordered, names) };
}

export async function answerSearch(corpus: Corpus, question: SearchQuestion, context: SearchContext): Promise<SearchAnswer> {
  const parsed = parseQuery(question.text, question.options);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { store } = corpus;
  const [sources, cases] = await Promise.all([store.sources(), store.cases()]);
  const wantNotes = Boolean(question.notes && (question.notes.memos || question.notes.annotations));
  const needCodings = Boolean(question.scope.coding || question.notes?.annotations);
  const codings = needCodings ? await store.codings() : [];
  const inScope = sourcesInScope({ sources, cases }, question.scope);
  const contents = await corpus.contents(inScope.map((s) => s.id));
  const targets = searchTargets({ sources: inScope, sourceContent: contents, cases, codings }, question.scope);
  const memos = wantNotes && question.notes?.memos ? await store.memos() : [];
  const notesToSearch = wantNotes && question.notes ? noteTargets({ memos, codings }, question.notes) : [];

  let outcome: SearchOutcome;
  let noteHits: NoteHit[];
  if (parsed.query.kind === "regex") {
    const found = await context.regex.run(
      { text: question.text, options: question.options, targets, notes: notesToSearch },
      regexTimeLimit(context.timeLimitMs),
    );
    outcome = found;
    noteHits = found.noteHits;
  } else {
    outcome = searchIndexed(corpus.index, parsed.query, targets);
    noteHits = searchNotes(parsed.query, notesToSearch).hits;
  }

  const names = new Map(inScope.map((s) => [s.id as string, s.name]));
  const kwicSources = new Map<string, KwicSource>(
    contents.map((c) => [c.id, { id: c.id, name: names.get(c.id) ?? "", text: c.text, blocks: c.blocks, turns: c.turns }]),
  );
  const chars = question.contextChars;
  const sort = question.sort ?? "source";
  const ordered = orderHits(outcome.hits, names, sort);
  let rows: KwicRow[];
  if (ordered) {
    if (ordered.hits.length > FIRST_SCREEN_ROWS) {
      context.partial({
        rows: kwicRows(ordered.hits.slice(0, FIRST_SCREEN_ROWS), kwicSources, chars),
        counts: ordered.counts,
        sourcesSearched: outcome.sourcesSearched,
      });
    }
    rows = kwicRows(ordered.hits, kwicSources, chars);
  } else rows = sortKwic(kwicRows(outcome.hits, kwicSources, chars), sort);

  let notes: NoteKwicRow[] = [];
  if (wantNotes) {
    const texts = new Map(notesToSearch.map((n) => [n.id, n.text]));
    const titles = new Map(memos.map((m) => [m.id as string, m.title]));
    const width = chars ?? 60;
    notes = noteHits.map((h) => {
      const text = texts.get(h.id) ?? "";
      return {
        kind: h.kind,
        id: h.id,
        title: h.kind === "memo" ? titles.get(h.id) || "Untitled memo" : "Annotation",
        start: h.start,
        end: h.end,
        left: leftContext(text, h.start, width),
        hit: text.slice(h.start, h.end),
        right: rightContext(text, h.end, width),
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
