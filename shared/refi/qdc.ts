/**
 * Codebook import from a REFI-QDA .qdc (<CodeBook xmlns="urn:QDA-XML:codebook:1.0">), or from the
 * <CodeBook> inside a project .qde: codes become the same entries CSV and Word codebooks give, so
 * the one import plan and preview (shared/codebook/plan) apply them.
 */
import { parseColour } from "../codebook/csv";
import { normaliseDescription } from "../codebook/description";
import { planCodebook, tooManyCodes, type CodebookEntry, type CodebookPlan, type PlanCode } from "../codebook/plan";
import { RefiError, quoted } from "./errors";
import { decodeXml, kids, parseRoot, readCodes, Reader } from "./xml";
import type { RefiCode } from "./types";

export type QdcPlan = { ok: true; plan: CodebookPlan; codes: number } | { ok: false; message: string };

/** The code tree of a .qdc, or of a .qde's <CodeBook>. */
export function readQdcCodes(bytes: Uint8Array, fileName: string): RefiCode[] {
  const xml = decodeXml(bytes, fileName);
  const r = new Reader(fileName);
  // A .qde is accepted too: its <Project> holds the same <CodeBook>.
  const isProject = /<(?![?!])(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1] === "Project";
  const root = isProject ? kids(parseRoot(xml, fileName, "Project"), "CodeBook")[0] : parseRoot(xml, fileName, "CodeBook");
  if (!root) throw new RefiError(fileName, `${quoted(fileName)} is a REFI-QDA project without a codebook.`, "CodeBook");
  const codes = kids(root, "Codes")[0];
  if (!codes) throw new RefiError(fileName, `${quoted(fileName)} has a <CodeBook> without <Codes>.`, "CodeBook");
  return readCodes(r, codes);
}

/**
 * The line each guid="…" attribute is on, in one pass: looking each code up from the start of the
 * file made a 200,000-code codebook quadratic (issue 13 item 6).
 */
function guidLines(xml: string): Map<string, number> {
  const lines = new Map<string, number>();
  const guidAttr = /\bguid\s*=\s*(["'])([^"']*)\1/g;
  let line = 1;
  let counted = 0;
  for (let m = guidAttr.exec(xml); m !== null; m = guidAttr.exec(xml)) {
    for (let i = xml.indexOf("\n", counted); i !== -1 && i < m.index; i = xml.indexOf("\n", i + 1)) line++;
    counted = m.index;
    const guid = m[2] ?? "";
    if (!lines.has(guid)) lines.set(guid, line);
  }
  return lines;
}

/** Codebook entries, parents first, with the XML line each code is on (for the preview's messages). */
export function qdcEntries(
  codes: readonly RefiCode[],
  xml: string,
): { entries: CodebookEntry[]; badColours: { line: number; colour: string }[] } {
  const entries: CodebookEntry[] = [];
  const badColours: { line: number; colour: string }[] = [];
  const lineOf = guidLines(xml);
  const walk = (list: readonly RefiCode[], path: string[]) => {
    for (const c of list) {
      const names = [...path, c.name.trim()];
      const line = lineOf.get(c.guid) ?? 0;
      const colour = c.color === undefined ? { ok: true as const, colour: null } : parseColour(c.color);
      if (!colour.ok) badColours.push({ line, colour: c.color ?? "" });
      entries.push({ path: names, description: normaliseDescription(c.description ?? ""), colour: colour.ok ? colour.colour : null, line });
      walk(c.children, names);
    }
  };
  walk(codes, []);
  return { entries, badColours };
}

const countCodes = (codes: readonly RefiCode[]): number => codes.reduce((n, c) => n + 1 + countCodes(c.children), 0);

/** A .qdc against the project's codes: the plan the codebook import preview shows. */
export function planCodebookQdc(bytes: Uint8Array, fileName: string, existing: readonly PlanCode[]): QdcPlan {
  try {
    const codes = readQdcCodes(bytes, fileName);
    const tooMany = tooManyCodes(fileName, countCodes(codes));
    if (tooMany) return { ok: false, message: tooMany };
    const { entries, badColours } = qdcEntries(codes, decodeXml(bytes, fileName));
    if (entries.length === 0) return { ok: false, message: `${quoted(fileName)} has no codes.` };
    const plan = planCodebook(entries, existing);
    for (const b of badColours)
      plan.problems.push({
        line: b.line,
        message: `Line ${b.line}: “${b.colour}” is not a #RRGGBB colour, so the code keeps its colour.`,
        skipped: false,
      });
    return { ok: true, plan, codes: entries.length };
  } catch (error) {
    if (error instanceof RefiError) return { ok: false, message: error.message };
    throw error;
  }
}
