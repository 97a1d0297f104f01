/**
 * The speaker table (shared/search/speakers.ts): label counts, grouping by the researcher's names,
 * roles, suggested merges. Checked against a brute-force count over random turn lists (fast-check).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countWords } from "../../../../shared/import/stats";
import type { Turn } from "../../../../shared/import/types";
import type { SpeakerRecord } from "../../../../shared/model/records";
import {
  countSpeakerLabels,
  effectiveRole,
  mergeSpeakerLabelCounts,
  interviewerLabels,
  speakerKey,
  speakerRecordsByLabel,
  speakerTable,
  suggestMerges,
  suggestedRole,
  type SpeakerSource,
} from "../../../../shared/search/speakers";

let n = 0;
function record(label: string, name = label, role: SpeakerRecord["role"] = null, at = 1, deleted = false): SpeakerRecord {
  return {
    id: `sp-${n++}`,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: `${String(1790000000000 + at)}-00000-nodeA`,
    updatedBy: "me",
    deleted,
    label,
    name,
    role,
  };
}

/** A source made of "Label: words" paragraphs, with the turns import would detect. */
function sourceOf(id: string, lines: readonly [string, string][]): SpeakerSource {
  let text = "";
  const turns: Turn[] = [];
  for (const [label, words] of lines) {
    if (text) text += "\n";
    const start = text.length;
    text += `${label}: ${words}`;
    turns.push({ start, end: text.length, speaker: label, labelEnd: start + label.length + 1 });
  }
  return { id, text, turns };
}

const FOCUS = [
  sourceOf("s1", [
    ["Facilitator", "Welcome everyone to the group."],
    ["P1", "I work nights."],
    ["P2 (nurse)", "Days for me."],
    ["P1", "And weekends too."],
  ]),
  sourceOf("s2", [
    ["Facilitator", "Again, welcome."],
    ["P2", "Still days."],
    ["Participant 2", "Yes."],
  ]),
];

describe("speaker table", () => {
  it("counts turns, words (labels left out) and sources per label", () => {
    expect(countSpeakerLabels(FOCUS)).toEqual([
      { label: "Facilitator", turns: 2, words: 7, sourceIds: ["s1", "s2"] },
      { label: "P1", turns: 2, words: 6, sourceIds: ["s1"] },
      { label: "P2 (nurse)", turns: 1, words: 3, sourceIds: ["s1"] },
      { label: "P2", turns: 1, words: 2, sourceIds: ["s2"] },
      { label: "Participant 2", turns: 1, words: 1, sourceIds: ["s2"] },
    ]);
  });

  it("groups labels by their records' names; the role set wins over the suggestion", () => {
    const counts = countSpeakerLabels(FOCUS);
    const records = [record("P2 (nurse)", "P2"), record("P2", "P2", "participant"), record("Facilitator", "Facilitator", "facilitator")];
    const rows = speakerTable(counts, records);
    expect(rows.map((r) => [r.name, r.labels, r.turns, r.words, r.sourceIds, r.role, r.suggestedRole])).toEqual([
      ["Facilitator", ["Facilitator"], 2, 7, ["s1", "s2"], "facilitator", "facilitator"],
      ["P1", ["P1"], 2, 6, ["s1"], null, "participant"],
      ["P2", ["P2", "P2 (nurse)"], 2, 5, ["s1", "s2"], "participant", "participant"],
      ["Participant 2", ["Participant 2"], 1, 1, ["s2"], null, "participant"],
    ]);
    expect(effectiveRole(rows[1]!)).toBe("participant");
  });

  it("two records for one label: the newest live one counts", () => {
    const older = record("P1", "Pat", "participant", 1);
    const newer = record("P1", "Patricia", "interviewer", 5);
    const gone = record("P1", "Deleted", "facilitator", 9, true);
    expect(speakerRecordsByLabel([newer, gone, older]).get("P1")).toBe(newer);
    expect(speakerTable(countSpeakerLabels(FOCUS), [older, newer, gone]).find((r) => r.labels.includes("P1"))?.name).toBe("Patricia");
  });

  it("suggests roles from the label", () => {
    expect(["Interviewer", "INT", "Q", "Facilitator 2", "Moderator", "P07", "Sara"].map(suggestedRole)).toEqual([
      "interviewer",
      "interviewer",
      "interviewer",
      "facilitator",
      "facilitator",
      "participant",
      "participant",
    ]);
  });

  it("interviewerLabels: undefined without roles; set roles, then suggestions for the rest", () => {
    expect(interviewerLabels([])).toBeUndefined();
    expect(interviewerLabels([record("P1", "P1", null)])).toBeUndefined();
    const records = [record("Facilitator", "Facilitator", "facilitator"), record("Interviewer", "Interviewer", "participant")];
    expect(interviewerLabels(records)).toEqual(["Facilitator"]);
    expect(interviewerLabels(records, ["Facilitator", "Interviewer", "INT", "P1"])).toEqual(["Facilitator", "INT"]);
  });
});

describe("suggested merges", () => {
  it("the documented rule: brackets, case, colons, role words and leading zeros", () => {
    const same = ["P07", "P07 (ward manager)", "Participant 7", "p07:", "p-7", "Pt 7", "participant 07", "P 7 [late]"];
    expect(new Set(same.map(speakerKey))).toEqual(new Set(["p7"]));
    expect(new Set(["Interviewer", "INT", "I", "interviewer:"].map(speakerKey))).toEqual(new Set(["i"]));
    expect(speakerKey("Respondent 7")).not.toBe(speakerKey("P7"));
    expect(speakerKey("P7")).not.toBe(speakerKey("P17"));
    expect(speakerKey("Sara  Mannheimer")).toBe(speakerKey("sara mannheimer"));
    expect(speakerKey("Speaker B")).toBe(speakerKey("speaker b"));
  });

  it("groups rows through any of their labels, named after the shortest", () => {
    const rows = speakerTable(countSpeakerLabels(FOCUS), []);
    expect(suggestMerges(rows)).toEqual([
      { names: ["P2", "P2 (nurse)", "Participant 2"], labels: ["P2", "P2 (nurse)", "Participant 2"], name: "P2" },
    ]);
    // Once merged, nothing more to suggest.
    const merged = speakerTable(
      countSpeakerLabels(FOCUS),
      ["P2 (nurse)", "P2", "Participant 2"].map((l) => record(l, "P2")),
    );
    expect(suggestMerges(merged)).toEqual([]);
  });

  const LABELS = ["P1", "P01", "Participant 1", "P1 (nurse)", "P2", "Participant 2", "Interviewer", "INT", "Sam", "sam", "Respondent 1"];
  const turnLists = fc.array(
    fc.array(
      fc.tuple(fc.constantFrom(...LABELS), fc.array(fc.constantFrom("yes", "no", "the ward", "日本", "—", "🙂"), { maxLength: 5 })),
      {
        maxLength: 12,
      },
    ),
    { minLength: 1, maxLength: 4 },
  );
  const namesFor = fc.dictionary(fc.constantFrom(...LABELS), fc.constantFrom("A", "B", "a ", "C"), { maxKeys: 6 });

  it("brute force: counts add up per name, whatever the merges; merging the suggestions is idempotent", () => {
    fc.assert(
      fc.property(turnLists, namesFor, (lists, names) => {
        const sources = lists.map((lines, i) =>
          sourceOf(
            `s${i}`,
            lines.map(([l, words]) => [l, words.join(" ")] as [string, string]),
          ),
        );
        const records = Object.entries(names).map(([label, name]) => record(label, name));
        const rows = speakerTable(countSpeakerLabels(sources), records);
        // One at a time, by hand: every turn adds to the row of its label's name.
        const expected = new Map<string, { turns: number; words: number; sources: Set<string> }>();
        for (const s of sources)
          for (const t of s.turns) {
            const key = (names[t.speaker] ?? t.speaker).trim().toLowerCase();
            const e = expected.get(key) ?? { turns: 0, words: 0, sources: new Set<string>() };
            e.turns++;
            e.words += countWords(s.text.slice(t.labelEnd, t.end));
            e.sources.add(s.id);
            expected.set(key, e);
          }
        expect(new Map(rows.map((r) => [r.key, { turns: r.turns, words: r.words, sources: new Set(r.sourceIds) }]))).toEqual(expected);
        expect(rows.reduce((a, r) => a + r.turns, 0)).toBe(sources.reduce((a, s) => a + s.turns.length, 0));
        // Counting source by source and joining gives the same as counting all at once (the worker keeps per-source counts).
        expect(mergeSpeakerLabelCounts(sources.map((src) => countSpeakerLabels([src])))).toEqual(countSpeakerLabels(sources));
        // Apply every suggestion; then there is nothing left to suggest, and applying again changes nothing.
        const apply = (current: SpeakerRecord[], table: typeof rows) => {
          const out = [...current];
          for (const s of suggestMerges(table)) for (const label of s.labels) out.push(record(label, s.name, null, 100 + n));
          return out;
        };
        const once = apply(records, rows);
        const merged = speakerTable(countSpeakerLabels(sources), once);
        expect(suggestMerges(merged)).toEqual([]);
        const twice = speakerTable(countSpeakerLabels(sources), apply(once, merged));
        expect(twice).toEqual(merged);
        expect(merged.reduce((a, r) => a + r.turns, 0)).toBe(rows.reduce((a, r) => a + r.turns, 0));
      }),
      { numRuns: 300, seed: 16 },
    );
  });
});
