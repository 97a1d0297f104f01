/**
 * Reports as Word documents, so they open and can be edited in Word and LibreOffice: real Heading
 * 1/2/3 styles (code / source / segment in a code report; so Word's navigation pane and contents
 * fields work), a "Quote" paragraph style for coded passages, tables for the codebook, the
 * transcript's codes column and the overview, a running header with the project and report title,
 * "Page X of Y" in the footer, and A4 or Letter pages.
 *
 * The `docx` package writes the package: styles, header, footer, page setup, and the parts Word
 * expects. The body, which is nearly all of a long report, is written by wordml.ts as strings and
 * put in place of a placeholder paragraph (the package's per-element objects were the slow part).
 */
import { AlignmentType, BorderStyle, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun } from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { InlineNode, MemoBlock } from "../memos/ast";
import type { CodeSummary, HeadingSection, Report, ReportSection, ReportSegment, TableSection, TranscriptBlockSection } from "./model";
import { countsLine, descriptionRows, detailsLine, generatedLine, patternGlyph, segmentMeta, segmentPlace } from "./format";
import { heading, labelled, muted, para, paragraph, run, table, type Cell } from "./wordml";
import { codedRuns } from "./transcript";

/** Page sizes in twentieths of a point. */
const PAGE = { A4: { width: 11906, height: 16838 }, Letter: { width: 12240, height: 15840 } } as const;
const MARGIN = 1134; // 2 cm
const GREY = "595959";
const PLACEHOLDER = "MARGIN-REPORT-BODY-7f3a";

function colour(hex: string): string {
  const h = hex.replace(/^#/, "");
  return /^[0-9a-fA-F]{6}$/.test(h) ? h.toUpperCase() : "000000";
}

function inline(nodes: readonly InlineNode[]): string {
  return nodes
    .map((n) => {
      if (n.type === "break") return "<w:r><w:br/></w:r>";
      if (n.type === "text") return run(n.text, { bold: n.bold, italics: n.italic });
      return n.children.map((c) => run(c.text, { bold: c.bold, italics: c.italic, underline: true })).join("");
    })
    .join("");
}

function memoBody(blocks: readonly MemoBlock[], depth = 0): string {
  let out = "";
  for (const b of blocks) {
    if (b.type === "paragraph") out += paragraph(inline(b.children), { indentLeft: depth > 0 ? 360 * depth : undefined });
    else if (b.type === "heading") out += paragraph(inline(b.children), { style: "MemoHeading", keepNext: true });
    else
      b.items.forEach((item, i) => {
        out += paragraph(run(b.ordered ? `${b.start + i}.\t` : "•\t") + inline(item.children), {
          indentLeft: 360 * (depth + 1),
          hanging: 360,
        });
        out += memoBody(item.sublists, depth + 1);
      });
  }
  return out;
}

function codeSummary(code: CodeSummary): string {
  let out = descriptionRows(code)
    .map((r) => labelled(r.label, r.value))
    .join("");
  out += muted(countsLine(code));
  for (const memo of code.memos) {
    out += para(`Code memo: ${memo.title || "Untitled"} (${memo.author}, ${memo.date})`, { bold: true, keepNext: true });
    out += memoBody(memo.blocks);
  }
  return out;
}

function segment(s: ReportSegment): string {
  let quote = "";
  if (s.context) quote += run(`${s.context.clippedBefore ? "… " : ""}${s.context.before}`, { color: GREY });
  quote += run(s.text, { bold: s.context !== null });
  if (s.context) quote += run(`${s.context.after}${s.context.clippedAfter ? " …" : ""}`, { color: GREY });
  const note = s.note.trim();
  return (
    heading(3, segmentPlace(s)) +
    paragraph(quote, { style: "Quote", keepNext: true, keepLines: true }) +
    para(segmentMeta(s), { style: "SegmentDetails", keepNext: note !== "" }) +
    (note !== "" ? labelled("Annotation", note) : "")
  );
}

function headingSection(h: HeadingSection): string {
  return (
    heading(h.level, h.text) +
    (h.details.length > 0 ? muted(detailsLine(h.details)) : "") +
    (h.code && h.level === 1 ? codeSummary(h.code) : "")
  );
}

/** Heatmap cells are shaded from white to mid-grey by value: readable in greyscale print, number always shown. */
function shade(value: number, max: number): string | undefined {
  if (value <= 0 || max <= 0) return undefined;
  const hex = Math.round(255 - (value / max) * 120)
    .toString(16)
    .padStart(2, "0");
  return `${hex}${hex}${hex}`.toUpperCase();
}

function tableSection(t: TableSection): string {
  const max = Math.max(0, ...t.rows.flatMap((r) => r.values));
  const bar = t.chart?.kind === "bar" ? t.chart.column : null;
  const barMax = bar === null ? 0 : Math.max(0, ...t.rows.map((r) => r.values[bar] ?? 0));
  const columns = [t.rowHeader, ...t.columns, ...(bar !== null ? [`${t.columns[bar] ?? ""} (chart)`] : [])];
  const labelWidth = 30;
  const rest = (100 - labelWidth) / Math.max(1, columns.length - 1);
  const widths = columns.map((_, i) => (i === 0 ? labelWidth : rest));
  const head: Cell[] = columns.map((c) => ({ body: para(c, { bold: true }), fill: "E7E6E6" }));
  const rows: Cell[][] = t.rows.map((r) => [
    { body: para(r.label) },
    ...r.values.map((v) => ({ body: para(String(v), { align: "right" }), fill: t.chart?.kind === "heatmap" ? shade(v, max) : undefined })),
    ...(bar !== null
      ? [{ body: para("█".repeat(barMax > 0 ? Math.round(((r.values[bar] ?? 0) / barMax) * 20) : 0), { color: "404040" }) }]
      : []),
  ]);
  return heading(1, t.title) + muted(t.caption) + table([head, ...rows], { header: 1, widths });
}

/** Word's underline per stripe pattern, so the coded words read in greyscale as on the printed page. */
const UNDERLINES = ["single", "dash", "dotted", "double", "wave", "dashLong"] as const;

/**
 * The block's runs: the speaker label bold, the coded words underlined in their code's style and colour
 * (Word has one underline per run: where codings overlap, the one in the leftmost lane).
 */
function transcriptRuns(b: TranscriptBlockSection, speakerLength: number): string {
  return codedRuns(b.text.length, b.stripes, speakerLength > 0 ? [speakerLength] : [])
    .map((r) => {
      const mark = r.marks.length > 0 ? b.stripes[r.marks[0] as number] : undefined;
      return run(b.text.slice(r.from, r.to), {
        bold: r.to <= speakerLength,
        ...(mark ? { underline: { style: UNDERLINES[mark.pattern % UNDERLINES.length] ?? "single", color: colour(mark.colour) } } : {}),
      });
    })
    .join("");
}

function transcriptRow(b: TranscriptBlockSection): Cell[] {
  let text: string;
  if (b.blockKind === "heading") text = heading(Math.min(b.level ?? 1, 2), b.text);
  else text = paragraph(transcriptRuns(b, b.speaker && b.text.startsWith(b.speaker) ? b.speaker.length : 0));
  const codes = b.stripes
    .map((s) =>
      paragraph(
        run(`${patternGlyph(s.pattern)} `, { color: colour(s.colour) }) +
          run(s.codeName, { bold: s.startsHere }) +
          (s.startsHere ? "" : run(" (continued)", { color: GREY })) +
          (s.noteNumbers.length > 0 ? run(` [${s.noteNumbers.join(", ")}]`) : ""),
      ),
    )
    .join("");
  return [{ body: para(String(b.number), { color: GREY, size: 16 }) }, { body: text }, { body: codes }];
}

function codebookTable(sections: readonly ReportSection[]): string {
  const entries = sections.flatMap((s) => (s.type === "codebookEntry" ? [s.code] : []));
  if (entries.length === 0) return "";
  const head: Cell[] = ["Code", "Definition", "Codings", "Sources"].map((h) => ({ body: para(h, { bold: true }), fill: "E7E6E6" }));
  const rows: Cell[][] = entries.map((c) => [
    { body: para(c.name, { indentLeft: 240 * c.depth }) },
    { body: para(c.description.definition) },
    { body: para(String(c.counts.codingsWithSubcodes), { align: "right" }) },
    { body: para(String(c.counts.sourcesWithSubcodes), { align: "right" }) },
  ]);
  return (
    heading(1, "Codebook at a glance") +
    muted("Counts include sub-codes.") +
    table([head, ...rows], { header: 1, widths: [30, 50, 10, 10] })
  );
}

function section(s: ReportSection, kind: Report["header"]["kind"]): string {
  switch (s.type) {
    case "heading":
      return headingSection(s);
    case "segment":
      return segment(s.segment);
    case "text":
      return para(s.text, { italics: true });
    case "codebookEntry": {
      const own = kind === "codebook";
      return (
        heading(own ? s.code.depth + 1 : 2, own ? s.code.name : s.code.path) +
        (own && s.code.depth > 0 ? muted(s.code.path) : "") +
        codeSummary(s.code)
      );
    }
    case "memo":
      return heading(1, s.memo.title) + muted(`Linked to: ${s.target} · ${s.memo.author} · ${s.memo.date}`) + memoBody(s.memo.blocks);
    case "notes":
      return (
        heading(1, s.title) +
        s.notes
          .map((n) =>
            paragraph(
              run(`[${n.number}] `, { bold: true }) +
                run(`${n.codePath}, ${n.location}, ${n.coder}: `, { color: GREY }) +
                run(`“${n.excerpt}” `, { italics: true }) +
                run(n.text),
              { keepLines: true },
            ),
          )
          .join("")
      );
    case "table":
      return tableSection(s);
    case "block":
      return "";
  }
}

/** The body XML: title, contents, legend, then every section. */
export function reportBodyXml(report: Report): string {
  const { header, sections } = report;
  const out: string[] = [];
  out.push(
    paragraph(run(header.title), { style: "Title" }),
    muted(`${header.projectName} · ${header.subtitle}`),
    muted(generatedLine(header.generatedAt)),
  );
  if (header.contents.length > 1) {
    out.push(para("Contents", { bold: true, size: 26, keepNext: true }));
    for (const c of header.contents) out.push(para(c.text, { indentLeft: c.level === 2 ? 360 : undefined, keepLines: false }));
  }
  if (header.kind === "transcript" && header.legend.length > 0) {
    out.push(para("Codes in this transcript", { bold: true, size: 26, keepNext: true }));
    for (const e of header.legend) out.push(paragraph(run(`${patternGlyph(e.pattern)} `, { color: colour(e.colour) }) + run(e.codePath)));
  }
  if (header.kind === "codebook") out.push(codebookTable(sections));
  let rows: Cell[][] = [];
  const flush = () => {
    if (rows.length > 0) out.push(table(rows, { borders: "columns", widths: [6, 66, 28] }));
    rows = [];
  };
  for (const s of sections) {
    if (s.type === "block") rows.push(transcriptRow(s));
    else {
      flush();
      out.push(section(s, header.kind));
    }
  }
  flush();
  return out.join("");
}

/** The package around the body: styles, running header, page X of Y footer, page size. */
export function reportDocument(report: Report): Document {
  const { header } = report;
  const small = { size: 18, color: GREY };
  return new Document({
    creator: "Margin",
    title: `${header.title} (${header.projectName})`,
    description: header.subtitle,
    styles: {
      default: { document: { run: { font: "Calibri", size: 22 } } },
      paragraphStyles: [
        {
          id: "Quote",
          name: "Quote",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { italics: true, color: "262626" },
          paragraph: {
            indent: { left: 567, right: 567 },
            spacing: { before: 60, after: 60 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: "7F7F7F", space: 8 } },
          },
        },
        {
          id: "SegmentDetails",
          name: "Segment details",
          basedOn: "Normal",
          next: "Normal",
          run: { size: 18, color: GREY },
          paragraph: { indent: { left: 567 }, spacing: { after: 160 } },
        },
        { id: "MemoHeading", name: "Memo heading", basedOn: "Normal", next: "Normal", run: { bold: true } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE[header.options.pageSize],
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: `${header.projectName} — ${header.title}`, ...small })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], ...small })],
              }),
            ],
          }),
        },
        children: [new Paragraph(PLACEHOLDER)],
      },
    ],
  });
}

/** The .docx file's bytes. */
export async function reportDocx(report: Report): Promise<Uint8Array> {
  const files = unzipSync(await Packer.pack(reportDocument(report), "uint8array"));
  const documentXml = strFromU8(files["word/document.xml"] ?? new Uint8Array());
  const at = documentXml.indexOf(PLACEHOLDER);
  const from = Math.max(documentXml.lastIndexOf("<w:p>", at), documentXml.lastIndexOf("<w:p ", at));
  const to = documentXml.indexOf("</w:p>", at);
  if (at < 0 || from < 0 || to < 0) throw new Error("The Word document template has no place for the report body.");
  files["word/document.xml"] = strToU8(documentXml.slice(0, from) + reportBodyXml(report) + documentXml.slice(to + "</w:p>".length));
  return zipSync(files, { level: 6 });
}
