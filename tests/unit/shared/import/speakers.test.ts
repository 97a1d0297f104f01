import { describe, expect, it } from "vitest";
import { convertDocx, convertText, type ConvertedSource } from "../../../../shared/import";
import { makeDocx, makeTranscriptDocx, type TranscriptTurn } from "../../../fixtures/docx/generate";
import { makeSyntheticInterview, syntheticInterviewDocx, syntheticInterviewText } from "../../../fixtures/docx/synthetic";
import { expectWellFormed, utf8 } from "./helpers";

const fromText = (text: string): Promise<ConvertedSource> => convertText(utf8(text), "transcript.txt");

/** [speaker, label part, first words after the label] per turn. */
function turnsOf(source: ConvertedSource): Array<[string, string]> {
  return source.turns.map((t) => [t.speaker, source.text.slice(t.start, t.labelEnd)]);
}

describe("speaker label styles", () => {
  it.each([
    ["Interviewer", "Respondent"],
    ["INT", "R"],
    ["Q", "A"],
    ["I", "P1"],
    ["Researcher 1", "Respondent 3"],
    ["Interviewer", "P07"],
    ["Facilitator", "Speaker B"],
  ])('detects "%s:" and "%s:" turns', async (a, b) => {
    const source = await fromText(`${a}: How long have you worked here?\n${b}: About six years now.\n${a}: And before that?\n`);
    expectWellFormed(source);
    expect(turnsOf(source)).toEqual([
      [a, `${a}:`],
      [b, `${b}:`],
      [a, `${a}:`],
    ]);
  });

  it("detects labels with a full-width colon (Chinese transcripts)", async () => {
    const source = await fromText("访谈者：您在这里工作多久了？\n受访者：大约六年。\n访谈者：之前呢？\n受访者：在社区。\n");
    expect(turnsOf(source)).toEqual([
      ["访谈者", "访谈者："],
      ["受访者", "受访者："],
      ["访谈者", "访谈者："],
      ["受访者", "受访者："],
    ]);
  });

  it("detects recurring bold names followed by a colon (colon inside or outside the bold)", async () => {
    const turns: TranscriptTurn[] = [
      { speaker: "Ruth", text: "Tell me about the ward.", boldLabel: true },
      { speaker: "Sam", text: "It is a busy surgical ward.", boldLabel: true },
      { speaker: "Ruth", text: "And the staffing?", boldLabel: true },
      { speaker: "Sam", text: "Short, mostly at night.", boldLabel: true },
    ];
    const source = await convertDocx(await makeTranscriptDocx({ title: "Ward interview", turns }), "bold.docx");
    expectWellFormed(source);
    expect(turnsOf(source)).toEqual(turns.map((t) => [t.speaker, `${t.speaker}:`]));
    for (const turn of source.turns) {
      expect(source.marks).toContainEqual({ kind: "bold", start: turn.start, end: turn.labelEnd });
    }
  });

  it('reads the Otter.ai layout: "Name  00:00" line, then the utterance paragraphs', async () => {
    const turns: TranscriptTurn[] = [
      { speaker: "BSR01", timestamp: "00:00", text: "I have the email." },
      { speaker: "Sara Mannheimer", timestamp: "00:13", text: ["Great, thanks.", "Shall we start?"] },
      { speaker: "BSR01", timestamp: "1:02:33", text: "Yes." },
      { speaker: "Sara Mannheimer", timestamp: "1:02:40", text: "Okay." },
    ];
    const source = await convertDocx(await makeTranscriptDocx({ layout: "otter", turns }), "otter.docx");
    expectWellFormed(source);
    expect(source.turns.map((t) => t.speaker)).toEqual(turns.map((t) => t.speaker));
    const second = source.turns[1];
    expect(second && source.text.slice(second.start, second.labelEnd)).toBe("Sara Mannheimer  00:13");
    expect(second && source.text.slice(second.labelEnd, second.end)).toBe("\nGreat, thanks.\nShall we start?");
    expect(source.timestamps.map((s) => source.text.slice(s.start, s.end))).toEqual(["00:00", "00:13", "1:02:33", "1:02:40"]);
  });

  it('reads timestamp prefixes [hh:mm:ss], (mm:ss) and bare hh:mm:ss, and "Name (00:12):"', async () => {
    const source = await fromText(
      "[00:12:31] Interviewer: First question.\n(00:12) P2: An answer.\n00:13:05 - Interviewer: Next.\nP2 (00:13:20): Another answer.\n",
    );
    expectWellFormed(source);
    expect(turnsOf(source)).toEqual([
      ["Interviewer", "[00:12:31] Interviewer:"],
      ["P2", "(00:12) P2:"],
      ["Interviewer", "00:13:05 - Interviewer:"],
      ["P2", "P2 (00:13:20):"],
    ]);
    expect(source.timestamps.map((s) => source.text.slice(s.start, s.end))).toEqual(["[00:12:31]", "(00:12)", "00:13:05", "(00:13:20)"]);
  });

  it("records a timestamp opening a paragraph that is no turn (a time marker line, field notes)", async () => {
    const source = await fromText("[00:15:00]\n10:30 Arrived on the ward.\nThe 10:45 handover was late.\n");
    expect(source.turns).toEqual([]);
    expect(source.timestamps.map((s) => source.text.slice(s.start, s.end))).toEqual(["[00:15:00]", "10:30"]);
  });

  it("runs a turn over several paragraphs until the next turn, and stops at a heading", async () => {
    const bytes = await makeTranscriptDocx({
      title: "Focus group 2",
      turns: [
        { speaker: "Moderator", text: ["Welcome everyone.", "Let us begin."] },
        { speaker: "P3", text: ["I will go first.", "Second paragraph.", "Third paragraph."] },
      ],
    });
    const source = await convertDocx(bytes, "fg.docx");
    expectWellFormed(source);
    const [first, second] = source.turns;
    expect(first && source.text.slice(first.start, first.end)).toBe("Moderator: Welcome everyone.\nLet us begin.");
    expect(second && source.text.slice(second.start, second.end)).toBe("P3: I will go first.\nSecond paragraph.\nThird paragraph.");
    expect(source.text.slice(0, source.turns[0]?.start)).toBe("Focus group 2\n"); // the title is no turn

    const withHeading = await fromText("Interviewer: One.\nP1: Two.\n");
    expect(withHeading.turns).toHaveLength(2);
  });
});

describe("what is not a speaker", () => {
  it('ignores "Note:" and other document words in a policy document, even when they recur', async () => {
    const source = await convertDocx(
      await makeDocx([
        "Background: the programme started in 2021.",
        "Note: figures are provisional.",
        "The board approved the plan.",
        "Note: a second caveat applies.",
        "Source: trust annual report.",
      ]),
      "policy.docx",
    );
    expect(source.turns).toEqual([]);
  });

  it("in a dialogue, takes a known role speaking once, but not a one-off header line", async () => {
    const source = await fromText(
      [
        "Participant: P07 (ward manager, Trust A)",
        "Interviewer: Shall we start?",
        "P07: Yes.",
        "Interviewer: And the rota?",
        "Respondent 2: Sorry to interrupt, I agree with that.",
        "P07: It changed in May.",
        "Sam: a one-off name is not a speaker.",
      ].join("\n"),
    );
    expect(source.turns.map((t) => t.speaker)).toEqual(["Interviewer", "P07", "Interviewer", "Respondent 2", "P07"]);
    expect(source.turns[4] && source.text.slice(source.turns[4].start, source.turns[4].end)).toBe(
      "P07: It changed in May.\nSam: a one-off name is not a speaker.",
    );
  });

  it("ignores a one-off name with a colon in prose", async () => {
    const source = await fromText("Sam: a pseudonym used in the report.\nThe rest is ordinary prose.\n");
    expect(source.turns).toEqual([]);
  });

  it("ignores URLs, clock times, long labels and labels in the middle of a line", async () => {
    const source = await fromText(
      [
        "https://example.org: the website",
        "10:30: arrival on the ward",
        "The manager of the ward said this in the meeting yesterday: no.",
        "We asked the Interviewer: nothing.",
      ].join("\n"),
    );
    expect(source.turns).toEqual([]);
  });

  it('sets aside a header of "Label: value" lines before the dialogue', async () => {
    const source = await fromText(
      [
        "Interviewer: J. Smith",
        "Participant: P07",
        "Date: 3 May 2024",
        "Interviewer: Thanks for joining. Shall we start?",
        "P07: Yes, of course.",
        "Interviewer: How long have you been in post?",
        "P07: Five years.",
      ].join("\n"),
    );
    expectWellFormed(source);
    expect(source.turns.map((t) => t.speaker)).toEqual(["Interviewer", "P07", "Interviewer", "P07"]);
    expect(source.text.slice(source.turns[0]?.start)).toMatch(/^Interviewer: Thanks/);
  });
});

describe("synthetic NHS interview generator", () => {
  it("is deterministic and lands in the 6-12k word range by default", () => {
    const a = makeSyntheticInterview(7);
    expect(makeSyntheticInterview(7)).toEqual(a);
    expect(makeSyntheticInterview(8).turns).not.toEqual(a.turns);
    expect(a.spokenWords).toBeGreaterThanOrEqual(6000);
    expect(a.spokenWords).toBeLessThan(12500);
    expect(a.participant).toBe("P08");
    expect(makeSyntheticInterview(3, 2000).spokenWords).toBeLessThan(2600);
  });

  it("converts with every turn, speaker and timestamp detected, from .docx and .txt alike", async () => {
    const interview = makeSyntheticInterview(42, 6000);
    const docx = await convertDocx(await syntheticInterviewDocx(interview), "P03.docx");
    const txt = await convertText(utf8(syntheticInterviewText(interview)), "P03.txt");
    for (const source of [docx, txt]) {
      expectWellFormed(source);
      expect(source.turns.map((t) => t.speaker)).toEqual(interview.turns.map((t) => t.speaker));
      expect(source.timestamps.map((s) => source.text.slice(s.start, s.end))).toEqual(interview.turns.map((t) => t.timestamp));
      expect(source.turns.every((t) => /^\[\d\d:\d\d:\d\d\] (Interviewer|P03):$/.test(source.text.slice(t.start, t.labelEnd)))).toBe(true);
      // Spoken words plus title, preamble, labels and timestamps.
      expect(source.wordCount).toBeGreaterThan(interview.spokenWords);
      expect(source.wordCount).toBeLessThan(interview.spokenWords + 2 * interview.turns.length + 40);
    }
    // Same words, same block texts: only the title's block kind differs (heading vs paragraph).
    expect(txt.text).toBe(docx.text);
    expect(txt.contentHash).toBe(docx.contentHash);
  });
});

describe('a one-off "Label: text" line is not a speaker (issue 14 item 12e)', () => {
  it('takes recurring "P07:" and "Interviewer:" as speakers but not a video title said once', async () => {
    const text =
      "Video title: Go-live day at Site A\n" +
      "Interviewer: What happened on go-live day?\n" +
      "P07: The screens froze at eight.\n" +
      "Interviewer: And then?\n" +
      "P07: We went back to paper for an hour.\n";
    const source = await fromText(text);
    expectWellFormed(source);
    expect(source.turns.map((t) => t.speaker)).toEqual(["Interviewer", "P07", "Interviewer", "P07"]);
  });

  it("takes no speaker from a video title in a file with no dialogue", async () => {
    const source = await fromText("Video title: Go-live day at Site A\nThe ward went live at eight and the screens froze.\n");
    expect(source.turns).toEqual([]);
  });

  it("does not take a colon title as a speaker in a Word transcript either", async () => {
    const bytes = await makeDocx([
      "Video title: Go-live day at Site A",
      "P07: The screens froze at eight.",
      "Interviewer: Then what?",
      "P07: Paper for an hour.",
      "Interviewer: Thank you.",
    ]);
    const source = await convertDocx(bytes, "go-live.docx");
    expect(source.turns.map((t) => t.speaker)).toEqual(["P07", "Interviewer", "P07", "Interviewer"]);
  });
});
