/**
 * The Search view's state in plain data, and the pure rules the view follows: the question a form
 * asks, which hits are ticked, what the status line says, how an autocoding is labelled in the audit
 * trail. No React and no database here, so all of it is unit-tested (tests/unit/renderer/search/).
 */
import { unionRanges } from "../../shared/coding/ranges";
import type { KwicRow, KwicSort } from "../../shared/search/kwic";
import type { SearchOptions } from "../../shared/search/query";
import type { SearchScope, SpeakerScope } from "../../shared/search/scope";
import type { SpreadUnit } from "../../shared/search/spread";
import { plural } from "../../shared/text/plural";
import type { CorpusStatus, NoteKwicRow, SearchQuestion } from "./corpusProtocol";

/** What the researcher asks: the same shape a saved search keeps. */
export interface SearchForm {
  text: string;
  options: Required<SearchOptions>;
  /** Never holds interviewerLabels: those come from the Speakers view when the search runs. */
  scope: SearchScope;
  notes: { memos: boolean; annotations: boolean };
}

export const EMPTY_FORM: SearchForm = {
  text: "",
  options: { regex: false, matchCase: false, wholeWords: false },
  scope: {},
  notes: { memos: false, annotations: false },
};

/** The outcome of the last search, as the view shows it. */
export type SearchRun =
  | { status: "idle" }
  | { status: "running"; form: SearchForm }
  /** The query could not be read: the parser's message names the problem. */
  | { status: "invalid"; message: string }
  /** Stopped by the time limit, cancelled, or the worker failed: nothing to show but the message. */
  | { status: "stopped"; message: string; cancelled: boolean }
  | {
      status: "done";
      form: SearchForm;
      rows: KwicRow[];
      notes: NoteKwicRow[];
      sourcesSearched: number;
      /** The core stopped part-way (its own limit): the rows are the hits found before. */
      partial: string | null;
      /**
       * The worker's first screen (the first rows, sent before the rest): shown at once while the search
       * goes on; the total is `total` (exact), and coding or exporting waits for every row.
       */
      firstScreen?: { total: number; sources: number };
    };

/** Whether a search is still going (also while its first screen is shown). */
export function isSearching(run: SearchRun): boolean {
  return run.status === "running" || (run.status === "done" && run.firstScreen !== undefined);
}

export interface SearchViewState {
  form: SearchForm;
  sort: KwicSort;
  run: SearchRun;
  /** Hits the researcher unticked (by hitKey); every other hit is ticked. */
  unticked: ReadonlySet<string>;
  /** The row keyboard focus was on, so coming back from a source finds it again. */
  activeIndex: number;
  scopeOpen: boolean;
}

export const INITIAL_STATE: SearchViewState = {
  form: EMPTY_FORM,
  sort: "source",
  run: { status: "idle" },
  unticked: new Set(),
  activeIndex: 0,
  scopeOpen: false,
};

/** The scope as the worker needs it: interviewer labels added when a speaker limit is chosen. */
export function scopeToAsk(scope: SearchScope, interviewerLabels: readonly string[] | undefined): SearchScope {
  const { interviewerLabels: _ignored, ...rest } = scope;
  const speakers = rest.speakers ?? "all";
  if (speakers === "all" || !interviewerLabels) return rest;
  return { ...rest, interviewerLabels: [...interviewerLabels] };
}

export function questionOf(form: SearchForm, sort: KwicSort, interviewerLabels?: readonly string[]): SearchQuestion {
  const notes = form.notes.memos || form.notes.annotations ? { notes: { ...form.notes } } : {};
  return { text: form.text, options: { ...form.options }, scope: scopeToAsk(form.scope, interviewerLabels), sort, ...notes };
}

/** One hit's identity among the results (a source holds at most one hit starting at an offset). */
export function hitKey(row: Pick<KwicRow, "sourceId" | "start">): string {
  return `${row.sourceId}:${row.start}`;
}

export function tickedRows(rows: readonly KwicRow[], unticked: ReadonlySet<string>): KwicRow[] {
  return unticked.size === 0 ? [...rows] : rows.filter((r) => !unticked.has(hitKey(r)));
}

/** Ticks or unticks one hit; `all` ticks or unticks every hit of the results. */
export function toggleTick(unticked: ReadonlySet<string>, key: string, ticked: boolean): Set<string> {
  const next = new Set(unticked);
  if (ticked) next.delete(key);
  else next.add(key);
  return next;
}

export function tickAll(rows: readonly KwicRow[], ticked: boolean): Set<string> {
  return ticked ? new Set() : new Set(rows.map(hitKey));
}

/** "312 hits in 41 sources" (and the memo and annotation hits, when searched). */
export function totalLine(rows: readonly KwicRow[], notes: readonly NoteKwicRow[]): string {
  const sources = new Set(rows.map((r) => r.sourceId)).size;
  const main = rows.length === 0 ? "No hits" : `${plural(rows.length, "hit")} in ${plural(sources, "source")}`;
  if (notes.length === 0) return main;
  return `${main}, and ${plural(notes.length, "hit")} in memos and annotations`;
}

/** "Indexing 412 of 1,000 sources…" while the worker is still loading; null once it holds them all. */
export function indexingLine(status: CorpusStatus): string | null {
  if (status.total === 0 || status.loaded >= status.total) return null;
  const n = new Intl.NumberFormat("en-GB");
  return `Indexing ${n.format(status.loaded)} of ${plural(status.total, "source")}… Searches still find every hit.`;
}

/** How far a coding spreads, in the words of the dialog and of the audit trail. */
export const SPREAD_WORDING: Record<SpreadUnit, { label: string; hint: string; inWords: string }> = {
  hit: { label: "The hit only", hint: "Just the words found", inWords: "hits only" },
  word: { label: "Whole words", hint: "Grown to whole words (implement* codes “implementation”)", inWords: "whole words" },
  sentence: { label: "Sentence", hint: "The sentence holding the hit", inWords: "sentences" },
  paragraph: {
    label: "Paragraph",
    hint: "The whole paragraph (or table cell): code whole paragraphs matching a search",
    inWords: "paragraphs",
  },
  turn: { label: "Speaker turn", hint: "The whole turn of the speaker, without the label", inWords: "speaker turns" },
  section: {
    label: "Section under its heading",
    hint: "Everything under the heading above the hit",
    inWords: "sections under their heading",
  },
};

/** The audit trail's line: Autocoded “Cerner OR Lorenzo” → Technology/EPR, speaker turns, 312 passages. */
export function autocodeLabel(query: string, codePath: string, unit: SpreadUnit, passages: number): string {
  const shown = query.length > 80 ? `${query.slice(0, 79)}…` : query;
  return `Autocoded “${shown}” → ${codePath}, ${SPREAD_WORDING[unit].inWords}, ${plural(passages, "passage")}`;
}

/** The speaker limit, as the scope panel offers it. */
export const SPEAKER_CHOICES: { value: SpeakerScope; label: string }[] = [
  { value: "all", label: "All text" },
  { value: "participants", label: "Participants' turns only" },
  { value: "withoutInterviewers", label: "Leave out interviewer and facilitator turns" },
];

/** How many limits the scope sets, for the collapsed panel's summary ("Where to search (2 limits)"). */
export function scopeLimits(form: SearchForm): number {
  const s = form.scope;
  return (
    (s.sourceKinds && s.sourceKinds.length > 0 ? 1 : 0) +
    (s.cases ? 1 : 0) +
    (s.speakers && s.speakers !== "all" ? 1 : 0) +
    (s.coding && s.coding.codeIds.length > 0 ? 1 : 0) +
    (form.notes.memos || form.notes.annotations ? 1 : 0)
  );
}

/** Moves the keyboard's row: arrows by one, Page keys by a screen, Home/End to the ends. */
export function nextIndex(key: string, index: number, count: number, page = 10): number | null {
  if (count === 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case "ArrowDown":
      return clamp(index + 1);
    case "ArrowUp":
      return clamp(index - 1);
    case "PageDown":
      return clamp(index + page);
    case "PageUp":
      return clamp(index - page);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

/** A saved search as the view keeps it (the same fields as the project's saved-search records). */
export interface SavedSearchFields {
  name: string;
  query: string;
  regex: boolean;
  matchCase: boolean;
  wholeWords: boolean;
  scope: SearchScope;
  notes: { memos: boolean; annotations: boolean };
}

export function savedFields(form: SearchForm, name: string): SavedSearchFields {
  const { interviewerLabels: _ignored, ...scope } = form.scope;
  return { name: name.trim(), query: form.text, ...form.options, scope, notes: { ...form.notes } };
}

export function formOfSaved(saved: SavedSearchFields): SearchForm {
  return {
    text: saved.query,
    options: { regex: saved.regex, matchCase: saved.matchCase, wholeWords: saved.wholeWords },
    scope: { ...saved.scope },
    notes: { memos: saved.notes.memos, annotations: saved.notes.annotations },
  };
}

/** Passages an autocoding codes: the spread ranges, overlapping and touching ones joined per source. */
export function passageCount(rangesBySource: ReadonlyMap<string, readonly { start: number; end: number }[]>): number {
  let n = 0;
  for (const ranges of rangesBySource.values()) n += unionRanges(ranges).length;
  return n;
}
