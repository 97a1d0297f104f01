/** The search query language (shared/search/query.ts): the tree it builds and its messages. */
import { describe, expect, it } from "vitest";
import { parseQuery, type SearchQuery } from "../../../../shared/search/query";

function ok(text: string, options = {}): SearchQuery {
  const r = parseQuery(text, options);
  if (!r.ok) throw new Error(r.message);
  return r.query;
}
const shape = (q: SearchQuery) =>
  q.kind === "words"
    ? { all: q.all.map((alts) => alts.map((t) => `${t.kind}:${t.text}`)), exclude: q.exclude.map((t) => `${t.kind}:${t.text}`) }
    : q.source;

describe("parseQuery", () => {
  it("words, phrases, OR, exclusions and prefixes", () => {
    expect(shape(ok('nurse OR midwife "night shift" -agency implement* -"bank staff"'))).toEqual({
      all: [["word:nurse", "word:midwife"], ["phrase:night shift"], ["prefix:implement"]],
      exclude: ["word:agency", "phrase:bank staff"],
    });
    expect(shape(ok("a OR b OR c"))).toEqual({ all: [["word:a", "word:b", "word:c"]], exclude: [] });
    expect(shape(ok("nurse or midwife"))).toEqual({ all: [["word:nurse"], ["word:or"], ["word:midwife"]], exclude: [] }); // only capital OR joins
    expect(shape(ok("“curly quotes” mm-hmm"))).toEqual({ all: [["phrase:curly quotes"], ["word:mm-hmm"]], exclude: [] });
  });

  it("folds terms as find folds text; match case keeps case", () => {
    const q = ok("José");
    expect(q.kind === "words" && q.all[0]?.[0]?.folded).toBe("jose");
    const kept = ok("José", { matchCase: true });
    expect(kept.kind === "words" && kept.all[0]?.[0]?.folded).toBe("Jose");
  });

  it("regex mode makes one regular expression, case-insensitive unless match case", () => {
    const q = ok("nurs(e|ing)", { regex: true });
    expect(q.kind === "regex" && q.regex.flags).toBe("giu");
    const kept = ok("nurs(e|ing)", { regex: true, matchCase: true });
    expect(kept.kind === "regex" && kept.regex.flags).toBe("gu");
  });

  it("says what is wrong instead of throwing", () => {
    const message = (text: string, options = {}) => {
      const r = parseQuery(text, options);
      return r.ok ? "parsed" : r.message;
    };
    expect(message("   ")).toMatch(/Type something/);
    expect(message('"unclosed phrase')).toMatch(/quotation mark is not closed/);
    expect(message('""')).toMatch(/nothing between the quotation marks/);
    expect(message("-agency")).toMatch(/not only what to leave out/);
    expect(message("nurse -")).toMatch(/right after “-”/);
    expect(message("OR nurse")).toMatch(/OR needs a word/);
    expect(message("nurse OR")).toMatch(/OR needs a word/);
    expect(message("nurse OR -agency")).toMatch(/OR needs a word/);
    expect(message("*")).toMatch(/before “\*”/);
    expect(message("(unclosed", { regex: true })).toMatch(/not a regular expression Margin can read/);
    expect(message("x".repeat(1001))).toMatch(/too long/);
    expect(message("\u0301")).toMatch(/nothing to search for/); // a lone accent folds to nothing
  });
});
