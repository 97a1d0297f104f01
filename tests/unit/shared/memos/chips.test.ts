import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  chipSpans,
  chipsToMarkdown,
  keepChipsWhole,
  markdownToChips,
  marginLinkSpans,
  type ChipLinks,
} from "../../../../shared/memos/chips";

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
      fc
        .tuple(fc.string({ unit: fc.constantFrom("a", "b", " ", "\\", "*", "]", "\n") }), fc.constantFrom("code", "source", "memo", "web"))
        .map(([label, kind]) => `[${label}](${kind === "web" ? "https://x.org" : `margin:${kind}/${ID}`})`),
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

describe("chips stay whole while editing", () => {
  const md = `See [P07 interview](margin:source/${ID}) today`;
  const setup = () => {
    const links: ChipLinks = new Map();
    return { links, shown: markdownToChips(md, links) };
  };

  it("Backspace at a chip's end deletes the whole chip (and its link)", () => {
    const { links, shown } = setup();
    const end = shown.indexOf("⟧") + 1;
    const typed = shown.slice(0, end - 1) + shown.slice(end);
    const kept = keepChipsWhole(shown, typed, links);
    expect(kept).toEqual({ text: "See  today", caret: 4 });
    expect(chipsToMarkdown(kept?.text ?? "", links)).toBe("See  today");
  });

  it("typing inside a chip puts the words after it; plain typing is left alone", () => {
    const { links, shown } = setup();
    const inside = shown.indexOf("interview");
    const typed = `${shown.slice(0, inside)}x${shown.slice(inside)}`;
    const kept = keepChipsWhole(shown, typed, links);
    expect(kept?.text).toBe("See ⟦P07 interview⟧x today");
    expect(chipsToMarkdown(kept?.text ?? "", links)).toBe(`See [P07 interview](margin:source/${ID})x today`);
    expect(keepChipsWhole(shown, `${shown} and more`, links)).toBeNull();
  });

  it("a selection reaching into a chip replaces the whole chip", () => {
    const { links, shown } = setup();
    const typed = `Se!${shown.slice(shown.indexOf("interview"))}`;
    const kept = keepChipsWhole(shown, typed, links);
    expect(kept?.text).toBe("Se! today");
  });
});
