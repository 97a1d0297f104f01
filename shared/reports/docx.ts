/**
 * Reports as Word documents (the `docx` package), so they open and can be edited in Word and
 * LibreOffice: real Heading 1/2/3 styles (code / source / segment in a code report; so Word's
 * navigation pane and contents fields work), a "Quote" paragraph style for coded passages, tables
 * for the codebook, the transcript's codes column and the overview, a running header with the
 * project and report title, "Page X of Y" in the footer, and A4 or Letter pages.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from "docx";
import type { InlineNode, MemoBlock } from "../memos/ast";
import type { CodeSummary, HeadingSection, Report, ReportSection, ReportSegment, TableSection, TranscriptBlockSection } from "./model";
import { countsLine, descriptionRows, detailsLine, generatedLine, patternGlyph, segmentMeta, segmentPlace } from "./format";

/** Page sizes in twentieths of a point. */
const PAGE = { A4: { width: 11906, height: 16838 }, Letter: { width: 12240, height: 15840 } } as const;
const MARGIN = 1134; // 2 cm
const GREY = "595959";

/** Characters XML 1.0 cannot hold (a pasted form feed would make Word refuse the file). */
function clean(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Runs for text that may hold line breaks. */
function runs(text: string, style: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return clean(text)
    .split("\n")
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...style }));
}

function para(text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number; style?: string; keepNext?: boolean } = {}): Paragraph {
  const { style, keepNext, ...run } = options;
  return new Paragraph({ style, keepNext, keepLines: true, children: runs(text, run) });
}

function labelled(label: string, value: string, keepNext = false): Paragraph {
  return new Paragraph({ keepNext, keepLines: true, children: [new TextRun({ text: `${label}: `, bold: true }), ...runs(value)] });
}

const HEADING = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

function heading(level: number, text: string): Paragraph {
  return new Paragraph({ heading: HEADING[Math.min(Math.max(level, 1), 3) - 1], keepNext: true, keepLines: true, children: runs(text) });
}

function inline(nodes: readonly InlineNode[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const n of nodes) {
    if (n.type === "break") out.push(new TextRun({ text: "", break: 1 }));
    else if (n.type === "text") out.push(new TextRun({ text: clean(n.text), bold: n.bold, italics: n.italic }));
    else for (const c of n.children) out.push(new TextRun({ text: clean(c.text), bold: c.bold, italics: c.italic, underline: {} }));
  }
  return out;
}

function memoBody(blocks: readonly MemoBlock[], depth = 0): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph") out.push(new Paragraph({ children: inline(b.children), indent: depth > 0 ? { left: 360 * depth } : undefined }));
    else if (b.type === "heading") out.push(new Paragraph({ keepNext: true, children: inline(b.children).concat([]), style: "MemoHeading" }));
    else
      b.items.forEach((item, i) => {
        out.push(
          new Paragraph({
            indent: { left: 360 * (depth + 1), hanging: 360 },
            children: [new TextRun(b.ordered ? `${b.start + i}.\t` : "•\t"), ...inline(item.children)],
          }),
        );
        for (const sub of item.sublists) out.push(...memoBody([sub], depth + 1));
      });
  }
  return out;
}

function codeSummaryParagraphs(code: CodeSummary): Paragraph[] {
  const out: Paragraph[] = [];
  for (const row of descriptionRows(code)) out.push(labelled(row.label, row.value));
  out.push(para(countsLine(code), { color: GREY }));
  for (const memo of code.memos) {
    out.push(para(`Code memo: ${memo.title || "Untitled"} (${memo.author}, ${memo.date})`, { bold: true, keepNext: true }));
    out.push(...memoBody(memo.blocks));
  }
  return out;
}

function segmentParagraphs(s: ReportSegment): Paragraph[] {
  const out: Paragraph[] = [heading(3, segmentPlace(s))];
  const quote: ParagraphChild[] = [];
  if (s.context) quote.push(...runs(`${s.context.clippedBefore ? "… " : ""}${s.context.before}`, { color: GREY, italics: false }));
  quote.push(...runs(s.text, { bold: s.context !== null }));
  if (s.context) quote.push(...runs(`${s.context.after}${s.context.clippedAfter ? " …" : ""}`, { color: GREY, italics: false }));
  out.push(new Paragraph({ style: "Quote", keepLines: true, keepNext: true, children: quote }));
  out.push(para(segmentMeta(s), { color: GREY, size: 18, style: "SegmentDetails", keepNext: s.note !== "" }));
  if (s.note.trim() !== "") out.push(labelled("Annotation", s.note.trim()));
  return out;
}

function headingParagraphs(h: HeadingSection): Paragraph[] {
  const out = [heading(h.level, h.text)];
  if (h.details.length > 0) out.push(para(detailsLine(h.details), { color: GREY }));
  if (h.code && h.level === 1) out.push(...codeSummaryParagraphs(h.code));
  return out;
}

function cell(children: Paragraph[], options: { width?: number; fill?: string; header?: boolean } = {}): TableCell {
  return new TableCell({
    children,
    width: options.width !== undefined ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
    shading: options.fill ? { fill: options.fill, type: ShadingType.CLEAR, color: "auto" } : undefined,
  });
}

/** Heatmap cells are shaded from white to mid-grey by value: readable in greyscale print, number always shown. */
function shade(value: number, max: number): string | undefined {
  if (value <= 0 || max <= 0) return undefined;
  const level = Math.round(255 - (value / max) * 120);
  const hex = level.toString(16).padStart(2, "0");
  return `${hex}${hex}${hex}`.toUpperCase();
}

function tableBlock(t: TableSection): FileChild[] {
  const max = Math.max(0, ...t.rows.flatMap((r) => r.values));
  const bar = t.chart?.kind === "bar" ? t.chart.column : null;
  const barMax = bar === null ? 0 : Math.max(0, ...t.rows.map((r) => r.values[bar] ?? 0));
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [t.rowHeader, ...t.columns, ...(bar !== null ? [`${t.columns[bar] ?? ""} (chart)`] : [])].map((h) => cell([para(h, { bold: true })], { fill: "E7E6E6" })),
  });
  const rows = t.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([para(r.label)]),
          ...r.values.map((v) => cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(String(v))] })], { fill: t.chart?.kind === "heatmap" ? shade(v, max) : undefined })),
          ...(bar !== null ? [cell([para("█".repeat(barMax > 0 ? Math.round(((r.values[bar] ?? 0) / barMax) * 20) : 0), { color: "404040" })])] : []),
        ],
      }),
  );
  return [heading(1, t.title), para(t.caption, { color: GREY }), new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [headerRow, ...rows] })];
}

function transcriptRow(b: TranscriptBlockSection): TableRow {
  const text: Paragraph[] = [];
  if (b.blockKind === "heading") text.push(heading(Math.min(b.level ?? 1, 2), b.text));
  else {
    const speaker = b.speaker;
    const children = speaker && b.text.startsWith(speaker) ? [new TextRun({ text: clean(speaker), bold: true }), ...runs(b.text.slice(speaker.length))] : runs(b.text);
    text.push(new Paragraph({ children }));
  }
  const codes = b.stripes.map(
    (s) =>
      new Paragraph({
        children: [
          new TextRun({ text: `${patternGlyph(s.pattern)} `, color: s.colour.replace(/^#/, "") || "000000" }),
          new TextRun({ text: clean(s.codeName), bold: s.startsHere }),
          new TextRun({ text: s.startsHere ? "" : " (continued)", color: GREY }),
          ...(s.noteNumbers.length > 0 ? [new TextRun({ text: ` [${s.noteNumbers.join(", ")}]`, superScript: false })] : []),
        ],
      }),
  );
  return new TableRow({ children: [cell([para(String(b.number), { color: GREY, size: 16 })], { width: 6 }), cell(text, { width: 66 }), cell(codes.length > 0 ? codes : [new Paragraph("")], { width: 28 })] });
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideVertical: { style: BorderStyle.SINGLE, size: 4, color: "BFBFBF" },
};

function body(report: Report): FileChild[] {
  const out: FileChild[] = [];
  const { header, sections } = report;
  out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(header.title) }));
  out.push(para(`${header.projectName} · ${header.subtitle}`, { color: GREY }));
  out.push(para(generatedLine(header.generatedAt), { color: GREY }));
  if (header.contents.length > 1) {
    out.push(para("Contents", { bold: true, size: 26, keepNext: true }));
    for (const c of header.contents) out.push(new Paragraph({ indent: { left: c.level === 2 ? 360 : 0 }, children: runs(c.text) }));
  }
  if (header.kind === "transcript" && header.legend.length > 0) {
    out.push(para("Codes in this transcript", { bold: true, size: 26, keepNext: true }));
    for (const e of header.legend) out.push(new Paragraph({ children: [new TextRun({ text: `${patternGlyph(e.pattern)} `, color: e.colour.replace(/^#/, "") }), ...runs(e.codePath)] }));
  }
  if (header.kind === "codebook") out.push(...codebookTable(sections));

  let transcript: TableRow[] = [];
  const flushTranscript = () => {
    if (transcript.length === 0) return;
    out.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows: transcript }));
    transcript = [];
  };
  for (const s of sections) {
    if (s.type === "block") {
      transcript.push(transcriptRow(s));
      continue;
    }
    flushTranscript();
    out.push(...sectionBlocks(s, header.kind));
  }
  flushTranscript();
  return out;
}

function codebookTable(sections: readonly ReportSection[]): FileChild[] {
  const entries = sections.filter((s): s is Extract<ReportSection, { type: "codebookEntry" }> => s.type === "codebookEntry");
  if (entries.length === 0) return [];
  const head = new TableRow({ tableHeader: true, children: ["Code", "Definition", "Codings", "Sources"].map((h) => cell([para(h, { bold: true })], { fill: "E7E6E6" })) });
  const rows = entries.map(
    (e) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([new Paragraph({ indent: { left: 240 * e.code.depth }, children: runs(e.code.name) })], { width: 30 }),
          cell([para(e.code.description.definition)], { width: 50 }),
          cell([para(String(e.code.counts.codingsWithSubcodes))], { width: 10 }),
          cell([para(String(e.code.counts.sourcesWithSubcodes))], { width: 10 }),
        ],
      }),
  );
  return [heading(1, "Codebook at a glance"), para("Counts include sub-codes.", { color: GREY }), new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, ...rows] })];
}

function sectionBlocks(s: ReportSection, kind: Report["header"]["kind"]): FileChild[] {
  switch (s.type) {
    case "heading":
      return headingParagraphs(s);
    case "segment":
      return segmentParagraphs(s.segment);
    case "text":
      return [para(s.text, { italics: true })];
    case "codebookEntry":
      return [heading(kind === "codebook" ? s.code.depth + 1 : 2, kind === "codebook" ? s.code.name : s.code.path), ...(kind === "codebook" && s.code.depth > 0 ? [para(s.code.path, { color: GREY })] : []), ...codeSummaryParagraphs(s.code)];
    case "memo":
      return [heading(1, s.memo.title), para(`Linked to: ${s.target} · ${s.memo.author} · ${s.memo.date}`, { color: GREY }), ...memoBody(s.memo.blocks)];
    case "notes":
      return [
        heading(1, s.title),
        ...s.notes.map((n) => new Paragraph({ keepLines: true, children: [new TextRun({ text: `[${n.number}] `, bold: true }), new TextRun({ text: `${n.codePath}, ${n.location}, ${n.coder}: `, color: GREY }), new TextRun({ text: `“${clean(n.excerpt)}” `, italics: true }), ...runs(n.text)] })),
      ];
    case "table":
      return tableBlock(s);
    case "block":
      return [];
  }
}

/** The report as a Word document. */
export function reportDocument(report: Report): Document {
  const { header } = report;
  const page = PAGE[header.options.pageSize];
  return new Document({
    creator: "Margin",
    title: `${header.title} (${header.projectName})`,
    description: header.subtitle,
    features: { updateFields: false },
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
          paragraph: { indent: { left: 567, right: 567 }, spacing: { before: 60, after: 60 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: "7F7F7F", space: 8 } } },
        },
        { id: "SegmentDetails", name: "Segment details", basedOn: "Normal", next: "Normal", run: { size: 18, color: GREY }, paragraph: { indent: { left: 567 }, spacing: { after: 160 } } },
        { id: "MemoHeading", name: "Memo heading", basedOn: "Normal", next: "Normal", run: { bold: true } },
      ],
    },
    sections: [
      {
        properties: { page: { size: page, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 } } },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(`${header.projectName} — ${header.title}`, { color: GREY, size: 18 }) })] }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], size: 18, color: GREY })] })],
          }),
        },
        children: body(report),
      },
    ],
  });
}

/** The .docx file's bytes. */
export function reportDocx(report: Report): Promise<Uint8Array> {
  return Packer.pack(reportDocument(report), "uint8array");
}
