/**
 * A codebook from a Word document's outline (conventions: docs/codebook-formats.md):
 *  - Headings give the hierarchy: a heading is a child of the nearest heading above it with a
 *    smaller level (Heading 1 → top level, Heading 2 → its child…; skipped levels are fine).
 *  - Bulleted or numbered list items are codes too, nested by list depth under the heading they
 *    follow — except a list right after a paragraph that is only a part label ("When to use:",
 *    "Examples:"…), which belongs to that part of the description.
 *  - Paragraphs after a heading or list item, up to the next one, are its description.
 *  - A table whose first row names a Name or Path column (as in a CSV codebook; NVivo's Export
 *    Codebook writes Name, Description, Files, References) gives one code per row, under the
 *    heading it follows.
 *  - The document's Title and Subtitle, text before the first code, pictures and footnotes are
 *    left out.
 * The DOCX is read the way sources are (mammoth, then shared/import's scanner), with Title and
 * Subtitle dropped instead of becoming headings.
 */
import mammoth from "mammoth";
import * as importErrors from "../import/errors";
import { NOTES_HEADING, scanMammothHtml } from "../import/html-scan";
import { oleIsEncryptedPackage, sniffMagic } from "../import/sniff";
import type { Block } from "../import/types";
import { entryFromRow, matchCodebookHeader, type CodebookColumn } from "./csv";
import { formatDescription, parseDescription, sectionForLabel } from "./description";
import { cleanName } from "./path";
import { planCodebook, type CodebookEntry, type CodebookPlan, type PlanCode, type PlanProblem } from "./plan";

const STYLE_MAP = ["p[style-name='Title'] => !", "p[style-name='Subtitle'] => !"];
const SKIP_IMAGES = mammoth.images.imgElement(() => Promise.resolve({ src: "" }));

export interface OutlineRead {
  entries: CodebookEntry[];
  problems: PlanProblem[];
}

export type DocxCodebookRead = ({ ok: true } & OutlineRead) | { ok: false; message: string };
export type DocxCodebookPlan = { ok: true; plan: CodebookPlan } | { ok: false; message: string };

const q = (fileName: string): string => `“${fileName}”`;

/** The bytes of a .docx to codebook entries, or one researcher-readable message. */
export async function readCodebookDocx(bytes: Uint8Array, fileName: string): Promise<DocxCodebookRead> {
  if (bytes.length > importErrors.MAX_FILE_BYTES) return { ok: false, message: importErrors.tooLarge(fileName, bytes.length).message };
  const magic = sniffMagic(bytes);
  if (magic === "ole") {
    const error = oleIsEncryptedPackage(bytes) ? importErrors.encrypted(fileName) : importErrors.legacyFormat(fileName);
    return { ok: false, message: error.message };
  }
  if (magic !== "zip") return { ok: false, message: importErrors.corrupt(fileName).message };
  let html: string;
  try {
    // mammoth's Node build reads `buffer`, its browser/worker build `arrayBuffer`: give both.
    const arrayBuffer = bytes.slice().buffer;
    const input = { arrayBuffer, buffer: arrayBuffer };
    html = (await mammoth.convertToHtml(input, { styleMap: STYLE_MAP, convertImage: SKIP_IMAGES })).value;
  } catch (error) {
    return { ok: false, message: importErrors.corrupt(fileName, error).message };
  }
  const scanned = scanMammothHtml(html);
  let blocks = scanned.blocks;
  if (scanned.notes > 0) {
    // The scanner appends footnotes under a "Notes" heading at the end: not part of the outline.
    const notesAt = blocks.findLastIndex((b) => b.kind === "heading" && scanned.text.slice(b.start, b.end) === NOTES_HEADING);
    if (notesAt >= 0) blocks = blocks.slice(0, notesAt);
  }
  if (blocks.length === 0) return { ok: false, message: `${q(fileName)} is empty: it has no text to read codes from.` };
  const outline = outlineEntries(scanned.text, blocks);
  if (outline.entries.length === 0 && !outline.problems.some((p) => p.skipped)) {
    return {
      ok: false,
      message:
        `${q(fileName)} has no headings, list items or codebook table, so no codes could be read. ` +
        "Put each code in a heading (Heading 1 for top-level codes, Heading 2 for their sub-codes…) or in a bulleted list, then import it again.",
    };
  }
  return { ok: true, ...outline };
}

/** The bytes of a .docx to an import plan against the existing codes. */
export async function planCodebookDocx(bytes: Uint8Array, fileName: string, existing: readonly PlanCode[]): Promise<DocxCodebookPlan> {
  const read = await readCodebookDocx(bytes, fileName);
  if (!read.ok) return read;
  const plan = planCodebook(read.entries, existing, { unit: "Paragraph" });
  plan.problems = [...read.problems, ...plan.problems].sort((a, b) => a.line - b.line);
  return { ok: true, plan };
}

interface Draft {
  path: string[];
  lines: string[];
  line: number;
}

/** A paragraph that is nothing but a part label ("When to use:"): a list after it is that part's text. */
function isLabelOnly(text: string): boolean {
  const m = /^(.{3,30}?)\s*:$/.exec(text);
  return m !== null && sectionForLabel(m[1] ?? "") !== null;
}

/** Walks converted blocks (document order) into entries. Paragraph numbers are 1-based block indexes. */
export function outlineEntries(text: string, blocks: readonly Block[]): OutlineRead {
  const drafts: Draft[] = [];
  const problems: PlanProblem[] = [];
  const headings: { level: number; path: string[] }[] = [];
  let lists: { level: number; path: string[] }[] = [];
  let current: Draft | null = null;
  let inLabelledList = false;

  const open = (path: string[], line: number): Draft => {
    const draft = { path, lines: [], line };
    drafts.push(draft);
    return draft;
  };
  const headingPath = (): string[] => headings[headings.length - 1]?.path ?? [];

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    const line = i + 1;
    if (block.table !== undefined) {
      const end = tableEnd(blocks, i);
      const read = tableEntries(text, blocks.slice(i, end), i, headingPath());
      if (read) {
        for (const e of read.entries) drafts.push({ path: e.path, lines: [e.description], line: e.line });
        problems.push(...read.problems);
        current = null;
      } else if (current) {
        for (const b of blocks.slice(i, end)) current.lines.push(cleanName(text.slice(b.start, b.end)));
      }
      i = end - 1;
      continue;
    }
    const content = text.slice(block.start, block.end).trim();
    const name = cleanName(content);
    if (block.kind === "heading") {
      const level = block.level ?? 1;
      while (headings.length > 0 && (headings[headings.length - 1]?.level ?? 0) >= level) headings.pop();
      const path = [...headingPath(), name];
      headings.push({ level, path });
      lists = [];
      inLabelledList = false;
      current = open(path, line);
    } else if (block.kind === "listItem" && !(current && inLabelledList)) {
      const level = block.level ?? 0;
      while (lists.length > 0 && (lists[lists.length - 1]?.level ?? 0) >= level) lists.pop();
      const path = [...(lists[lists.length - 1]?.path ?? headingPath()), name];
      lists.push({ level, path });
      current = open(path, line);
    } else if (current) {
      if (block.kind === "listItem") current.lines.push(`- ${content}`);
      else {
        current.lines.push(content);
        inLabelledList = isLabelOnly(content);
      }
    }
  }

  const entries = drafts.map((d) => ({
    path: d.path,
    description: formatDescription(parseDescription(d.lines.join("\n"))),
    colour: null,
    line: d.line,
  }));
  return { entries, problems };
}

function tableEnd(blocks: readonly Block[], from: number): number {
  const table = blocks[from]?.table;
  let end = from;
  while (end < blocks.length && blocks[end]?.table === table) end++;
  return end;
}

/**
 * A codebook table: first row of headers with a Name or Path column, one code per later row. Null
 * when the table is not one (its text then joins the current description).
 */
function tableEntries(text: string, cells: readonly Block[], offset: number, parentPath: readonly string[]): OutlineRead | null {
  const rows = new Map<number, { line: number; cells: Map<number, string[]> }>();
  cells.forEach((b, k) => {
    const r = b.row ?? 0;
    let row = rows.get(r);
    if (!row) rows.set(r, (row = { line: offset + k + 1, cells: new Map() }));
    const list = row.cells.get(b.column ?? 0) ?? [];
    list.push(text.slice(b.start, b.end).trim());
    row.cells.set(b.column ?? 0, list);
  });
  const [header, ...body] = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  if (!header) return null;
  const at = new Map<CodebookColumn, number>();
  for (const [column, texts] of [...header.cells.entries()].sort((a, b) => a[0] - b[0])) {
    const use = matchCodebookHeader(texts.join(" "));
    if (use && !at.has(use)) at.set(use, column);
  }
  if (!at.has("name") && !at.has("path")) return null;
  const nvivoPaths = at.has("path") && /hierarchical name/i.test((header.cells.get(at.get("path") ?? -1) ?? []).join(" "));
  const out: OutlineRead = { entries: [], problems: [] };
  for (const row of body) {
    const cell = (column: CodebookColumn): string => {
      const c = at.get(column);
      return c === undefined ? "" : (row.cells.get(c) ?? []).join("\n");
    };
    const read = entryFromRow(cell, row.line, "Paragraph", { nvivoPaths, parentPath });
    out.problems.push(...read.problems);
    if (read.entry) out.entries.push(read.entry);
  }
  return out;
}
