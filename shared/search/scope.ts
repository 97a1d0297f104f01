/**
 * Which sources, and which parts of them, a project search looks in (issue 16 item 1, "scope").
 * Pure over a ProjectTables-like input, so the Search view, its worker and the CLI agree.
 *
 *  - sources: by kind, by id, by case or by a case attribute value (the sources list's case filter,
 *    shared/cases/filter.ts);
 *  - speakers: all text; only the turns of participants (turns whose speaker is not an interviewer or
 *    facilitator); or everything but the interviewer's and facilitator's turns (headings, preamble and
 *    participants' turns). Who counts as interviewer: `interviewerLabels` when given (the UI lets the
 *    researcher tick them), else the labels isInterviewerLabel recognises;
 *  - coding: only inside, or only outside, the passages coded with any of the chosen codes (by any
 *    coder, or by the chosen coders).
 * Limits combine (a part must pass all of them); deleted sources, cases and codings never count.
 */
import { sourceMatchesCaseFilter, type CaseFilter } from "../cases/filter";
import { nameKey } from "../cases/values";
import { subtract, unionRanges, type Range } from "../coding/ranges";
import type { CaseRecord, CodingRecord, SourceContentRecord, SourceKind, SourceRecord } from "../model/records";
import type { SearchTarget } from "./match";

export type SpeakerScope = "all" | "participants" | "withoutInterviewers";

export interface SearchScope {
  sourceKinds?: readonly SourceKind[];
  sourceIds?: readonly string[];
  cases?: CaseFilter;
  speakers?: SpeakerScope;
  /** Speaker labels (as written) that are interviewers or facilitators; default: isInterviewerLabel. */
  interviewerLabels?: readonly string[];
  coding?: { codeIds: readonly string[]; inside: boolean; coderIds?: readonly string[] };
}

export interface ScopeInput {
  sources: readonly SourceRecord[];
  sourceContent: readonly SourceContentRecord[];
  cases: readonly CaseRecord[];
  codings: readonly CodingRecord[];
}

const INTERVIEWER = /^(?:interviewer|researcher|facilitator|moderator|question|int|ivr|iv|i|q)(?:\s?[-#]?\s?\d{1,3}[a-z]?|\s[a-z])?$/i;

/** Whether a speaker label names the interviewer or facilitator side ("Interviewer", "INT", "Facilitator 2", "Q"). */
export function isInterviewerLabel(speaker: string): boolean {
  return INTERVIEWER.test(speaker.trim().replace(/[.:]+$/, ""));
}

/** The live sources the scope keeps, in the order given. */
export function sourcesInScope(input: Pick<ScopeInput, "sources" | "cases">, scope: SearchScope): SourceRecord[] {
  const cases = new Map(input.cases.filter((c) => !c.deleted).map((c) => [c.id, c]));
  const kinds = scope.sourceKinds ? new Set(scope.sourceKinds) : null;
  const ids = scope.sourceIds ? new Set(scope.sourceIds) : null;
  return input.sources.filter(
    (s) =>
      !s.deleted &&
      (!kinds || kinds.has(s.kind)) &&
      (!ids || ids.has(s.id)) &&
      (!scope.cases || sourceMatchesCaseFilter(s, scope.cases, cases)),
  );
}

function intersectAll(a: readonly Range[], b: readonly Range[], length: number): Range[] {
  return subtract(a, subtract([{ start: 0, end: length }], b));
}

/**
 * The parts of one source the scope keeps: sorted disjoint ranges, or undefined for the whole source.
 * `codings`: the source's codings (others are ignored).
 */
export function rangesInScope(
  content: Pick<SourceContentRecord, "id" | "text" | "turns">,
  codings: readonly CodingRecord[],
  scope: SearchScope,
): Range[] | undefined {
  const length = content.text.length;
  let within: Range[] | undefined;
  const speakers = scope.speakers ?? "all";
  if (speakers !== "all") {
    const labels = scope.interviewerLabels ? new Set(scope.interviewerLabels.map(nameKey)) : null;
    const interviewer = (speaker: string) => (labels ? labels.has(nameKey(speaker)) : isInterviewerLabel(speaker));
    const theirs = unionRanges(content.turns.filter((t) => interviewer(t.speaker)));
    within =
      speakers === "participants"
        ? subtract(
            content.turns.filter((t) => !interviewer(t.speaker)),
            theirs,
          )
        : subtract([{ start: 0, end: length }], theirs);
  }
  if (scope.coding) {
    const codes = new Set(scope.coding.codeIds);
    const coders = scope.coding.coderIds ? new Set(scope.coding.coderIds) : null;
    const coded = unionRanges(
      codings
        .filter((c) => !c.deleted && c.sourceId === content.id && codes.has(c.codeId) && (!coders || coders.has(c.coderId)))
        .map((c) => ({ start: Math.max(0, c.start), end: Math.min(length, c.end) })),
    );
    const kept = scope.coding.inside ? coded : subtract([{ start: 0, end: length }], coded);
    within = within ? intersectAll(within, kept, length) : kept;
  }
  return within;
}

/** What to search, source by source, for a scope: ready for searchSources (./match.ts). */
export function searchTargets(input: ScopeInput, scope: SearchScope = {}): SearchTarget[] {
  const contents = new Map(input.sourceContent.map((c) => [c.id, c]));
  const codingsBySource = new Map<string, CodingRecord[]>();
  if (scope.coding) {
    for (const c of input.codings) {
      const list = codingsBySource.get(c.sourceId);
      if (list) list.push(c);
      else codingsBySource.set(c.sourceId, [c]);
    }
  }
  const targets: SearchTarget[] = [];
  for (const source of sourcesInScope(input, scope)) {
    const content = contents.get(source.id);
    if (!content) continue;
    const within = rangesInScope(content, codingsBySource.get(source.id) ?? [], scope);
    targets.push({ sourceId: source.id, text: content.text, blocks: content.blocks, turns: content.turns, ...(within ? { within } : {}) });
  }
  return targets;
}
