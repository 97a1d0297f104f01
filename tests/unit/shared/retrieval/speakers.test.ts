/**
 * Leaving out interviewer and facilitator turns from coded segments (shared/retrieval/speakers.ts),
 * checked character by character against a brute-force reading of the rule.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Range } from "../../../../shared/coding/ranges";
import type { Turn } from "../../../../shared/import/types";
import { isInterviewerLabel } from "../../../../shared/search/scope";
import { cutSegmentsToSpeakers, cutToKept, keptBySpeakers, type SpeakerScope } from "../../../../shared/retrieval/speakers";

const TEXT = "Interviewer: How was the go-live?\nP07: It was chaos, honestly.\nFacilitator: Thanks.\nNotes after.";
const turn = (speaker: string, start: number, end: number, labelEnd: number): Turn => ({ speaker, start, end, labelEnd });
const TURNS = [turn("Interviewer", 0, 33, 12), turn("P07", 34, 62, 38), turn("Facilitator", 63, 83, 75)];
const CONTENT = { id: "s", text: TEXT, turns: TURNS };
const words = (ranges: readonly Range[]) => ranges.map((r) => TEXT.slice(r.start, r.end));

describe("cutting coded segments to speaker turns", () => {
  it("a passage spanning a question and its answer keeps only the answer's words", () => {
    const coded = { start: 13, end: 62 };
    expect(words(cutToKept(TEXT, coded, keptBySpeakers(CONTENT, "withoutInterviewers")))).toEqual(["It was chaos, honestly."]);
    expect(words(cutToKept(TEXT, coded, keptBySpeakers(CONTENT, "participants")))).toEqual(["It was chaos, honestly."]);
    expect(words(cutToKept(TEXT, coded, keptBySpeakers(CONTENT, "all")))).toEqual([TEXT.slice(13, 62)]);
  });

  it("text outside turns stays without interviewers and goes with participants only", () => {
    const coded = { start: 39, end: TEXT.length };
    expect(words(cutToKept(TEXT, coded, keptBySpeakers(CONTENT, "withoutInterviewers")))).toEqual([
      "It was chaos, honestly.",
      "Notes after.",
    ]);
    expect(words(cutToKept(TEXT, coded, keptBySpeakers(CONTENT, "participants")))).toEqual(["It was chaos, honestly."]);
  });

  it("a segment wholly in an interviewer's turn disappears; marked labels replace the built-in rule", () => {
    expect(cutToKept(TEXT, { start: 13, end: 33 }, keptBySpeakers(CONTENT, "withoutInterviewers"))).toEqual([]);
    // When the researcher marks P07 as the interviewer, the "Interviewer" label is a participant.
    const kept = keptBySpeakers(CONTENT, "participants", ["p07"]);
    expect(words(cutToKept(TEXT, { start: 0, end: TEXT.length }, kept))).toEqual(["How was the go-live?", "Thanks."]);
  });

  it("pieces of one segment get unique keys and keep the rest of the segment", () => {
    const segment = { key: "c1", sourceId: "s", start: 13, end: TEXT.length, codeIds: ["k"] };
    const kept = keptBySpeakers(CONTENT, "withoutInterviewers");
    const cut = cutSegmentsToSpeakers([segment, { ...segment, key: "c2", sourceId: "unknown" }], (id) =>
      id === "s" ? { text: TEXT, kept } : undefined,
    );
    expect(cut.map((s) => [s.key, TEXT.slice(s.start, s.end), s.codeIds])).toEqual([
      ["c1", "It was chaos, honestly.", ["k"]],
      ["c1#2", "Notes after.", ["k"]],
      ["c2", TEXT.slice(13), ["k"]],
    ]);
  });

  /** The rule read literally, one character at a time. */
  function bruteForce(text: string, turns: readonly Turn[], range: Range, speakers: SpeakerScope, labels?: readonly string[]): Range[] {
    if (speakers === "all") return [range];
    const interviewer = (t: Turn) =>
      labels ? labels.some((l) => l.toLowerCase() === t.speaker.toLowerCase()) : isInterviewerLabel(t.speaker);
    const keep = (i: number) => {
      const holding = turns.filter((t) => t.start <= i && i < t.end);
      if (holding.some((t) => i < t.labelEnd)) return false;
      if (holding.some(interviewer)) return false;
      return speakers === "withoutInterviewers" || holding.length > 0;
    };
    const out: Range[] = [];
    let runStart = -1;
    for (let i = range.start; i <= range.end; i++) {
      const kept = i < range.end && keep(i);
      if (kept && runStart < 0) runStart = i;
      if (!kept && runStart >= 0) {
        let s = runStart;
        let e = i;
        while (s < e && /\s/.test(text[s] ?? "")) s++;
        while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
        if (s < e) out.push({ start: s, end: e });
        runStart = -1;
      }
    }
    return out;
  }

  it("equals the character-by-character rule on random transcripts", () => {
    const speaker = fc.constantFrom("Interviewer", "P07", "Q", "Facilitator 2", "Sara", "INT");
    const piece = fc.record({
      gap: fc.integer({ min: 0, max: 3 }),
      label: fc.integer({ min: 0, max: 4 }),
      body: fc.string({ unit: fc.constantFrom("a", "b", " ", "\n"), maxLength: 8 }),
      speaker,
    });
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 6 }),
        fc.constantFrom<SpeakerScope>("all", "withoutInterviewers", "participants"),
        fc.option(fc.subarray(["interviewer", "p07", "sara", "q"]), { nil: undefined }),
        fc.nat(),
        fc.nat(),
        (pieces, speakers, labels, a, b) => {
          let text = "";
          const turns: Turn[] = [];
          for (const p of pieces) {
            text += "x ".repeat(p.gap);
            const start = text.length;
            text += "L".repeat(p.label) + p.body;
            if (text.length > start) turns.push({ speaker: p.speaker, start, end: text.length, labelEnd: start + p.label });
          }
          text += " tail";
          const from = a % (text.length + 1);
          const to = from + (b % (text.length - from + 1));
          const range = { start: from, end: to };
          const kept = keptBySpeakers({ id: "s", text, turns }, speakers, labels);
          expect(cutToKept(text, range, kept)).toEqual(bruteForce(text, turns, range, speakers, labels));
        },
      ),
      { numRuns: 500 },
    );
  });
});
