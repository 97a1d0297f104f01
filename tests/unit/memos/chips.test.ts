import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { chipSpans, chipsToMarkdown, markdownToChips, marginLinkSpans, type ChipLinks } from "../../../shared/memos/chips";

const ID = "01HV7ZQ3K9R2M4N6P8T0W1X2Y3";

describe("memo links shown as chips while editing", () => {
  it("shows a margin: link by its name and stores the Markdown unchanged", () => {
    const links: ChipLinks = new Map();
    const md = `See [Time pressure](margin:code/${ID}) and [the trust](https://example.org/x).`;
    const shown = markdownToChips(md, links);
    expect(shown).toBe("See ⟦Time pressure⟧ and [the trust](https://example.org/x).");
    expect(chipsToMarkdown(shown, links)).toBe(md);
    expect(chipSpans(shown, links)).toEqual([{ start: 4, end: 19 }]);
  });

  it("deleting a chip deletes the link; undoing brings the link back", () => {
    const links: ChipLinks = new Map();
    const md = `A [P07](margin:source/${ID}) b`;
    const shown = markdownToChips(md, links);
    expect(chipsToMarkdown(shown.replace("⟦P07⟧", ""), links)).toBe("A  b");
    expect(chipsToMarkdown(shown, links)).toBe(md);
  });

  it("two links with the same name stay two links; escaped labels and escaped links are kept", () => {
    const links: ChipLinks = new Map();
    const md = `[Barriers](margin:code/${ID}) [Barriers](margin:source/${ID}) [a\\*b](margin:case/x1) \\[no](margin:case/x2)`;
    const shown = markdownToChips(md, links);
    expect(shown).toBe("⟦Barriers⟧ ⟦Barriers (2)⟧ ⟦a*b⟧ \\[no](margin:case/x2)");
    expect(chipsToMarkdown(shown, links)).toBe(md);
    expect(marginLinkSpans(md)).toHaveLength(3);
  });

  it("text that already holds chip brackets is shown as written", () => {
    const links: ChipLinks = new Map();
    const md = `⟦typed⟧ [x](margin:code/${ID})`;
    expect(markdownToChips(md, links)).toBe(md);
    expect(chipsToMarkdown(md, links)).toBe(md);
  });

  it("any memo text comes back exactly (property)", () => {
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", " ", "\n", "[", "]", "(", ")", "\\", "*", "⟦", "⟧", "m") }),
      fc.tuple(fc.string({ unit: fc.constantFrom("a", "b", " ", "\\", "*", "]", "\n") }), fc.constantFrom("code", "source", "memo", "web")).map(
        ([label, kind]) => `[${label}](${kind === "web" ? "https://x.org" : `margin:${kind}/${ID}`})`,
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const md = parts.join("");
        const links: ChipLinks = new Map();
        const shown = markdownToChips(md, links);
        expect(chipsToMarkdown(shown, links)).toBe(md);
        // Shown text is stable: showing what is stored again gives the same text.
        expect(markdownToChips(chipsToMarkdown(shown, links), links)).toBe(shown);
      }),
      { numRuns: 500 },
    );
  });
});
