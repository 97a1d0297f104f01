/**
 * Text sources and their codings. A source's text comes from <PlainTextContent> or the file its
 * plainTextPath names; selections are mapped to Margin offsets through ./positions.
 */
import { convertDocx } from "../import/convert";
import { decodeText } from "../import/decode-text";
import { ImportError } from "../import/errors";
import { countLines, sourceSizeProblem } from "../import/source-limits";
import { detectTurns } from "../import/speakers";
import { countWords, sha256Hex } from "../import/stats";
import type { Block } from "../import/types";
import type { CodingRecord, SourceContentRecord, SourceKind, SourceRecord } from "../model/records";
import { positionMap, type PositionUnit } from "./positions";
import { guidKey, type RecordFactory } from "./importRecords";
import type { RefiArchive } from "./zip";
import type { RefiSkipped, RefiSource } from "./types";
import { plural } from "../text/plural";
import type { CoderId } from "../ids";

export type Located = { ok: true; path: string; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * Finds a file a path names. internal:// and bare names (qc writes "admin-1.txt") are in the
 * archive's sources folder; relative:// is relative to the project's basePath, outside the archive,
 * so it is looked for in the archive and otherwise reported; absolute:// is never readable here.
 */
export function locate(archive: RefiArchive | null, path: string, basePath: string | undefined): Located {
  const m = /^([a-z]+):\/\/\/?(.*)$/i.exec(path.trim());
  const scheme = m ? (m[1] ?? "").toLowerCase() : "";
  const rest = m ? (m[2] ?? "") : path.trim();
  if (scheme === "absolute")
    return { ok: false, reason: `its file is at an absolute path on the other computer (${path}), which is not inside the .qdpx` };
  if (scheme !== "" && scheme !== "internal" && scheme !== "relative")
    return { ok: false, reason: `its path “${path}” uses an unknown scheme` };
  if (!archive) return { ok: false, reason: `its text is in a separate file (${path})` };
  // A lone % (not an escape) is read as itself, and reported if no file has that name either.
  let decoded: string | null;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    decoded = null;
  }
  const name = (decoded ?? rest).replace(/\\/g, "/").replace(/^\.?\//, "");
  const candidates =
    scheme === "relative" ? [name, `sources/${name}`, `sources/${name.split("/").pop() ?? name}`] : [`sources/${name}`, name];
  for (const c of candidates) {
    const bytes = archive.read(c);
    if (bytes) return { ok: true, path: c, bytes };
  }
  if (decoded === null) return { ok: false, reason: `its path “${path}” has a malformed %-escape, and the .qdpx has no file of that name` };
  const where =
    scheme === "relative" ? `it is relative to the other computer's folder ${basePath ? `“${basePath}”` : "(no basePath given)"}, and` : "";
  return { ok: false, reason: `its file ${path} is missing: ${where} the .qdpx has no ${candidates[0] ?? name}` };
}

/** One paragraph per line, blank lines included, so block offsets equal the plain text's. */
export function linesToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    blocks.push({ kind: "paragraph", start, end });
    if (nl === -1) break;
    start = nl + 1;
  }
  return blocks;
}

export interface SourceImport {
  source: SourceRecord;
  content: SourceContentRecord;
  codings: CodingRecord[];
  /** Selection guid (lower case) -> the first coding made from it, for notes attached to selections. */
  selectionCoding: Map<string, string>;
}

export interface SourceContext {
  archive: RefiArchive | null;
  basePath: string | undefined;
  unit: PositionUnit;
  factory: RecordFactory;
  now: string;
  coderFor: (guid: string | undefined) => CoderId;
  skipped: RefiSkipped[];
  problems: string[];
  /** Every guid read so far (lower case): a selection or coding reusing one is reported, not mapped over it. */
  guids: Set<string>;
}

// NVivo for Mac 15 can export a source whose only "name" is an id (e.g. "66653866-6334-3535-3435-366637306566").
const ID_LIKE = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/**
 * What the researcher sees a source called, in Margin and in the import notes: its name, else a
 * numbered "Source n" (the file's order), never an id; the id-only name is noted once.
 */
export function sourceLabel(s: RefiSource, position: number, problems: string[]): string {
  const name = s.name.trim();
  if (name !== "" && !ID_LIKE.test(name)) return name;
  // qc leaves names empty but its file names are the researcher's own ("board_2017.txt").
  const file = name === "" ? (s.plainTextPath ?? s.path ?? "") : "";
  const stem = file.replace(/^.*[/\\]|^internal:\/\//, "").replace(/\.[^.]*$/, "");
  if (file !== "" && !ID_LIKE.test(stem)) return file;
  const label = `Source ${position + 1}`;
  problems.push(
    `${label}: the file gives this source no name${name === "" ? "" : ` (only the id ${name})`}, so it is called “${label}” here; rename it in Sources.`,
  );
  return label;
}

const kindOf = (s: RefiSource): SourceKind => (/interview/i.test(s.name) ? "interview" : "document");

async function readText(
  s: RefiSource,
  label: string,
  ctx: SourceContext,
): Promise<{ raw: string; fileName: string; fromDocx: Block[] | null } | null> {
  if (s.plainTextContent !== undefined && s.plainTextContent !== "")
    return { raw: s.plainTextContent, fileName: `${label}.txt`, fromDocx: null };
  if (s.plainTextPath === undefined) {
    ctx.skipped.push({ kind: "source", name: label, reason: "it has neither a plainTextPath nor <PlainTextContent>" });
    return null;
  }
  const found = locate(ctx.archive, s.plainTextPath, ctx.basePath);
  if (!found.ok) {
    ctx.skipped.push({ kind: "source", name: label, reason: found.reason });
    return null;
  }
  let raw: string;
  try {
    const decoded = decodeText(found.bytes, found.path);
    raw = decoded.text;
    for (const w of decoded.warnings) ctx.problems.push(`${label}: ${w}`);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    ctx.skipped.push({ kind: "source", name: label, reason: error.message });
    return null;
  }
  // NVivo for Mac 15 writes 1-byte text files beside the real .docx: take the Word text when
  // nothing is coded on the (empty) plain text, so no position depends on it.
  if (raw.trim() === "" && s.selections.length === 0 && s.richTextPath) {
    const rich = locate(ctx.archive, s.richTextPath, ctx.basePath);
    if (rich.ok && /\.docx$/i.test(rich.path)) {
      try {
        const converted = await convertDocx(rich.bytes, `${label}.docx`);
        ctx.problems.push(`${label}: its plain-text file was empty, so the text was taken from its Word document.`);
        return { raw: converted.text, fileName: `${label}.docx`, fromDocx: converted.blocks };
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        ctx.problems.push(`${label}: its plain-text file is empty and its Word document gave no text either (${error.message}).`);
        return { raw, fileName: `${label}.txt`, fromDocx: null };
      }
    }
  }
  if (raw.trim() === "") ctx.problems.push(`${label}: the exported text is empty.`);
  return { raw, fileName: `${label}.txt`, fromDocx: null };
}

export async function importTextSource(s: RefiSource, ctx: SourceContext, label: string): Promise<SourceImport | null> {
  const read = await readText(s, label, ctx);
  if (!read) {
    const n = s.selections.reduce((sum, sel) => sum + sel.codings.length, 0) + s.codings.length;
    if (n > 0) ctx.skipped.push({ kind: "codings", name: label, reason: `${plural(n, "coding")} on this source, whose text is missing` });
    return null;
  }
  const map = positionMap(read.raw, ctx.unit);
  const text = map.text;
  // As DOCX and TXT import: a source too large to ever be written into a bundle or backup is left out.
  const tooLarge = sourceSizeProblem({ characters: text.length, paragraphs: read.fromDocx?.length ?? countLines(text) });
  if (tooLarge) {
    ctx.skipped.push({ kind: "source", name: label, reason: `${tooLarge}; split it in the other program and export again` });
    const n = s.selections.reduce((sum, sel) => sum + sel.codings.length, 0) + s.codings.length;
    if (n > 0)
      ctx.skipped.push({ kind: "codings", name: label, reason: `${plural(n, "coding")} on this source, which was too large to import` });
    return null;
  }
  const { factory: f } = ctx;
  const meta = f.meta(s.guid, s.creationDateTime);
  const blocks = read.fromDocx ?? linesToBlocks(text);
  const { turns, timestamps } = detectTurns(text, blocks);
  const source: SourceRecord = {
    ...meta,
    name: label,
    kind: kindOf(s),
    fileName: read.fileName,
    format: read.fromDocx ? "docx" : "txt",
    importedAt: ctx.now,
    charCount: text.length,
    wordCount: countWords(text),
    contentHash: await sha256Hex(text),
    caseIds: [],
    memo: s.description?.trim() ?? "",
  };
  const content: SourceContentRecord = { id: source.id, text, blocks, marks: [], turns, timestamps, warnings: [] };
  const codings: CodingRecord[] = [];
  const selectionCoding = new Map<string, string>();
  const codeMissing = (codeGuid: string) =>
    ctx.skipped.push({ kind: "coding", name: label, reason: `it refers to code ${codeGuid}, which is not in the codebook` });

  /** True the first time a guid is read; a repeat is reported where it is (two things with one guid are ambiguous). */
  const firstUse = (guid: string, what: string, where: string, outcome: string): boolean => {
    const key = guidKey(guid);
    if (!ctx.guids.has(key)) {
      ctx.guids.add(key);
      return true;
    }
    ctx.problems.push(`${where}: the ${what} has guid ${guid}, which an earlier element in the file already has; ${outcome}.`);
    return false;
  };
  /** A coding's record: a repeated guid gets a new id without taking the guid over from its first owner. */
  const codingMeta = (guid: string, createdAt: string | undefined, where: string) =>
    f.meta(
      firstUse(guid, "coding", where, "the coding was imported, and anything referring to that guid refers to the first element")
        ? guid
        : null,
      createdAt,
    );

  for (const sel of s.selections) {
    const where = `${label}, selection ${sel.startPosition}–${sel.endPosition}`;
    firstUse(sel.guid, "selection", where, "its codings were imported, and notes referring to that guid go to the first selection");
    let start = map.toOffset(sel.startPosition);
    let end = map.toOffset(sel.endPosition);
    if (start === null || end === null) {
      ctx.skipped.push({
        kind: "coding",
        name: where,
        reason: `the selection runs past the end of the text (${map.length} positions long)`,
      });
      continue;
    }
    if (start > end) {
      ctx.problems.push(`${where}: the selection starts after it ends; it was read as ${sel.endPosition}–${sel.startPosition}.`);
      [start, end] = [end, start];
    }
    if (start === end) {
      ctx.skipped.push({ kind: "coding", name: where, reason: "the selection is empty" });
      continue;
    }
    for (const c of sel.codings) {
      const codeId = f.idOf(c.codeGuid);
      if (!codeId) {
        codeMissing(c.codeGuid);
        continue;
      }
      const coding: CodingRecord = {
        ...codingMeta(c.guid, c.creationDateTime ?? sel.creationDateTime, where),
        sourceId: source.id,
        codeId,
        start,
        end,
        coderId: ctx.coderFor(c.creatingUser ?? sel.creatingUser),
        note: sel.description?.trim() ?? "",
      };
      codings.push(coding);
      if (!selectionCoding.has(sel.guid.toLowerCase())) selectionCoding.set(sel.guid.toLowerCase(), coding.id);
    }
    if (sel.codings.length === 0 && sel.description?.trim()) {
      ctx.skipped.push({
        kind: "comment",
        name: where,
        reason: `an uncoded selection with a comment (“${sel.description.trim().slice(0, 60)}”); Margin keeps comments on codings`,
      });
    }
  }
  for (const c of s.codings) {
    const codeId = f.idOf(c.codeGuid);
    if (!codeId) {
      codeMissing(c.codeGuid);
      continue;
    }
    // Coding on a whole source is a coding of all its text.
    codings.push({
      ...codingMeta(c.guid, c.creationDateTime, `${label}, coding of the whole source`),
      sourceId: source.id,
      codeId,
      start: 0,
      end: text.length,
      coderId: ctx.coderFor(c.creatingUser),
      note: "",
    });
  }
  return { source, content, codings, selectionCoding };
}
