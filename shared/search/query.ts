/**
 * The query language of project-wide search (issue 16; docs/search.md), parsed into a small tree.
 *
 *   nurse ward            both words, in the same unit
 *   "health care"         an exact phrase (white space inside matches any white space or line break)
 *   nurse OR midwife      either (OR in capitals binds tighter than the space: `nurse OR midwife ward`
 *                         is (nurse or midwife) and ward)
 *   -agency  -"bank staff" leave out every unit that contains the word or phrase
 *   implement*            a word starting with "implement"; the hit is the whole word
 *
 * A unit is a speaker turn's words (its label and timestamp are not searched), or, outside turns, one
 * paragraph, heading, list item or table cell; a scope can cut units smaller (shared/search/scope.ts).
 * A unit matches when every AND part has at least one of its alternatives in it and no exclusion is in
 * it; then every occurrence of every positive term in it is a hit (overlaps resolved in match.ts).
 * Exclusion is per unit, not per source: "nurse -agency" finds nurses in the passages that do not talk
 * about agency staff, which is what a researcher means; per source it would empty most transcripts.
 *
 * Matching folds case and accents exactly as find in a source does (shared/text/find.ts); "match case"
 * keeps letter case, "whole words" refuses hits with a letter or digit just before or after.
 *
 * Regular-expression mode takes the text as one JavaScript regular expression (flag u, and i unless
 * match case), matched against the text as written (no accent folding) within each unit.
 *
 * Bad queries are values, never exceptions: { ok: false, message } says what to fix.
 */
import { foldQuery } from "../text/find";

export interface SearchOptions {
  /** Treat the query as one regular expression. */
  regex?: boolean;
  /** Letter case must match (accents are still ignored, except in regex mode). */
  matchCase?: boolean;
  /** A hit may not have a letter, mark, digit or "_" just before or just after it. */
  wholeWords?: boolean;
}

export type TermKind = "word" | "phrase" | "prefix";

export interface QueryTerm {
  kind: TermKind;
  /** As the researcher typed it (without quotes or the trailing "*"). */
  text: string;
  /** Folded UTF-16 units, as the text is folded (case kept when matchCase). */
  folded: string;
}

export interface WordsQuery {
  kind: "words";
  /** All must occur in a unit; each is a set of alternatives (OR). */
  all: QueryTerm[][];
  /** None may occur in a unit. */
  exclude: QueryTerm[];
  matchCase: boolean;
  wholeWords: boolean;
}

export interface RegexQuery {
  kind: "regex";
  source: string;
  /** Global (g) and u, plus i unless match case. A fresh lastIndex is set before each use. */
  regex: RegExp;
  matchCase: boolean;
  wholeWords: boolean;
}

export type SearchQuery = WordsQuery | RegexQuery;

export type ParseResult = { ok: true; query: SearchQuery } | { ok: false; message: string };

/** Longest query accepted (a paste of a whole page is a mistake, not a search). */
export const MAX_QUERY_LENGTH = 1000;

type Token = { type: "term"; term: QueryTerm; negated: boolean } | { type: "or" };

export function parseQuery(text: string, options: SearchOptions = {}): ParseResult {
  const matchCase = options.matchCase === true;
  const wholeWords = options.wholeWords === true;
  if (text.trim() === "") return { ok: false, message: "Type something to search for." };
  if (text.length > MAX_QUERY_LENGTH)
    return { ok: false, message: `The search is too long (${text.length} characters; at most ${MAX_QUERY_LENGTH}).` };
  if (options.regex === true) {
    try {
      const regex = new RegExp(text, matchCase ? "gu" : "giu");
      return { ok: true, query: { kind: "regex", source: text, regex, matchCase, wholeWords } };
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : String(error);
      return { ok: false, message: `This is not a regular expression Margin can read: ${reason}.` };
    }
  }
  const tokens = tokenize(text, matchCase);
  if (!Array.isArray(tokens)) return tokens;
  return build(tokens, matchCase, wholeWords);
}

function term(kind: TermKind, text: string, matchCase: boolean): QueryTerm {
  return { kind, text, folded: String.fromCharCode(...foldQuery(text, matchCase)) };
}

function tokenize(text: string, matchCase: boolean): Token[] | { ok: false; message: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] ?? "")) {
      i++;
      continue;
    }
    let negated = false;
    if (text[i] === "-") {
      negated = true;
      i++;
      if (i >= text.length || /\s/.test(text[i] ?? ""))
        return { ok: false, message: "Put the word to leave out right after “-” (for example -agency)." };
    }
    if (text[i] === '"' || text[i] === "“" || text[i] === "”") {
      const close = /["“”]/g;
      close.lastIndex = i + 1;
      const found = close.exec(text);
      if (!found) return { ok: false, message: 'A quotation mark is not closed: put a second " after the phrase.' };
      const phrase = text.slice(i + 1, found.index).trim();
      if (phrase === "" || foldQuery(phrase, matchCase).length === 0)
        return { ok: false, message: "There is nothing between the quotation marks." };
      tokens.push({ type: "term", term: term("phrase", phrase, matchCase), negated });
      i = found.index + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/.test(text[end] ?? "") && text[end] !== '"') end++;
    const word = text.slice(i, end);
    i = end;
    if (word === "OR" && !negated) {
      tokens.push({ type: "or" });
      continue;
    }
    const prefix = word.endsWith("*");
    const stem = prefix ? word.replace(/\*+$/, "") : word;
    if (stem === "" || foldQuery(stem, matchCase).length === 0) {
      return {
        ok: false,
        message: prefix ? "Put at least one letter before “*” (for example implement*)." : `“${word}” has nothing to search for.`,
      };
    }
    tokens.push({ type: "term", term: term(prefix ? "prefix" : "word", stem, matchCase), negated });
  }
  return tokens;
}

function build(tokens: readonly Token[], matchCase: boolean, wholeWords: boolean): ParseResult {
  const all: QueryTerm[][] = [];
  const exclude: QueryTerm[] = [];
  let joinNext = false;
  for (const [index, token] of tokens.entries()) {
    if (token.type === "or") {
      const previous = tokens[index - 1];
      const next = tokens[index + 1];
      if (!previous || previous.type !== "term" || previous.negated || !next || next.type !== "term" || next.negated) {
        return {
          ok: false,
          message: "OR needs a word or phrase on each side (for example nurse OR midwife); it cannot join a left-out word.",
        };
      }
      joinNext = true;
      continue;
    }
    if (token.negated) exclude.push(token.term);
    else if (joinNext) all[all.length - 1]?.push(token.term);
    else all.push([token.term]);
    joinNext = false;
  }
  if (all.length === 0) return { ok: false, message: "Say what to look for, not only what to leave out." };
  return { ok: true, query: { kind: "words", all, exclude, matchCase, wholeWords } };
}

/** Every positive term of a words query, once each. */
export function positiveTerms(query: WordsQuery): QueryTerm[] {
  return query.all.flat();
}
