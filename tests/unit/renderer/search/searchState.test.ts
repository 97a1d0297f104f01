import { describe, expect, it } from "vitest";
import type { KwicRow } from "../../../../shared/search/kwic";
import {
  autocodeLabel,
  EMPTY_FORM,
  formOfSaved,
  hitKey,
  indexingLine,
  nextIndex,
  passageCount,
  questionOf,
  savedFields,
  scopeLimits,
  tickAll,
  tickedRows,
  toggleTick,
  totalLine,
} from "../../../../renderer/search/searchState";

const row = (sourceId: string, start: number): KwicRow => ({
  sourceId,
  sourceName: sourceId.toUpperCase(),
  start,
  end: start + 3,
  location: "paragraph 1",
  left: "",
  hit: "hit",
  right: "",
});

describe("the Search view's rules", () => {
  it("asks with the interviewer labels only when a speaker limit is chosen, and with notes only when ticked", () => {
    const form = { ...EMPTY_FORM, text: "nurse" };
    expect(questionOf(form, "source", ["Dr Khan"])).toEqual({ text: "nurse", options: form.options, scope: {}, sort: "source" });
    const limited = { ...form, scope: { speakers: "participants" as const }, notes: { memos: true, annotations: false } };
    expect(questionOf(limited, "hit", ["Dr Khan"])).toEqual({
      text: "nurse",
      options: form.options,
      scope: { speakers: "participants", interviewerLabels: ["Dr Khan"] },
      sort: "hit",
      notes: { memos: true, annotations: false },
    });
    // No labels marked: the worker's usual labels count.
    expect(questionOf(limited, "hit", undefined).scope).toEqual({ speakers: "participants" });
  });

  it("ticks every hit by default; unticks and ticks one or all", () => {
    const rows = [row("a", 1), row("a", 9), row("b", 1)];
    expect(tickedRows(rows, new Set())).toEqual(rows);
    const one = toggleTick(new Set(), hitKey(rows[1] as KwicRow), false);
    expect(tickedRows(rows, one)).toEqual([rows[0], rows[2]]);
    expect(tickedRows(rows, toggleTick(one, hitKey(rows[1] as KwicRow), true))).toEqual(rows);
    expect(tickedRows(rows, tickAll(rows, false))).toEqual([]);
    expect(tickAll(rows, true).size).toBe(0);
    expect(hitKey(row("a", 1))).not.toBe(hitKey(row("b", 1)));
  });

  it("says the total in words, and that the worker is still indexing", () => {
    expect(totalLine([], [])).toBe("No hits");
    expect(totalLine([row("a", 1)], [])).toBe("1 hit in 1 source");
    const many = Array.from({ length: 312 }, (_, i) => row(`s${i % 41}`, i));
    expect(totalLine(many, [])).toBe("312 hits in 41 sources");
    expect(totalLine(many.slice(0, 2), [{ kind: "memo", id: "m", title: "T", start: 0, end: 1, left: "", hit: "x", right: "" }])).toBe(
      "2 hits in 2 sources, and 1 hit in memos and annotations",
    );
    expect(indexingLine({ loaded: 412, total: 1000 })).toBe("Indexing 412 of 1,000 sources… Searches still find every hit.");
    expect(indexingLine({ loaded: 1000, total: 1000 })).toBeNull();
    expect(indexingLine({ loaded: 0, total: 0 })).toBeNull();
  });

  it("labels an autocoding as the audit trail shows it, counting joined passages", () => {
    expect(autocodeLabel("Cerner OR Lorenzo", "Technology/EPR", "turn", 312)).toBe(
      "Autocoded “Cerner OR Lorenzo” → Technology/EPR, speaker turns, 312 passages",
    );
    expect(autocodeLabel("x", "A", "hit", 1)).toBe("Autocoded “x” → A, hits only, 1 passage");
    expect(autocodeLabel("y".repeat(200), "A", "section", 2)).toMatch(/^Autocoded “y{79}…” → A, sections under their heading, 2 passages$/);
    const ranges = new Map([
      [
        "a",
        [
          { start: 0, end: 5 },
          { start: 3, end: 8 },
          { start: 8, end: 9 },
          { start: 20, end: 25 },
        ],
      ],
      ["b", [{ start: 0, end: 5 }]],
    ]);
    expect(passageCount(ranges)).toBe(3);
  });

  it("a saved search gives back the same form, without interviewer labels", () => {
    const form = {
      text: "nurs(e|ing)",
      options: { regex: true, matchCase: true, wholeWords: false },
      scope: { speakers: "withoutInterviewers" as const, interviewerLabels: ["INT"], coding: { codeIds: ["c1"], inside: false } },
      notes: { memos: false, annotations: true },
    };
    const saved = savedFields(form, "  Nursing  ");
    expect(saved.name).toBe("Nursing");
    expect(saved.scope).not.toHaveProperty("interviewerLabels");
    const back = formOfSaved(saved);
    expect(back).toEqual({ ...form, scope: { speakers: "withoutInterviewers", coding: { codeIds: ["c1"], inside: false } } });
    expect(scopeLimits(back)).toBe(3);
    expect(scopeLimits(EMPTY_FORM)).toBe(0);
  });

  it("moves the keyboard's row within the list", () => {
    expect(nextIndex("ArrowDown", 0, 3)).toBe(1);
    expect(nextIndex("ArrowDown", 2, 3)).toBe(2);
    expect(nextIndex("ArrowUp", 0, 3)).toBe(0);
    expect(nextIndex("PageDown", 0, 30, 10)).toBe(10);
    expect(nextIndex("End", 0, 30)).toBe(29);
    expect(nextIndex("Home", 12, 30)).toBe(0);
    expect(nextIndex("a", 0, 3)).toBeNull();
    expect(nextIndex("ArrowDown", 0, 0)).toBeNull();
  });
});
