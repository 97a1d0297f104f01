import { useEffect, type MouseEvent } from "react";
import type { ReportHeader, ReportSection } from "../../shared/reports";
import { Section } from "./Sections";
import { Swatch } from "./TranscriptBlock";
import { pageCss } from "./pageCss";
import "./print.css";

/** Long reports get a contents list (Chromium cannot print page numbers for links, so it lists). */
const CONTENTS_FROM = 4;

function jump(event: MouseEvent<HTMLAnchorElement>, id: string): void {
  // The app routes on the hash, so a same-page link must scroll rather than change it.
  event.preventDefault();
  document.getElementById(id)?.scrollIntoView({ block: "start" });
}

/**
 * Puts the report's @page rule on the page while it is shown. A constructed stylesheet, because the
 * app's Content-Security-Policy (style-src 'self') refuses inline <style> elements.
 */
function usePageRule(css: string): void {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [css]);
}

export function ReportDocument({ header, sections }: { header: ReportHeader; sections: readonly ReportSection[] }) {
  usePageRule(pageCss(header.options.pageSize, header.projectName, header.title));
  const generated = header.generatedAt.slice(0, 16).replace("T", " ");
  return (
    <article className="report-document" aria-label={header.title} lang="en-GB">
      <h1>{header.title}</h1>
      {header.subtitle && <p className="report-subtitle">{header.subtitle}</p>}
      <p className="report-meta">
        {header.projectName} · made {generated}
      </p>
      {header.legend.length > 0 && (
        <ul className="report-legend" aria-label="Codes in the margin">
          {header.legend.map((entry) => (
            <li key={entry.codeId}>
              <Swatch pattern={entry.pattern} colour={entry.colour} />
              {entry.codePath}
            </li>
          ))}
        </ul>
      )}
      {header.contents.length >= CONTENTS_FROM && (
        <nav className="report-contents" aria-label="Contents">
          <h2>Contents</h2>
          <ol>
            {header.contents.map((entry) => (
              <li key={entry.id} className={`level-${entry.level}`}>
                <a href={`#${entry.id}`} onClick={(e) => jump(e, entry.id)}>
                  {entry.text}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {sections.map((section) => (
        <Section key={section.id} section={section} header={header} />
      ))}
    </article>
  );
}
