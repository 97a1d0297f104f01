/**
 * WordprocessingML for a report's body, written as strings. The `docx` package builds one object per
 * XML element, which took 50× the time of JSON.stringify on a 5,000-segment report (tests/bench/
 * report-bench.ts); the body is the bulk of the file, so it is written here directly, in the element
 * order the OOXML schema requires, and docx.ts keeps the package for the parts and styles.
 */

const GREY = "595959";

/** Characters XML 1.0 cannot hold (a pasted form feed would make Word refuse the file). */
const NOT_XML = /[^\t\n\r\u0020-\uFFFD]/g;
const HAS_NOT_XML = /[^\t\n\r\u0020-\uFFFD]/;
const SPECIAL = /[&<>"]/g;
const HAS_SPECIAL = /[&<>"]/;
const ENTITY: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text for XML: characters XML cannot hold dropped, markup escaped. (Tests first: most text needs neither.) */
export function xmlText(text: string): string {
  const clean = HAS_NOT_XML.test(text) ? text.replace(NOT_XML, "") : text;
  return HAS_SPECIAL.test(clean) ? clean.replace(SPECIAL, (c) => ENTITY[c] ?? c) : clean;
}

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  /** true: single; or Word's underline style (single, dash, dotted, double, wave, dashLong) and colour (hex without "#"). */
  underline?: boolean | { style: string; color?: string };
  /** Hex without "#". */
  color?: string;
  /** Half-points. */
  size?: number;
}

function rPr(s: RunStyle): string {
  const inner =
    (s.bold ? "<w:b/><w:bCs/>" : "") +
    (s.italics ? "<w:i/><w:iCs/>" : "") +
    (s.color ? `<w:color w:val="${s.color}"/>` : "") +
    (s.size ? `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>` : "") +
    (s.underline === true
      ? `<w:u w:val="single"/>`
      : s.underline
        ? `<w:u w:val="${s.underline.style}"${s.underline.color ? ` w:color="${s.underline.color}"` : ""}/>`
        : "");
  return inner ? `<w:rPr>${inner}</w:rPr>` : "";
}

/** One or more runs: line breaks become <w:br/>, tabs <w:tab/>. */
export function run(text: string, style: RunStyle = {}): string {
  const props = rPr(style);
  if (!/[\n\r\t]/.test(text)) return text === "" ? "" : `<w:r>${props}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
  let out = "";
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((line, i) => {
    const parts = line.split("\t");
    const body = parts
      .map((p, j) => `${j > 0 ? "<w:tab/>" : ""}${p === "" ? "" : `<w:t xml:space="preserve">${xmlText(p)}</w:t>`}`)
      .join("");
    out += `<w:r>${props}${i > 0 ? "<w:br/>" : ""}${body}</w:r>`;
  });
  return out;
}

export interface ParagraphStyle {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  /** Twips. */
  indentLeft?: number;
  hanging?: number;
  align?: "left" | "center" | "right";
}

export function paragraph(runs: string, p: ParagraphStyle = {}): string {
  const ind = p.indentLeft || p.hanging ? `<w:ind w:left="${p.indentLeft ?? 0}"${p.hanging ? ` w:hanging="${p.hanging}"` : ""}/>` : "";
  const props =
    (p.style ? `<w:pStyle w:val="${p.style}"/>` : "") +
    (p.keepNext ? "<w:keepNext/>" : "") +
    (p.keepLines ? "<w:keepLines/>" : "") +
    ind +
    (p.align && p.align !== "left" ? `<w:jc w:val="${p.align}"/>` : "");
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${runs}</w:p>`;
}

/** A plain paragraph of one style of text. */
export function para(text: string, style: RunStyle & ParagraphStyle = {}): string {
  const { style: pStyle, keepNext, keepLines = true, indentLeft, hanging, align, ...r } = style;
  return paragraph(run(text, r), { style: pStyle, keepNext, keepLines, indentLeft, hanging, align });
}

export function heading(level: number, text: string): string {
  return paragraph(run(text), { style: `Heading${Math.min(Math.max(level, 1), 3)}`, keepNext: true, keepLines: true });
}

export function labelled(label: string, value: string): string {
  return paragraph(run(`${label}: `, { bold: true }) + run(value), { keepLines: true });
}

export function muted(text: string, extra: ParagraphStyle = {}): string {
  return para(text, { color: GREY, ...extra });
}

export interface Cell {
  /** Paragraph XML; an empty cell still needs one paragraph. */
  body: string;
  /** Percent of the table width. */
  width?: number;
  /** Background, hex without "#". */
  fill?: string;
}

const BORDER = (style: string, size: number, color: string) =>
  ["top", "left", "bottom", "right", "insideH", "insideV"]
    .map((side) => `<w:${side} w:val="${style}" w:sz="${size}" w:space="0" w:color="${color}"/>`)
    .join("");

/**
 * A full-width table. `header` rows repeat at the top of each page; no row splits across pages.
 * `borders`: "grid" (all lines) or "columns" (only lines between columns: the transcript's margin).
 */
export function table(
  rows: readonly (readonly Cell[])[],
  options: { header?: number; borders?: "grid" | "columns"; widths: readonly number[] },
): string {
  const totalTwips = 9638; // A4 text width at 2 cm margins; Word scales percentage widths anyway
  const grid = options.widths.map((w) => `<w:gridCol w:w="${Math.round((w / 100) * totalTwips)}"/>`).join("");
  const borders =
    options.borders === "columns"
      ? `<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/></w:tblBorders>`
      : `<w:tblBorders>${BORDER("single", 4, "999999")}</w:tblBorders>`;
  const body = rows
    .map((cells, r) => {
      const trPr = `<w:trPr><w:cantSplit/>${r < (options.header ?? 0) ? "<w:tblHeader/>" : ""}</w:trPr>`;
      const tcs = cells
        .map((c, i) => {
          const width = c.width ?? options.widths[i] ?? 0;
          const shd = c.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${c.fill}"/>` : "";
          return `<w:tc><w:tcPr><w:tcW w:w="${Math.round(width * 50)}" w:type="pct"/>${shd}</w:tcPr>${c.body || "<w:p/>"}</w:tc>`;
        })
        .join("");
      return `<w:tr>${trPr}${tcs}</w:tr>`;
    })
    .join("");
  return `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>${borders}<w:tblLayout w:type="autofit"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>`;
}
