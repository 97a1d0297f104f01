/**
 * Pure operations on the codebook hierarchy: tree building, paths, moves (drag and keyboard) and
 * sibling-name rules. Works on any list of CodeRecord-like items; nothing here writes.
 *
 * Damaged hierarchies are expected, not impossible: two coders can each move a code under the
 * other's and a bundle merge (last writer wins per record) then joins them in a cycle; a parent can
 * be tombstoned while a child lives on. Such codes are shown at the top level rather than lost.
 */
import type { CodeId } from "../ids";
import type { CodeRecord } from "../model/records";

export type TreeCode = Pick<CodeRecord, "id" | "parentId" | "name" | "order" | "isCategory" | "deleted">;

export interface CodeNode<T extends TreeCode = TreeCode> {
  code: T;
  depth: number;
  children: CodeNode<T>[];
}

/** A record's new place: what a move, indent or reorder writes. */
export interface CodePlacement {
  id: CodeId;
  parentId: CodeId | null;
  order: number;
}

export type MoveResult = { ok: true; changes: CodePlacement[] } | { ok: false; reason: string };

/**
 * Where to put a code: at an index among a parent's children (counted without the moved code), or
 * just before/after another code (taking that code's parent).
 */
export type MoveTarget = { parentId: CodeId | null; index: number } | { before: CodeId } | { after: CodeId };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Sibling order: `order`, then name (numeric-aware, case-insensitive), then id so ties never flicker. */
export function compareSiblings(a: TreeCode, b: TreeCode): number {
  return a.order - b.order || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface CodeIndex<T extends TreeCode = TreeCode> {
  byId: ReadonlyMap<CodeId, T>;
  /** Live children by parent id (null: top level), sorted; orphans and cycle members sit at the top level. */
  children: ReadonlyMap<CodeId | null, readonly T[]>;
  /** Effective parent of each live code after repairs (null: top level). */
  parentOf: ReadonlyMap<CodeId, CodeId | null>;
}

/** Indexes live codes once; the other functions accept either an index or the raw list. */
export function indexCodes<T extends TreeCode>(codes: readonly T[]): CodeIndex<T> {
  const byId = new Map<CodeId, T>();
  for (const c of codes) if (!c.deleted) byId.set(c.id, c);
  const parentOf = new Map<CodeId, CodeId | null>();
  for (const c of byId.values()) parentOf.set(c.id, c.parentId !== null && byId.has(c.parentId) ? c.parentId : null);
  // Codes that cannot reach the top level are in (or under) a cycle: lift one per cycle to the top.
  const reaches = new Map<string, boolean>();
  const sorted = [...byId.values()].sort(compareSiblings);
  for (const c of sorted) {
    const trail: CodeId[] = [];
    const onTrail = new Set<string>();
    let id: CodeId | null = c.id;
    let ok = false;
    while (id !== null) {
      const known = reaches.get(id);
      if (known !== undefined) {
        ok = known;
        break;
      }
      if (onTrail.has(id)) {
        parentOf.set(id, null); // break the cycle at the first member met in sibling order
        ok = true;
        break;
      }
      trail.push(id);
      onTrail.add(id);
      id = parentOf.get(id) ?? null;
      if (id === null) ok = true;
    }
    for (const t of trail) reaches.set(t, ok);
  }
  const children = new Map<CodeId | null, T[]>();
  for (const c of sorted) {
    const p = parentOf.get(c.id) ?? null;
    const list = children.get(p);
    if (list) list.push(c);
    else children.set(p, [c]);
  }
  return { byId, children, parentOf };
}

function asIndex<T extends TreeCode>(codes: readonly T[] | CodeIndex<T>): CodeIndex<T> {
  return Array.isArray(codes) ? indexCodes(codes as readonly T[]) : (codes as CodeIndex<T>);
}

/** The live codes as a forest, children sorted by order then name. */
export function buildTree<T extends TreeCode>(codes: readonly T[] | CodeIndex<T>): CodeNode<T>[] {
  const index = asIndex(codes);
  const build = (parentId: CodeId | null, depth: number): CodeNode<T>[] =>
    (index.children.get(parentId) ?? []).map((code) => ({ code, depth, children: build(code.id, depth + 1) }));
  return build(null, 0);
}

/** Depth-first (tree order) list of the live codes: parents before their children. */
export function flattenTree<T extends TreeCode>(codes: readonly T[] | CodeIndex<T>): CodeNode<T>[] {
  const out: CodeNode<T>[] = [];
  const walk = (nodes: CodeNode<T>[]) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(buildTree(codes));
  return out;
}

/** Ids from the top-level ancestor down to the code itself; empty if the code is unknown or deleted. */
export function ancestorIds(codes: readonly TreeCode[] | CodeIndex, id: CodeId): CodeId[] {
  const index = asIndex(codes);
  if (!index.byId.has(id)) return [];
  const chain: CodeId[] = [];
  for (let at: CodeId | null = id; at !== null; at = index.parentOf.get(at) ?? null) chain.push(at);
  return chain.reverse();
}

/** Names from the top level down, e.g. ["Technology", "Usability"]. */
export function pathNames(codes: readonly TreeCode[] | CodeIndex, id: CodeId): string[] {
  const index = asIndex(codes);
  return ancestorIds(index, id).map((a) => index.byId.get(a)?.name ?? "");
}

/** "Technology/Usability": for display and search. (CSV paths escape "/" in names; see codebook/path.) */
export function codePath(codes: readonly TreeCode[] | CodeIndex, id: CodeId, separator = "/"): string {
  return pathNames(codes, id).join(separator);
}

/** Every live code below `id`, in tree order (not including `id`). */
export function descendantIds(codes: readonly TreeCode[] | CodeIndex, id: CodeId): CodeId[] {
  const index = asIndex(codes);
  const out: CodeId[] = [];
  const walk = (parent: CodeId) => {
    for (const c of index.children.get(parent) ?? []) {
      out.push(c.id);
      walk(c.id);
    }
  };
  walk(id);
  return out;
}

/** A code may move under any live code except itself and its own descendants (no cycles). */
export function canMove(codes: readonly TreeCode[] | CodeIndex, id: CodeId, newParentId: CodeId | null): boolean {
  const index = asIndex(codes);
  if (!index.byId.has(id)) return false;
  if (newParentId === null) return true;
  if (!index.byId.has(newParentId)) return false;
  return !ancestorIds(index, newParentId).includes(id);
}

/**
 * Moves a code (with its subtree) to a new place. Only the moved record changes when its new
 * neighbours' orders leave room for one between them (midpoint); otherwise the new sibling list is
 * renumbered 0, 1, 2… Fewer writes mean fewer journal entries and fewer merge conflicts.
 */
export function moveCode(codes: readonly TreeCode[] | CodeIndex, id: CodeId, target: MoveTarget): MoveResult {
  const index = asIndex(codes);
  const code = index.byId.get(id);
  if (!code) return { ok: false, reason: "The code no longer exists." };

  let parentId: CodeId | null;
  let siblings: TreeCode[];
  let at: number;
  if ("index" in target) {
    parentId = target.parentId;
    siblings = (index.children.get(parentId) ?? []).filter((c) => c.id !== id);
    at = Math.min(Math.max(0, Math.trunc(target.index)), siblings.length);
  } else {
    const anchorId = "before" in target ? target.before : target.after;
    if (anchorId === id) return { ok: true, changes: [] };
    if (!index.byId.has(anchorId)) return { ok: false, reason: "The code to place it next to no longer exists." };
    parentId = index.parentOf.get(anchorId) ?? null;
    siblings = (index.children.get(parentId) ?? []).filter((c) => c.id !== id);
    at = siblings.findIndex((c) => c.id === anchorId) + ("after" in target ? 1 : 0);
  }
  if (!canMove(index, id, parentId)) {
    if (parentId !== null && !index.byId.has(parentId)) return { ok: false, reason: "The code to move it into no longer exists." };
    return { ok: false, reason: parentId === id ? "A code cannot go inside itself." : "A code cannot go inside one of its own sub-codes." };
  }

  if ((index.parentOf.get(id) ?? null) === parentId && code.parentId === parentId) {
    if ((index.children.get(parentId) ?? []).indexOf(code) === at) return { ok: true, changes: [] };
  }

  const prev = siblings[at - 1];
  const next = siblings[at];
  const order = orderBetween(prev?.order, next?.order);
  if (order !== null) return { ok: true, changes: [{ id, parentId, order }] };

  const renumbered = [...siblings.slice(0, at), code, ...siblings.slice(at)];
  const changes: CodePlacement[] = [];
  renumbered.forEach((c, i) => {
    const moved = c.id === id;
    if (moved || c.order !== i) changes.push({ id: c.id, parentId: moved ? parentId : c.parentId, order: i });
  });
  return { ok: true, changes };
}

/** An order strictly between two neighbours (either may be missing), or null when there is no room. */
function orderBetween(before: number | undefined, after: number | undefined): number | null {
  if (before === undefined && after === undefined) return 0;
  if (before === undefined) return (after as number) - 1;
  if (after === undefined) return before + 1;
  const mid = before + (after - before) / 2;
  return before < mid && mid < after ? mid : null;
}

// ---------------------------------------------------------------------------------------------
// Keyboard reordering (tree view shortcuts). Each is a no-op (ok, no changes) at the edge.

function siblingsOf(index: CodeIndex, id: CodeId): readonly TreeCode[] {
  return index.children.get(index.parentOf.get(id) ?? null) ?? [];
}

/** Swap places with the sibling above. */
export function moveUp(codes: readonly TreeCode[] | CodeIndex, id: CodeId): MoveResult {
  const index = asIndex(codes);
  const list = siblingsOf(index, id);
  const prev = list[list.findIndex((c) => c.id === id) - 1];
  return prev ? moveCode(index, id, { before: prev.id }) : { ok: true, changes: [] };
}

/** Swap places with the sibling below. */
export function moveDown(codes: readonly TreeCode[] | CodeIndex, id: CodeId): MoveResult {
  const index = asIndex(codes);
  const list = siblingsOf(index, id);
  const i = list.findIndex((c) => c.id === id);
  const next = i >= 0 ? list[i + 1] : undefined;
  return next ? moveCode(index, id, { after: next.id }) : { ok: true, changes: [] };
}

/** Become the last child of the sibling above (as in an outliner's Tab). */
export function indent(codes: readonly TreeCode[] | CodeIndex, id: CodeId): MoveResult {
  const index = asIndex(codes);
  const list = siblingsOf(index, id);
  const prev = list[list.findIndex((c) => c.id === id) - 1];
  if (!prev) return { ok: true, changes: [] };
  return moveCode(index, id, { parentId: prev.id, index: (index.children.get(prev.id) ?? []).length });
}

/** Become the sibling just after the current parent (Shift+Tab). */
export function outdent(codes: readonly TreeCode[] | CodeIndex, id: CodeId): MoveResult {
  const index = asIndex(codes);
  const parent = index.parentOf.get(id) ?? null;
  return parent === null ? { ok: true, changes: [] } : moveCode(index, id, { after: parent });
}

// ---------------------------------------------------------------------------------------------
// Sibling names

/** Names compare trimmed, NFC-normalised and case-insensitively ("Trust" = "trust "); accents count. */
export function nameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("und");
}

/** True when a live sibling under `parentId` (other than `exceptId`) already has this name. */
export function siblingNameTaken(
  codes: readonly TreeCode[] | CodeIndex,
  parentId: CodeId | null,
  name: string,
  exceptId: CodeId | null = null,
): boolean {
  const key = nameKey(name);
  return (asIndex(codes).children.get(parentId) ?? []).some((c) => c.id !== exceptId && nameKey(c.name) === key);
}

/** The name itself if free among the siblings, else "Name (2)", "Name (3)"… ("Name (2)" counts on from 2). */
export function uniqueSiblingName(
  codes: readonly TreeCode[] | CodeIndex,
  parentId: CodeId | null,
  name: string,
  exceptId: CodeId | null = null,
): string {
  const index = asIndex(codes);
  const wanted = name.trim().replace(/\s+/g, " ");
  if (!siblingNameTaken(index, parentId, wanted, exceptId)) return wanted;
  const numbered = /^(.*\S)\s*\((\d+)\)$/.exec(wanted);
  const base = numbered?.[1] ?? wanted;
  for (let n = Math.max(2, Number(numbered?.[2] ?? 1) + 1); ; n++) {
    const candidate = `${base} (${n})`;
    if (!siblingNameTaken(index, parentId, candidate, exceptId)) return candidate;
  }
}
