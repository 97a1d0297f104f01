import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../../shared/text/escapeHtml";

describe("escapeHtml, the one escaper for HTML text and attributes", () => {
  it("escapes the five characters that could end an element or attribute, by name", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  });

  it("writes numeric references in the print window's form", () => {
    expect(escapeHtml(`<script>&"'`, "numeric")).toBe("&#60;script&#62;&#38;&#34;&#39;");
  });

  it("leaves other text alone", () => {
    expect(escapeHtml("Ward 7 — “notes” ü")).toBe("Ward 7 — “notes” ü");
  });
});
