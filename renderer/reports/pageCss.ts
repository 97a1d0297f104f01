import type { PageSize } from "../../shared/reports";

/** A CSS string literal: the project name and title are the researcher's text. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, " ")}"`;
}

/**
 * The @page rule for this report: paper size, margins, running header (project and report title) and
 * "Page X of Y" in the page-margin boxes, which Chromium prints from version 131.
 */
export function pageCss(pageSize: PageSize, projectName: string, title: string): string {
  const box = "font-family: system-ui, sans-serif; font-size: 8pt; color: #333;";
  return `@page {
  size: ${pageSize === "Letter" ? "letter" : "A4"};
  margin: 18mm 16mm 18mm 16mm;
  @top-left { content: ${cssString(projectName)}; ${box} }
  @top-right { content: ${cssString(title)}; ${box} }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); ${box} }
}`;
}
