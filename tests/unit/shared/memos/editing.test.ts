import { describe, expect, it } from "vitest";
import { parseMemo } from "../../../../shared/memos/parse";
import {
  applyReplacement,
  insertLink,
  replaceSelection,
  toggleInlineMark,
  toggleLineKind,
  type TextState,
} from "../../../../shared/memos/editing";
import { foldMemoQuery, memoMatches, memoSearchText } from "../../../../shared/memos/search";

/** "a[b]c" marks the selection with [ ], "a|b" a cursor. */
function state(marked: string): TextState {
  const cursor = marked.indexOf("|");
  if (cursor >= 0) return { text: marked.replace("|", ""), start: cursor, end: cursor };
  const start = marked.indexOf("[");
  const end = marked.indexOf("]") - 1;
  return { text: marked.replace("[", "").replace("]", ""), start, end };
}

function show(s: TextState): string {
  if (s.start === s.end) return `${s.text.slice(0, s.start)}|${s.text.slice(s.start)}`;
  return `${s.text.slice(0, s.start)}[${s.text.slice(s.start, s.end)}]${s.text.slice(s.end)}`;
}

const bold = (marked: string) => show(applyReplacement(state(marked).text, toggleInlineMark(state(marked), "bold")));
const italic = (marked: string) => show(applyReplacement(state(marked).text, toggleInlineMark(state(marked), "italic")));
const line = (marked: string, kind: "heading" | "bullet" | "number") =>
  show(applyReplacement(state(marked).text, toggleLineKind(state(marked), kind)));

describe("bold and italic", () => {
  it("wraps the selection, keeping spaces at its edges outside", () => {
    expect(bold("Nurses use [shadow charting ]daily")).toBe("Nurses use **[shadow charting]** daily");
    expect(italic("a [word] b")).toBe("a *[word]* b");
  });

  it("unwraps when the markers sit just outside or just inside the selection", () => {
    expect(bold("a **[word]** b")).toBe("a [word] b");
    expect(bold("a [**word**] b")).toBe("a [word] b");
    expect(italic("a *[word]* b")).toBe("a [word] b");
    // Italic inside bold is not mistaken for italic: it adds italic.
    expect(italic("a **[word]** b")).toBe("a ***[word]*** b");
    expect(bold("a ***[word]*** b")).toBe("a *[word]* b");
  });

  it("inserts an empty pair at the cursor, and removes it again", () => {
    expect(bold("a |b")).toBe("a **|**b");
    expect(bold("a **|**b")).toBe("a |b");
    expect(italic("x|")).toBe("x*|*");
  });

  it("formats a selection over several lines line by line, after list markers", () => {
    expect(bold("[- one\n- two\n\n# three]")).toBe("[- **one**\n- **two**\n\n# **three**]");
  });

  it("produces memo text that reads back formatted", () => {
    const r = applyReplacement(
      "Nurses use shadow charting",
      toggleInlineMark({ text: "Nurses use shadow charting", start: 11, end: 26 }, "bold"),
    );
    expect(parseMemo(r.text).blocks[0]).toMatchObject({ children: [{ text: "Nurses use " }, { text: "shadow charting", bold: true }] });
  });
});

describe("headings and lists", () => {
  it("turns the current line into a heading and back, keeping the cursor on its word", () => {
    expect(line("The|mes", "heading")).toBe("# The|mes");
    expect(line("# The|mes", "heading")).toBe("The|mes");
    expect(line("|", "heading")).toBe("# |");
  });

  it("bullets and numbers every selected line, and turns a numbered list into bullets", () => {
    expect(line("intro\n[one\ntwo]\nend", "number")).toBe("intro\n[1. one\n2. two]\nend");
    expect(line("[1. one\n2. two]", "bullet")).toBe("[- one\n- two]");
    expect(line("[- one\n- two]", "bullet")).toBe("[one\ntwo]");
  });

  it("keeps nesting and skips blank lines", () => {
    expect(line("[one\n  two\n\nthree]", "bullet")).toBe("[- one\n  - two\n\n- three]");
  });

  it("does not take in the next line when the selection ends at its start", () => {
    expect(line("[one\n]two", "bullet")).toBe("[- one]\ntwo");
  });
});

describe("inserting", () => {
  it("inserts a link labelled with the selected words, or the target's name", () => {
    const s = state("see [the ward] now");
    expect(applyReplacement(s.text, insertLink(s, { kind: "source", id: "s1" }, "P07")).text).toBe("see [the ward](margin:source/s1) now");
    const c = state("see | now");
    const r = insertLink(c, { kind: "code", id: "c1" }, "Workarounds [draft]");
    expect(show(applyReplacement(c.text, r))).toBe("see [Workarounds \\[draft\\]](margin:code/c1)| now");
  });

  it("replaces the selection", () => {
    expect(show(applyReplacement("abc", replaceSelection({ text: "abc", start: 1, end: 2 }, "XY")))).toBe("aXY|c");
  });
});

describe("memo search", () => {
  const item = (title: string, body: string, kind: "project" | "code" = "project") => ({ searchText: memoSearchText(title, body), kind });

  it("ignores case, accents, markup and link addresses", () => {
    const memo = item("Émergent thèmes", "# Workarounds\n\n- **Shadow** *charting* on [Zoë's ward](margin:source/0190abc)");
    expect(memoMatches(memo, { query: foldMemoQuery("emergent THEMES"), kind: null })).toBe(true);
    expect(memoMatches(memo, { query: foldMemoQuery("shadow charting"), kind: null })).toBe(true);
    expect(memoMatches(memo, { query: foldMemoQuery("zoe's ward"), kind: null })).toBe(true);
    expect(memoMatches(memo, { query: foldMemoQuery("0190abc"), kind: null })).toBe(false);
    expect(memoMatches(memo, { query: foldMemoQuery("rota"), kind: null })).toBe(false);
  });

  it("filters by what the memo is linked to", () => {
    expect(memoMatches(item("A", "x", "code"), { query: "", kind: "code" })).toBe(true);
    expect(memoMatches(item("A", "x", "code"), { query: "", kind: "project" })).toBe(false);
  });
});
