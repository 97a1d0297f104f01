/**
 * The project-wide speaker table (issue 16 item 3): every speaker label the transcripts' turns carry,
 * grouped into speakers by the name the researcher gave them (merged label variants share one name),
 * with their turns, words and sources, and the role the researcher set (or the one the label suggests).
 * Pure, so the corpus worker, the CLI and the tests give the same answers.
 *
 * Speaker records (SpeakerRecord): at most one live record per label is intended; when replicas made
 * two for the same label, the live one with the newest `updatedAt` counts (`speakerRecordsByLabel`).
 * Labels compare exactly as detected (import normalises their spaces), so "P07" and "p07" are two
 * labels: suggestMerges offers to join them.
 */
import { nameKey } from "../coding/codeTree";
import { turnBodyRange, type Range } from "../coding/ranges";
import { countWords } from "../import/stats";
import type { Turn } from "../import/types";
import type { SpeakerRecord, SpeakerRole } from "../model/records";
import { isInterviewerLabel } from "./scope";

/** One label's turns across the project. */
export interface SpeakerLabelCount {
  label: string;
  turns: number;
  /** Words of the turns' text, labels left out. */
  words: number;
  /** Sources with at least one turn of the label, in the order first met. */
  sourceIds: string[];
}

/** A source's turns, as the counting needs them. */
export interface SpeakerSource {
  id: string;
  text: string;
  turns: readonly Turn[];
}

/** Counts every label's turns and words, source by source (sources in the order given). */
export function countSpeakerLabels(sources: Iterable<SpeakerSource>): SpeakerLabelCount[] {
  const byLabel = new Map<string, SpeakerLabelCount>();
  for (const source of sources) {
    for (const turn of source.turns) {
      let count = byLabel.get(turn.speaker);
      if (!count) byLabel.set(turn.speaker, (count = { label: turn.speaker, turns: 0, words: 0, sourceIds: [] }));
      count.turns++;
      // The label left out (a turn of only its label has no words; turnBodyRange would keep it whole).
      count.words += countWords(source.text.slice(Math.min(Math.max(turn.labelEnd, turn.start), turn.end), turn.end));
      if (count.sourceIds[count.sourceIds.length - 1] !== source.id && !count.sourceIds.includes(source.id))
        count.sourceIds.push(source.id);
    }
  }
  return [...byLabel.values()];
}

/**
 * Label counts of several parts (e.g. one list per source, counted once and kept) joined into one, as
 * countSpeakerLabels over all the parts in the same order would give.
 */
export function mergeSpeakerLabelCounts(parts: Iterable<readonly SpeakerLabelCount[]>): SpeakerLabelCount[] {
  const byLabel = new Map<string, SpeakerLabelCount>();
  for (const part of parts) {
    for (const c of part) {
      const into = byLabel.get(c.label);
      if (!into) {
        byLabel.set(c.label, { label: c.label, turns: c.turns, words: c.words, sourceIds: [...c.sourceIds] });
        continue;
      }
      into.turns += c.turns;
      into.words += c.words;
      for (const id of c.sourceIds) if (!into.sourceIds.includes(id)) into.sourceIds.push(id);
    }
  }
  return [...byLabel.values()];
}

/** The record that counts for each label: live, newest `updatedAt` first (then the larger id, so every replica agrees). */
export function speakerRecordsByLabel(records: Iterable<SpeakerRecord>): Map<string, SpeakerRecord> {
  const out = new Map<string, SpeakerRecord>();
  for (const r of records) {
    if (r.deleted) continue;
    const seen = out.get(r.label);
    if (!seen || r.updatedAt > seen.updatedAt || (r.updatedAt === seen.updatedAt && r.id > seen.id)) out.set(r.label, r);
  }
  return out;
}

/**
 * The role a label suggests when the researcher set none: interviewer-side labels (isInterviewerLabel)
 * are the interviewer, or the facilitator when the label says so; every other label a participant.
 */
export function suggestedRole(label: string): SpeakerRole {
  if (!isInterviewerLabel(label)) return "participant";
  return /^(?:facilitator|moderator)/i.test(label.trim()) ? "facilitator" : "interviewer";
}

/** One speaker: the labels that share a name after merges. */
export interface SpeakerRow {
  /** The speaker's name (a label's own name unless merged or renamed). */
  name: string;
  /** nameKey(name): rows are grouped by it. */
  key: string;
  /** Label variants, most turns first. */
  labels: string[];
  turns: number;
  words: number;
  /** Distinct sources, in the order first met. */
  sourceIds: string[];
  /** The role the researcher set (the newest record's among the labels), or null. */
  role: SpeakerRole | null;
  /** What the labels suggest (any interviewer-side label makes the speaker interviewer-side). */
  suggestedRole: SpeakerRole;
}

/** The speaker table: label counts grouped by their records' names, most turns first. */
export function speakerTable(counts: readonly SpeakerLabelCount[], records: Iterable<SpeakerRecord>): SpeakerRow[] {
  const byLabel = speakerRecordsByLabel(records);
  const rows = new Map<string, SpeakerRow & { roleAt: string }>();
  for (const c of counts) {
    const record = byLabel.get(c.label);
    const name = record?.name.trim() ? record.name : c.label;
    const key = nameKey(name);
    let row = rows.get(key);
    if (!row) {
      row = { name, key, labels: [], turns: 0, words: 0, sourceIds: [], role: null, suggestedRole: "participant", roleAt: "" };
      rows.set(key, row);
    }
    row.labels.push(c.label);
    row.turns += c.turns;
    row.words += c.words;
    for (const id of c.sourceIds) if (!row.sourceIds.includes(id)) row.sourceIds.push(id);
    if (record?.role && record.updatedAt > row.roleAt) {
      row.role = record.role;
      row.roleAt = record.updatedAt;
    }
    const suggested = suggestedRole(c.label);
    if (suggested !== "participant" && row.suggestedRole === "participant") row.suggestedRole = suggested;
  }
  const turnsOf = new Map(counts.map((c) => [c.label, c.turns]));
  return [...rows.values()]
    .map(({ roleAt: _roleAt, ...row }) => ({
      ...row,
      labels: row.labels.sort((a, b) => (turnsOf.get(b) ?? 0) - (turnsOf.get(a) ?? 0) || a.localeCompare(b)),
    }))
    .sort((a, b) => b.turns - a.turns || a.name.localeCompare(b.name));
}

/** The role a row counts as: the one set, else the suggestion. */
export function effectiveRole(row: Pick<SpeakerRow, "role" | "suggestedRole">): SpeakerRole {
  return row.role ?? row.suggestedRole;
}

const INTERVIEWER_SIDE: ReadonlySet<SpeakerRole> = new Set(["interviewer", "facilitator"]);

/**
 * The labels whose role is interviewer or facilitator, for the search scope and the "leave out
 * interviewer turns" filter. Undefined when no live record sets any role: callers then use
 * isInterviewerLabel. When roles are set and `labels` (every label detected in the project) is given,
 * a label without a role of its own counts by its suggestion, so marking one participant does not
 * make every interviewer a participant.
 */
export function interviewerLabels(records: Iterable<SpeakerRecord>, labels?: Iterable<string>): string[] | undefined {
  const byLabel = speakerRecordsByLabel(records);
  const withRole = [...byLabel.values()].filter((r) => r.role !== null);
  if (withRole.length === 0) return undefined;
  const out = new Set(withRole.filter((r) => r.role !== null && INTERVIEWER_SIDE.has(r.role)).map((r) => r.label));
  for (const label of labels ?? []) if (!byLabel.get(label)?.role && isInterviewerLabel(label)) out.add(label);
  return [...out].sort();
}

// ------------------------------------------------------------------ suggested merges

const ROLE_WORDS: Readonly<Record<string, string>> = {
  participant: "p",
  pt: "p",
  p: "p",
  respondent: "r",
  resp: "r",
  r: "r",
  interviewee: "ie",
  ie: "ie",
  interviewer: "i",
  int: "i",
  ivr: "i",
  iv: "i",
  i: "i",
  facilitator: "f",
  f: "f",
  moderator: "m",
  m: "m",
  speaker: "s",
};

const ROLE_AND_NUMBER = /^([a-z]+)\s*[-#.]?\s*(\d{0,4})([a-z]?)$/;

/**
 * The speaker a label names, for suggesting merges. The rule (docs/search.md "Speakers"):
 *  1. case, surrounding spaces, a trailing colon or full stop and anything in brackets are ignored
 *     ("P07 (ward manager)" → "p07");
 *  2. a role word or its abbreviation with a number is that role's letter and the number without
 *     leading zeros ("Participant 7", "P07", "p-7", "Pt 7" → "p7"; "Respondent 3", "R3" → "r3";
 *     "Interviewer", "INT", "I" → "i"); participant and respondent are kept apart;
 *  3. any other label is itself, spaces collapsed ("Sara  Mannheimer" = "sara mannheimer").
 * Labels with the same key are suggested as one speaker.
 */
export function speakerKey(label: string): string {
  const bare = label
    .toLocaleLowerCase("und")
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/[\s:.]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  const m = ROLE_AND_NUMBER.exec(bare);
  if (m) {
    const role = ROLE_WORDS[m[1] ?? ""];
    if (role !== undefined) {
      const number = m[2] ? String(Number(m[2])) : "";
      return `${role}${number}${m[3] ?? ""}`;
    }
  }
  return bare === "" ? label : bare;
}

export interface MergeSuggestion {
  /** The rows' names to merge, as in the table. */
  names: string[];
  /** Every label of those rows. */
  labels: string[];
  /** The name to give them: the shortest row name (then alphabetical). */
  name: string;
}

/**
 * Rows whose labels name the same speaker (speakerKey) but are not merged yet. A row joins a group
 * through any of its labels; groups are listed most turns first.
 */
export function suggestMerges(rows: readonly SpeakerRow[]): MergeSuggestion[] {
  // Union-find over rows, joined through shared label keys.
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const owner = new Map<string, number>();
  rows.forEach((row, i) => {
    for (const label of row.labels) {
      const key = speakerKey(label);
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, SpeakerRow[]>();
  rows.forEach((row, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(row);
    else groups.set(root, [row]);
  });
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => ({
      names: g.map((r) => r.name),
      labels: g.flatMap((r) => r.labels),
      name: g.map((r) => r.name).sort((a, b) => a.length - b.length || a.localeCompare(b))[0] as string,
      turns: g.reduce((n, r) => n + r.turns, 0),
    }))
    .sort((a, b) => b.turns - a.turns || a.name.localeCompare(b.name))
    .map(({ turns: _turns, ...s }) => s);
}

/** The turns of some labels in one source, as ranges to code (each turn's body: its label left out). */
export interface SpeakerTurnRanges {
  sourceId: string;
  /** Per label, the body ranges of its turns (turnBodyRange), in text order. */
  byLabel: Record<string, Range[]>;
}

/** Every turn of the given labels, source by source (sources without one are left out). */
export function speakerTurnRanges(sources: Iterable<SpeakerSource>, labels: Iterable<string>): SpeakerTurnRanges[] {
  const wanted = new Set(labels);
  const out: SpeakerTurnRanges[] = [];
  for (const source of sources) {
    const byLabel: Record<string, Range[]> = {};
    let any = false;
    for (const turn of source.turns) {
      if (!wanted.has(turn.speaker)) continue;
      const list = Object.hasOwn(byLabel, turn.speaker) ? (byLabel[turn.speaker] as Range[]) : (byLabel[turn.speaker] = []);
      list.push(turnBodyRange(source.text, turn));
      any = true;
    }
    if (any) out.push({ sourceId: source.id, byLabel });
  }
  return out;
}
