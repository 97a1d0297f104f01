import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { InlineNode, ListBlock, MemoBlock, MemoDocument, TextRun } from "../../../../shared/memos/ast";
import { codingLinkMarkdown, escapeInline, marginHref, memoLinkMarkdown, parseMarginHref } from "../../../../shared/memos/links";
import { parseMemo } from "../../../../shared/memos/parse";
import { normaliseMemo } from "../../../../shared/memos/normalise";
import { serializeMemo } from "../../../../shared/memos/serialize";
import { memoLinks, memoPlainText } from "../../../../shared/memos/read";

const SOURCE_ID = "0190a000-0000-7000-8000-00000000abcd";

const t = (text: string, bold = false, italic = false): TextRun => ({ type: "text", text, bold, italic });

describe("memo blocks", () => {
  it("reads headings, paragraphs with line breaks, and nested bulleted and numbered lists", () => {
    const doc = parseMemo(
      [
        "# Themes",
        "",
        "First line",
        "second line",
        "",
        "## Workarounds",
        "- Shadow charting",
        "  - on nights",
        "  - at weekends",
        "- Paper notes",
        "",
        "3. Consent",
        "4. Recording",
        "   - backup",
        "### Small",
        "#### not a heading",
      ].join("\n"),
    );
    expect(doc.blocks.map((b) => b.type)).toEqual(["heading", "paragraph", "heading", "list", "list", "heading", "paragraph"]);
    expect(doc.blocks[0]).toEqual({ type: "heading", level: 1, children: [t("Themes")] });
    expect(doc.blocks[1]).toEqual({ type: "paragraph", children: [t("First line"), { type: "break" }, t("second line")] });
    expect(doc.blocks[2]).toMatchObject({ type: "heading", level: 2 });
    const bullets = doc.blocks[3] as ListBlock;
    expect(bullets.ordered).toBe(false);
    expect(bullets.items).toHaveLength(2);
    expect(bullets.items[0]?.children).toEqual([t("Shadow charting")]);
    expect(bullets.items[0]?.sublists[0]?.items.map((i) => i.children)).toEqual([[t("on nights")], [t("at weekends")]]);
    const numbered = doc.blocks[4] as ListBlock;
    expect(numbered).toMatchObject({ ordered: true, start: 3 });
    expect(numbered.items[1]?.sublists[0]?.items[0]?.children).toEqual([t("backup")]);
    expect(doc.blocks[5]).toMatchObject({ type: "heading", level: 3 });
    expect(doc.blocks[6]).toEqual({ type: "paragraph", children: [t("#### not a heading")] });
  });

  it("treats a change between bulleted and numbered as a new list, and tabs as indent", () => {
    const doc = parseMemo("- a\n1. b\n\t- c");
    expect(doc.blocks).toHaveLength(2);
    expect(doc.blocks[1]).toMatchObject({ type: "list", ordered: true });
    expect((doc.blocks[1] as ListBlock).items[0]?.sublists[0]?.items[0]?.children).toEqual([t("c")]);
  });

  it("accepts Windows line endings", () => {
    expect(parseMemo("# A\r\n\r\nB\r\nC").blocks).toEqual([
      { type: "heading", level: 1, children: [t("A")] },
      { type: "paragraph", children: [t("B"), { type: "break" }, t("C")] },
    ]);
  });
});

describe("memo inline formatting", () => {
  const para = (body: string): InlineNode[] => {
    const block = parseMemo(body).blocks[0];
    if (!block || block.type === "list") throw new Error("expected a paragraph");
    return block.children;
  };

  it("reads bold, italic and both, with * or _", () => {
    expect(para("a **bold** and *it* and ***both*** __b__ _i_")).toEqual([
      t("a "),
      t("bold", true),
      t(" and "),
      t("it", false, true),
      t(" and "),
      t("both", true, true),
      t(" "),
      t("b", true),
      t(" "),
      t("i", false, true),
    ]);
    expect(para("**bold *and italic* bold**")).toEqual([t("bold ", true), t("and italic", true, true), t(" bold", true)]);
  });

  it("leaves arithmetic, unclosed markers and underscores inside words alone", () => {
    expect(para("2 * 3 * 4")).toEqual([t("2 * 3 * 4")]);
    expect(para("**never closed")).toEqual([t("**never closed")]);
    expect(para("file_name_v2 and snake_case")).toEqual([t("file_name_v2 and snake_case")]);
    expect(para("****")).toEqual([t("****")]);
  });

  it("reads backslash escapes of * _ [ ] and \\ literally", () => {
    expect(para("\\*not italic\\* \\_x\\_ \\[not a link\\](margin:source/abc) \\\\")).toEqual([
      t("*not italic* _x_ [not a link](margin:source/abc) \\"),
    ]);
    // A backslash before a letter is just a backslash.
    expect(para("C:\\Users")).toEqual([t("C:\\Users")]);
  });

  it("reads margin: links with formatted labels, and an empty label", () => {
    expect(para(`See [P07 **interview**](margin:source/${SOURCE_ID}) and [](margin:code/c1)`)).toEqual([
      t("See "),
      {
        type: "link",
        href: `margin:source/${SOURCE_ID}`,
        target: { kind: "source", id: SOURCE_ID },
        children: [t("P07 "), t("interview", true)],
      },
      t(" and "),
      { type: "link", href: "margin:code/c1", target: { kind: "code", id: "c1" }, children: [] },
    ]);
  });

  it("neutralises links that do not point inside the project", () => {
    for (const href of [
      "https://example.org/x",
      "javascript:alert",
      "file:///etc/passwd",
      "margin:source/../x",
      "margin:sources/x",
      "MARGIN:source/x",
    ]) {
      const [link] = para(`[go](${href})`);
      expect(link).toMatchObject({ type: "link", href, target: null });
    }
    // Not links at all: spaces in the address, nested brackets, nothing after the label.
    expect(para("[a](has space)")).toEqual([t("[a](has space)")]);
    expect(para("[a](javascript:alert(1))")).toEqual([t("[a](javascript:alert(1))")]);
    expect(para("[a [b]](margin:code/x)")).toEqual([t("[a [b]](margin:code/x)")]);
    expect(para("[a] (margin:code/x)")).toEqual([t("[a] (margin:code/x)")]);
  });

  it("keeps formatting markers inside a link label to the label", () => {
    expect(para("*a [b*](margin:case/k) c*")).toEqual([
      t("a", false, true),
      t(" "),
      { type: "link", href: "margin:case/k", target: { kind: "case", id: "k" }, children: [t("b*", false, true)] },
      t(" "),
      t("c", false, true),
    ]);
  });
});

describe("margin links", () => {
  it("builds and reads margin: hrefs", () => {
    expect(marginHref({ kind: "coding", id: SOURCE_ID })).toBe(`margin:coding/${SOURCE_ID}`);
    expect(parseMarginHref(`margin:memo/${SOURCE_ID}`)).toEqual({ kind: "memo", id: SOURCE_ID });
    expect(() => marginHref({ kind: "source", id: "a/b" })).toThrow();
  });

  it("writes a link with an escaped, one-line label that reads back as the same words", () => {
    const md = memoLinkMarkdown({ kind: "source", id: SOURCE_ID }, "P07 [ward]\n*draft*_v2");
    expect(md).toBe(`[P07 \\[ward\\] \\*draft\\*\\_v2](margin:source/${SOURCE_ID})`);
    expect(memoPlainText(md)).toBe("P07 [ward] *draft*_v2");
    expect(memoLinks(`x ${md} ${codingLinkMarkdown("k1", "quote")} [web](https://x.org)`)).toEqual([
      { kind: "source", id: SOURCE_ID },
      { kind: "coding", id: "k1" },
    ]);
  });

  it("escapes every special character", () => {
    expect(escapeInline("a*b_c[d]e\\f")).toBe("a\\*b\\_c\\[d\\]e\\\\f");
  });
});

describe("serializer", () => {
  it("writes a memo the editor's way", () => {
    const doc: MemoDocument = {
      blocks: [
        { type: "heading", level: 2, children: [t("Themes")] },
        {
          type: "paragraph",
          children: [
            t("Nurses use "),
            t("shadow charting", true),
            t(" — "),
            t("often", false, true),
            { type: "break" },
            t("# not a heading"),
          ],
        },
        {
          type: "list",
          ordered: true,
          start: 1,
          items: [
            {
              children: [t("one")],
              sublists: [{ type: "list", ordered: false, start: 1, items: [{ children: [t("nested")], sublists: [] }] }],
            },
            {
              children: [{ type: "link", href: "margin:code/c1", target: { kind: "code", id: "c1" }, children: [t("Workarounds")] }],
              sublists: [],
            },
          ],
        },
      ],
    };
    const body = serializeMemo(doc);
    expect(body).toBe(
      "## Themes\n\nNurses use **shadow charting** — *often*\n\\# not a heading\n\n1. one\n  - nested\n2. [Workarounds](margin:code/c1)",
    );
    expect(parseMemo(body)).toEqual(doc);
  });

  it("escapes paragraph lines that would read back as headings or list items", () => {
    const lines = ["# a", "- b", "+ c", "12. d", "3) e", "* f", "#"];
    const doc: MemoDocument = {
      blocks: [{ type: "paragraph", children: lines.flatMap((l, i) => (i ? [{ type: "break" } as const, t(l)] : [t(l)])) }],
    };
    const body = serializeMemo(doc);
    expect(body.split("\n")).toEqual(["\\# a", "\\- b", "\\+ c", "12\\. d", "3\\) e", "\\* f", "\\#"]);
    expect(parseMemo(body)).toEqual(doc);
  });

  it("writes neighbouring marks as toggles that read back exactly", () => {
    const doc: MemoDocument = {
      blocks: [{ type: "paragraph", children: [t("x", true), t("y", true, true), t("z", false, true), t("*", true), t("w")] }],
    };
    expect(serializeMemo(doc)).toBe("**x*y**z***\\***w");
    expect(parseMemo(serializeMemo(doc))).toEqual(doc);
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips

const WORD = fc.stringMatching(/^[A-Za-zéØ0-9*_[\]\\#+.()!-]{1,6}$/);
const SPECIAL_WORD = fc.constantFrom("*", "**", "_", "[", "]", "\\", "#", "-", "+", "1.", "2)", "(", ")", "](x)", "\\*", "snake_case");
const anyWord = fc.oneof(WORD, SPECIAL_WORD);
const words = fc.array(anyWord, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
const run = fc.record({ type: fc.constant("text" as const), text: words, bold: fc.boolean(), italic: fc.boolean() });
const href = fc.oneof(
  fc
    .constantFrom("source", "code", "coding", "case", "memo")
    .chain((kind) => fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/).map((id) => `margin:${kind}/${id}`)),
  fc.constantFrom("https://example.org/a_b*c", "javascript:alert", "mailto:x@y.z", "margin:nope/1"),
);
const link = fc
  .record({ href, children: fc.array(run, { maxLength: 2 }) })
  .map(({ href, children }): InlineNode => ({ type: "link", href, target: parseMarginHref(href), children }));
/** One line: runs and links, sometimes with a plain space between them. */
const line = fc
  .array(fc.tuple(fc.oneof({ weight: 3, arbitrary: run }, { weight: 1, arbitrary: link }), fc.boolean()), { minLength: 1, maxLength: 4 })
  .map((segments) => segments.flatMap(([node, space], i): InlineNode[] => (i > 0 && space ? [t(" "), node] : [node])));

const heading = fc
  .record({ level: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>, children: line })
  .map((h): MemoBlock => ({ type: "heading", ...h }));
const paragraph = fc
  .array(line, { minLength: 1, maxLength: 3 })
  .map((lines): MemoBlock => ({ type: "paragraph", children: lines.flatMap((l, i) => (i ? [{ type: "break" } as const, ...l] : l)) }));

function listOf(depth: number, ordered: boolean): fc.Arbitrary<ListBlock> {
  const sublists: fc.Arbitrary<ListBlock[]> =
    depth >= 2
      ? fc.constant([])
      : fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2 })).chain(([firstOrdered, count]) =>
          // Neighbouring nested lists alternate, as they would read back.
          fc.tuple(...Array.from({ length: count }, (_, i) => listOf(depth + 1, i % 2 === 0 ? firstOrdered : !firstOrdered))),
        );
  return fc
    .record({
      start: ordered ? fc.integer({ min: 1, max: 30 }) : fc.constant(1),
      items: fc.array(fc.record({ children: line, sublists }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ start, items }) => ({ type: "list", ordered, start, items }));
}
const list = fc.boolean().chain((ordered) => listOf(0, ordered));
const doc = fc.array(fc.oneof(heading, paragraph, list), { minLength: 1, maxLength: 5 }).map((blocks): MemoDocument => ({ blocks }));

describe("round trips", () => {
  it("parse(serialize(doc)) is the document (in normal form)", () => {
    fc.assert(
      fc.property(doc, (d) => {
        expect(parseMemo(serializeMemo(d))).toEqual(normaliseMemo(d));
      }),
      { numRuns: 250 },
    );
  });

  it("any text parses, and what it parses to survives a save and reload", () => {
    const text = fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom("\n", "\n\n", "- ", "  - ", "1. ", "# ", "**", "*", "_", "[", "](margin:code/x)", "\\", "\t"),
        ),
        { maxLength: 25 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (s) => {
        const parsed = parseMemo(s);
        expect(parseMemo(serializeMemo(parsed))).toEqual(parsed);
      }),
      { numRuns: 1000 },
    );
  });

  it("plain text drops markup but keeps the words", () => {
    expect(memoPlainText("# Themes\n\n- **shadow** *charting*\n  - [P07](margin:source/x)")).toBe("Themes\nshadow charting\nP07");
  });
});
