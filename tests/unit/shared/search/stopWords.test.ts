import { describe, expect, it } from "vitest";
import { ENGLISH_STOP_WORDS } from "../../../../shared/search/wordFrequency";
import {
  addStopWords,
  NO_STOP_WORD_CHANGES,
  parseStopWordChanges,
  removeStopWord,
  stopWordList,
  typedStopWords,
} from "../../../../shared/search/stopWords";

describe("the researcher's stop-word list", () => {
  it("starts as the English list", () => {
    expect(stopWordList(NO_STOP_WORD_CHANGES)).toEqual([...ENGLISH_STOP_WORDS]);
    expect(ENGLISH_STOP_WORDS).toEqual(expect.arrayContaining(["the", "and", "was"]));
    // Spoken fillers and contractions too: interviews are speech.
    expect(ENGLISH_STOP_WORDS).toEqual(expect.arrayContaining(["yeah", "um", "don't", "it's"]));
  });

  it("adds typed words, folded, and removes English ones", () => {
    const typed = typedStopWords(" Basically, SORT;  shan’t\nbasically ");
    expect(typed).toEqual(["basically", "shan't", "sort"]);
    let changes = addStopWords(NO_STOP_WORD_CHANGES, [...typed, "the"]);
    expect(changes.added).toEqual(["basically", "shan't", "sort"]);
    changes = removeStopWord(changes, "the");
    changes = removeStopWord(changes, "sort");
    const list = stopWordList(changes);
    expect(list).toContain("basically");
    expect(list).not.toContain("sort");
    expect(list).not.toContain("the");
    // adding an English word back undoes its removal
    expect(stopWordList(addStopWords(changes, ["the"]))).toContain("the");
  });

  it("reads stored changes defensively", () => {
    expect(parseStopWordChanges(null)).toEqual(NO_STOP_WORD_CHANGES);
    expect(parseStopWordChanges({ added: ["Yeah", 3, ""], removed: "the" })).toEqual({ added: ["yeah"], removed: [] });
  });
});
