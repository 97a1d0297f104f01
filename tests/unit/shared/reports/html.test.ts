import { describe, expect, it } from "vitest";
import { buildReport, reportOptions, reportSourceFromTables, type ReportOptions } from "../../../../shared/reports";
import { reportHtml } from "../../../../shared/reports/html";
import { fixtureTables } from "../import/fixture";

async function html(
  o: Partial<ReportOptions> & Pick<ReportOptions, "kind">,
  edit?: (t: ReturnType<typeof fixtureTables>) => void,
): Promise<string> {
  const tables = fixtureTables();
  edit?.(tables);
  return reportHtml(
    await buildReport(reportSourceFromTables(tables, "Ward <study>"), reportOptions(o), { now: () => new Date("2026-03-05T09:00:00Z") }),
  );
}

describe("report HTML", () => {
  it("is a standalone document with escaped text, headings, segments, print CSS and page numbers", async () => {
    const doc = await html({ kind: "code", codeIds: ["code-tech"], pageSize: "Letter", contextChars: 40 }, (t) => {
      t.codes[0]!.name = `<img src=x onerror=alert(1)> & "Tech"`;
    });
    expect(doc.startsWith("<!doctype html>")).toBe(true);
    expect(doc).not.toContain("<img");
    expect(doc).not.toMatch(/<script|<link|src="http/);
    expect(doc).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Tech&quot;");
    expect(doc).toContain("<title>Code report: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Tech&quot; — Ward &lt;study&gt;</title>");
    expect(doc).toContain("@page { size: Letter;");
    expect(doc).toContain('content: "Page " counter(page) " of " counter(pages)');
    expect(doc).toContain('<h2 id="kcode-usab-source-src-p01">P01 interview</h2>');
    expect(doc).toContain("<h3>P02 pharmacy, paragraph 2</h3>");
    expect(doc).toContain("<mark>Logging in takes three minutes, every time.</mark>");
    expect(doc).toContain("<strong>Annotation:</strong> Line one<br>line two");
    expect(doc).toContain("药剂师说：系统太慢了 😩");
    expect(doc).toMatch(/<nav class="contents"[^>]*>[\s\S]*href="#code-code-usab"/);
  });

  it("draws overview charts as SVG with a title, and the table as the alternative", async () => {
    const doc = await html({ kind: "overview" });
    expect(doc).toMatch(
      /<svg [^>]*role="img" aria-labelledby="chart-codes-t chart-codes-d"[^>]*><title id="chart-codes-t">Codings per code: bar chart of Codings<\/title>/,
    );
    expect(doc).toMatch(/<title id="chart-by-case-t">Codes × cases: heatmap<\/title>/);
    expect(doc).toContain('<tr><th scope="row">Technology/Usability</th><td class="n">3</td><td class="n">2</td></tr>');
    const noCharts = await html({ kind: "overview", includeCharts: false });
    expect(noCharts).not.toContain("<svg");
    expect(noCharts).toContain("<table>");
  });

  it("prints a coded transcript with stripe lanes, labels where codes start and numbered notes", async () => {
    const doc = await html({ kind: "transcript", sourceIds: ["src-p01"] });
    // The coded words are underlined in their code's line style, the rest of the paragraph is not.
    expect(doc).toMatch(
      /<span class="speaker">P01<\/span>: Mixed\. <u class="c\d d\d" style="text-decoration-color:#[0-9a-fA-F]{6}">Logging in takes three minutes, every time\.<\/u>/,
    );
    expect(doc).toContain("<strong>Usability</strong> <sup>[1]</sup>");
    expect(doc).toMatch(/<li value="2"><span class="muted">Technology, speaker turn 4 \(P01\), Sam Okafor:<\/span>/);
    expect(doc).toContain("Codes in this transcript");
  });

  it("shortens long code paths in its charts from the middle, keeping the code's own name", async () => {
    const long = "Time pressures on clinical staff during go-live week, nights and weekends";
    const doc = await html({ kind: "overview" }, (t) => {
      t.codes[0]!.name = "Implementation barriers and other things that got in the way";
      t.codes[1]!.name = long;
    });
    const labels = [...doc.matchAll(/text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
    const shortened = labels.filter((l) => l.includes("…"));
    expect(shortened.length).toBeGreaterThan(0);
    for (const label of shortened) expect(label.startsWith("Implem")).toBe(true);
    expect(shortened.some((l) => l.endsWith(long.slice(-30)))).toBe(true);
  });

  it("writes codebook and memo reports", async () => {
    const codebook = await html({ kind: "codebook" });
    expect(codebook).toContain("<dt>When not to use</dt><dd>about staffing.</dd>");
    const memos = await html({ kind: "memos" });
    expect(memos).toContain("<p>We code <strong>deductively</strong> first.</p><ul><li>then inductively</li></ul>");
    expect(memos).toContain("Linked to: Code: Technology/Usability");
  });
});
