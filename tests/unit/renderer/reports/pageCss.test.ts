import { describe, expect, it } from "vitest";
import { cssString, pageCss } from "../../../../renderer/reports/pageCss";
import { reportFileName } from "../../../../renderer/reports/reportOutput";

describe("report page rule", () => {
  it("sets paper size, margins, running header and Page X of Y", () => {
    const css = pageCss("A4", "Shared care", "Code report: Usability");
    expect(css).toContain("size: A4;");
    expect(css).toMatch(/margin: \d+mm/);
    expect(css).toContain('@top-left { content: "Shared care";');
    expect(css).toContain('@top-right { content: "Code report: Usability";');
    expect(css).toContain('content: "Page " counter(page) " of " counter(pages);');
    expect(pageCss("Letter", "p", "t")).toContain("size: letter;");
  });

  it("quotes the researcher's text so it cannot end the CSS string", () => {
    expect(cssString('Study "A" \\ B')).toBe('"Study \\"A\\" \\\\ B"');
    expect(cssString("two\nlines")).toBe('"two lines"');
    // A title cannot close the string and add rules of its own.
    expect(cssString('x"; } @page { margin: 0')).toBe('"x\\"; } @page { margin: 0"');
  });

  it("names saved files after the report, without characters Windows refuses", () => {
    expect(reportFileName({ title: "Code report: Technology/Usability" }, "pdf")).toBe("Code report Technology Usability.pdf");
    expect(reportFileName({ title: 'a\u0001b<>|?*"' }, "csv")).toBe("a b.csv");
    expect(reportFileName({ title: "   " }, "docx")).toBe("Report.docx");
  });
});
