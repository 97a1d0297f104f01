/**
 * The codebook import plan, shared by CSV and DOCX import: what Apply would create and update,
 * worked out against the existing codes before anything is written.
 *
 * Rules: a row's path is matched to an existing live code case-insensitively (names trimmed, spaces
 * collapsed), so importing the same codebook twice creates nothing the second time. Parents a path
 * needs are created (empty description) unless they exist or come later in the file, which then
 * fills them in. A path given twice in the file is reported and the later row skipped. A matched
 * code's description and colour are replaced by the file's, but an empty cell never wipes one.
 */
import type { CodeRecord } from "../model/records";
import { flattenTree, indexCodes, nameKey, pathNames, type TreeCode } from "../coding/codeTree";
import { normaliseDescription } from "./description";
import { formatCodePath } from "./path";
import type { CodeId } from "../ids";

export type PlanCode = TreeCode & Pick<CodeRecord, "description" | "colour">;

/** One code as a file describes it. */
export interface CodebookEntry {
  /** Names from the top level down. */
  path: string[];
  /** In the stored form (see ./description). */
  description: string;
  /** "#rrggbb", or null when the file gives none. */
  colour: string | null;
  /** 1-based CSV line or DOCX paragraph number, for messages. */
  line: number;
}

export interface PlanProblem {
  line: number;
  message: string;
  /** True when the row was left out; false when it was imported with something dropped (e.g. a bad colour). */
  skipped: boolean;
}

/** A new code's parent: an existing code, a code created earlier in the same plan, or the top level. */
export type ParentRef = { existingId: CodeId } | { newRef: string } | null;

export interface PlannedCreate {
  /** Plan-local id ("new-1"); later creates refer to it as their parent. Creates are parents-first. */
  ref: string;
  name: string;
  path: string[];
  parent: ParentRef;
  /** Placed after the parent's existing children, in file order. */
  order: number;
  description: string;
  colour: string | null;
  line: number;
  /** True when no row named it: it was made only to hold another code. */
  implied: boolean;
}

export interface PlannedUpdate {
  id: string;
  path: string[];
  line: number;
  /** Present only when it changes. */
  description?: string;
  colour?: string;
}

export interface CodebookPlan {
  create: PlannedCreate[];
  /** Existing codes the file named, changed or not. */
  matched: { id: string; path: string[]; line: number }[];
  /** Existing codes whose description or colour changes. */
  update: PlannedUpdate[];
  problems: PlanProblem[];
}

/**
 * Most codes one codebook or project file brings in: 40 times a large codebook (seed scale is 500
 * codes), so the code tree stays usable; a 200,000-code file is refused in seconds instead of being
 * read for minutes (docs/security.md, "Limits on what Margin reads").
 */
export const MAX_IMPORTED_CODES = 20_000;

/** The message for a file with more codes than Margin imports, or null when it is within the limit. */
export function tooManyCodes(fileName: string, count: number): string | null {
  if (count <= MAX_IMPORTED_CODES) return null;
  return `“${fileName}” has ${count.toLocaleString("en-GB")} codes; Margin imports at most ${MAX_IMPORTED_CODES.toLocaleString("en-GB")} codes from one file.`;
}

type Node = { kind: "existing"; code: PlanCode } | { kind: "new"; create: PlannedCreate };

const keyOf = (names: readonly string[]): string => names.map(nameKey).join("\u0000");

/** `unit` names where an entry came from in messages: "Line 4" (CSV) or "Paragraph 4" (DOCX). */
export function planCodebook(
  entries: readonly CodebookEntry[],
  existing: readonly PlanCode[],
  options: { unit?: "Line" | "Paragraph" } = {},
): CodebookPlan {
  const unit = options.unit ?? "Line";
  const index = indexCodes(existing);
  const nodes = new Map<string, Node>();
  for (const { code } of flattenTree(index)) {
    const key = keyOf(pathNames(index, code.id));
    if (!nodes.has(key)) nodes.set(key, { kind: "existing", code }); // the first of two same-named siblings wins
  }
  const nextOrder = new Map<string, number>();
  const orderAfter = (parentKey: string, parent: ParentRef): number => {
    let next = nextOrder.get(parentKey);
    if (next === undefined) {
      const siblings =
        parent === null ? index.children.get(null) : "existingId" in parent ? index.children.get(parent.existingId) : undefined;
      next = (siblings ?? []).reduce((max, c) => Math.max(max, Math.floor(c.order) + 1), 0);
    }
    nextOrder.set(parentKey, next + 1);
    return next;
  };

  const plan: CodebookPlan = { create: [], matched: [], update: [], problems: [] };
  const explicit = new Map<string, number>();

  const ensure = (names: readonly string[], line: number): Node => {
    const key = keyOf(names);
    const found = nodes.get(key);
    if (found) return found;
    let parent: ParentRef = null;
    if (names.length > 1) {
      const p = ensure(names.slice(0, -1), line);
      parent = p.kind === "existing" ? { existingId: p.code.id } : { newRef: p.create.ref };
    }
    const create: PlannedCreate = {
      ref: `new-${plan.create.length + 1}`,
      name: names[names.length - 1] ?? "",
      path: [...names],
      parent,
      order: orderAfter(keyOf(names.slice(0, -1)), parent),
      description: "",
      colour: null,
      line,
      implied: true,
    };
    plan.create.push(create);
    const node: Node = { kind: "new", create };
    nodes.set(key, node);
    return node;
  };

  for (const entry of entries) {
    if (entry.path.length === 0) continue;
    const key = keyOf(entry.path);
    const first = explicit.get(key);
    if (first !== undefined) {
      plan.problems.push({
        line: entry.line,
        message: `${unit} ${entry.line}: “${formatCodePath(entry.path)}” is already given on ${unit.toLowerCase()} ${first}; this one was skipped.`,
        skipped: true,
      });
      continue;
    }
    explicit.set(key, entry.line);
    const node = ensure(entry.path, entry.line);
    if (node.kind === "new") {
      node.create.implied = false;
      node.create.line = entry.line;
      node.create.description = entry.description;
      node.create.colour = entry.colour;
      continue;
    }
    const { code } = node;
    const path = pathNames(index, code.id);
    plan.matched.push({ id: code.id, path, line: entry.line });
    const update: PlannedUpdate = { id: code.id, path, line: entry.line };
    if (entry.description.trim() && normaliseDescription(entry.description) !== normaliseDescription(code.description)) {
      update.description = entry.description;
    }
    if (entry.colour && entry.colour.toLowerCase() !== code.colour.toLowerCase()) update.colour = entry.colour;
    if (update.description !== undefined || update.colour !== undefined) plan.update.push(update);
  }
  plan.problems.sort((a, b) => a.line - b.line);
  return plan;
}
