import { memo, type ReactNode } from "react";
import type {
  CodeSummary,
  CodebookEntrySection,
  HeadingSection,
  LabelledValue,
  MemoSection,
  NotesSection,
  ReportHeader,
  ReportSection,
  ReportSegment,
  TableSection,
} from "../../shared/reports";
import { MemoPreview } from "../memos/MemoPreview";
import { DataTable, FrequencyBars, Heatmap } from "./Charts";
import { TranscriptBlock } from "./TranscriptBlock";

/**
 * One report section as HTML, memoised: a 5,000-segment preview grows by chunks without redrawing what is
 * there. The app's header keeps the page's h1; the report title is h1 inside the
 * report (it is the document's top level in print and in the PDF outline), groups are h2 and below.
 */
export const Section = memo(function Section({ section, header }: { section: ReportSection; header: ReportHeader }) {
  switch (section.type) {
    case "heading":
      return <Heading section={section} showCodePath={header.options.groupBy !== "code"} />;
    case "segment":
      return <Segment segment={section.segment} showCode={header.options.groupBy !== "code" || header.options.includeSubcodes} />;
    case "block":
      return <TranscriptBlock block={section} laneCount={header.laneCount} />;
    case "notes":
      return <Notes section={section} />;
    case "codebookEntry":
      return <CodebookEntry section={section} />;
    case "memo":
      return <Memo section={section} />;
    case "table":
      return <Table section={section} charts={header.options.includeCharts} />;
    case "text":
      return (
        <p id={section.id} className="report-text">
          {section.text}
        </p>
      );
  }
});

function HeadingTag({ level, id, children }: { level: number; id: string; children: ReactNode }) {
  if (level <= 1) return <h2 id={id}>{children}</h2>;
  if (level === 2) return <h3 id={id}>{children}</h3>;
  if (level === 3) return <h4 id={id}>{children}</h4>;
  if (level === 4) return <h5 id={id}>{children}</h5>;
  return <h6 id={id}>{children}</h6>;
}

function Details({ items }: { items: readonly LabelledValue[] }) {
  if (items.length === 0) return null;
  return (
    <dl className="report-dl">
      {items.map((item, i) => (
        <div key={i} className="contents">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function countsLine(code: CodeSummary): string {
  const c = code.counts;
  const own = `${c.codings} ${c.codings === 1 ? "coding" : "codings"} in ${c.sources} ${c.sources === 1 ? "source" : "sources"}`;
  if (c.codingsWithSubcodes === c.codings && c.sourcesWithSubcodes === c.sources) return own;
  return `${own}; with sub-codes ${c.codingsWithSubcodes} in ${c.sourcesWithSubcodes}`;
}

function CodeDescription({ code }: { code: CodeSummary }) {
  const d = code.description;
  const items: LabelledValue[] = [];
  if (d.definition) items.push({ label: "Definition", value: d.definition });
  if (d.whenToUse) items.push({ label: "When to use", value: d.whenToUse });
  if (d.whenNotToUse) items.push({ label: "When not to use", value: d.whenNotToUse });
  if (d.example) items.push({ label: "Example", value: d.example });
  items.push({ label: "Counts", value: countsLine(code) });
  return (
    <>
      <Details items={items} />
      {code.memos.map((memo) => (
        <div key={memo.id} className="report-memo">
          <p className="report-meta">
            Code memo: <strong>{memo.title || "Untitled"}</strong> · {memo.author} · {memo.date}
          </p>
          <MemoPreview body={memo.body} />
        </div>
      ))}
    </>
  );
}

function Heading({ section, showCodePath }: { section: HeadingSection; showCodePath: boolean }) {
  return (
    <section className="report-heading">
      <HeadingTag level={section.level} id={section.id}>
        {section.text}
      </HeadingTag>
      {section.code && showCodePath && section.code.path !== section.text && <p className="report-meta">{section.code.path}</p>}
      {section.code ? (
        <>
          {section.code.path !== section.text && !showCodePath && <p className="report-meta">Code: {section.code.path}</p>}
          <CodeDescription code={section.code} />
        </>
      ) : null}
      <Details items={section.details} />
    </section>
  );
}

export function Segment({ segment, showCode }: { segment: ReportSegment; showCode: boolean }) {
  const meta = [
    showCode ? segment.codePath : null,
    segment.sourceName,
    segment.cases.length > 0 ? `Case ${segment.cases.join(", ")}` : null,
    ...segment.attributes.map((a) => `${a.label}: ${a.value}`),
    `Coded by ${segment.coder}`,
    segment.location.label,
    segment.date,
  ].filter((x): x is string => !!x);
  return (
    <article className="report-segment" aria-label={`Segment from ${segment.sourceName}, ${segment.location.label}`}>
      <p className="report-segment-meta">{meta.join(" · ")}</p>
      <blockquote className="report-quote">
        <p>
          {segment.context && (
            <span className="report-context">
              {segment.context.clippedBefore ? "… " : ""}
              {segment.context.before}
            </span>
          )}
          <span className="report-segment-text">{segment.text}</span>
          {segment.context && (
            <span className="report-context">
              {segment.context.after}
              {segment.context.clippedAfter ? " …" : ""}
            </span>
          )}
        </p>
      </blockquote>
      {segment.note && <p className="report-note">Annotation: {segment.note}</p>}
    </article>
  );
}

function Notes({ section }: { section: NotesSection }) {
  return (
    <section className="report-notes" aria-labelledby={section.id}>
      <h2 id={section.id}>{section.title}</h2>
      <ol>
        {section.notes.map((note) => (
          <li key={note.number} value={note.number}>
            <span className="report-meta">
              {note.codePath} · {note.coder} · {note.location} · “{note.excerpt}”
            </span>
            <br />
            {note.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

function CodebookEntry({ section }: { section: CodebookEntrySection }) {
  const code = section.code;
  return (
    <section className="report-codebook-entry" style={{ marginLeft: `${Math.min(code.depth, 4) * 5}mm` }}>
      <HeadingTag level={code.depth + 1} id={section.id}>
        {code.name}
        {code.isCategory ? " (category)" : ""}
      </HeadingTag>
      {code.depth > 0 && <p className="report-meta">{code.path}</p>}
      <CodeDescription code={code} />
    </section>
  );
}

function Memo({ section }: { section: MemoSection }) {
  return (
    <section className="report-memo" aria-labelledby={section.id}>
      <h2 id={section.id}>{section.memo.title || "Untitled memo"}</h2>
      <p className="report-meta">
        {section.target} · {section.memo.author} · {section.memo.date}
      </p>
      <MemoPreview body={section.memo.body} />
    </section>
  );
}

function Table({ section, charts }: { section: TableSection; charts: boolean }) {
  const headers = [section.rowHeader, ...section.columns];
  const rows = section.rows.map((r) => [r.label, ...r.values.map(String)]);
  let chart: ReactNode = null;
  if (charts && section.chart?.kind === "bar") {
    const column = section.chart.column;
    chart = (
      <FrequencyBars
        title={section.title}
        description={`${section.caption} Bar length is the number of ${section.columns[column] ?? "codings"}.`}
        valueLabel={section.columns[column] ?? "Codings"}
        rowHeader={section.rowHeader}
        data={section.rows.map((r) => ({ label: r.label, value: r.values[column] ?? 0 }))}
      />
    );
  } else if (charts && section.chart?.kind === "heatmap") {
    chart = (
      <Heatmap
        title={section.title}
        description={`${section.caption} Darker cells have more codings; each cell shows its number.`}
        cornerLabel={section.rowHeader}
        data={{ rowLabels: section.rows.map((r) => r.label), columnLabels: section.columns, values: section.rows.map((r) => r.values) }}
      />
    );
  }
  return (
    <section className="report-table-section" aria-labelledby={section.id}>
      <h2 id={section.id}>{section.title}</h2>
      {chart ?? <DataTable caption={section.caption} headers={headers} rows={rows} />}
    </section>
  );
}
