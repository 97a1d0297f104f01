import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ancestorIds,
  buildTree,
  canMove,
  codePath,
  descendantIds,
  flattenTree,
  indent,
  indexCodes,
  moveCode,
  moveDown,
  moveUp,
  outdent,
  siblingNameTaken,
  uniqueSiblingName,
  type CodeNode,
  type CodePlacement,
  type MoveResult,
  type TreeCode,
} from "../../../../shared/coding/codeTree";

function code(id: string, parentId: string | null, order: number, name = id, deleted = false): TreeCode {
  return { id, parentId, name, order, isCategory: false, deleted };
}

/** Technology (Usability, Access (Rural, Urban)), Staff, Zzz deleted. */
const CODES: TreeCode[] = [
  code("staff", null, 1, "Staff"),
  code("tech", null, 0, "Technology"),
  code("access", "tech", 1, "Access"),
  code("usability", "tech", 0, "Usability"),
  code("urban", "access", 0, "Urban"),
  code("rural", "access", 0, "Rural"),
  code("gone", null, 2, "Gone", true),
  code("underGone", "gone", 0, "Orphan"),
];

const shape = (nodes: CodeNode[]): unknown => nodes.map((n) => (n.children.length ? { [n.code.name]: shape(n.children) } : n.code.name));

/** Applies a move's changes and returns the names in tree order with depth, for readable asserts. */
function apply(codes: TreeCode[], result: MoveResult): TreeCode[] {
  expect(result.ok).toBe(true);
  const changes = result.ok ? result.changes : [];
  const byId = new Map<string, CodePlacement>(changes.map((c) => [c.id, c]));
  return codes.map((c) => {
    const ch = byId.get(c.id);
    return ch ? { ...c, parentId: ch.parentId, order: ch.order } : c;
  });
}
const outline = (codes: TreeCode[]) => flattenTree(codes).map((n) => `${"  ".repeat(n.depth)}${n.code.name}`);

describe("buildTree and paths", () => {
  it("sorts children by order then name, skips deleted codes, lifts orphans to the top", () => {
    expect(shape(buildTree(CODES))).toEqual(["Orphan", { Technology: ["Usability", { Access: ["Rural", "Urban"] }] }, "Staff"]);
    expect(flattenTree(CODES).map((n) => n.depth)).toEqual([0, 0, 1, 1, 2, 2, 0]);
  });

  it("breaks a cycle (two coders moved codes under each other) instead of losing the codes", () => {
    const cyclic = [code("a", "b", 0, "A"), code("b", "a", 0, "B"), code("c", "b", 0, "C"), code("d", null, 1, "D")];
    const tree = buildTree(cyclic);
    expect(flattenTree(cyclic)).toHaveLength(4);
    expect(shape(tree)).toEqual([{ A: [{ B: ["C"] }] }, "D"]);
    expect(codePath(cyclic, "c")).toBe("A/B/C");
  });

  it("gives paths, ancestors and descendants", () => {
    expect(codePath(CODES, "rural")).toBe("Technology/Access/Rural");
    expect(codePath(CODES, "rural", " › ")).toBe("Technology › Access › Rural");
    expect(ancestorIds(CODES, "rural")).toEqual(["tech", "access", "rural"]);
    expect(descendantIds(CODES, "tech")).toEqual(["usability", "access", "rural", "urban"]);
    expect(descendantIds(CODES, "staff")).toEqual([]);
    expect(codePath(CODES, "gone")).toBe("");
  });
});

describe("canMove and moveCode", () => {
  it("refuses moves into the code itself or its descendants, and into deleted codes", () => {
    expect(canMove(CODES, "tech", "tech")).toBe(false);
    expect(canMove(CODES, "tech", "rural")).toBe(false);
    expect(canMove(CODES, "tech", "staff")).toBe(true);
    expect(canMove(CODES, "rural", null)).toBe(true);
    expect(canMove(CODES, "rural", "gone")).toBe(false);
    const refused = moveCode(CODES, "tech", { parentId: "access", index: 0 });
    expect(refused).toEqual({ ok: false, reason: "A code cannot go inside one of its own sub-codes." });
    expect(moveCode(CODES, "rural", { parentId: "gone", index: 0 })).toEqual({
      ok: false,
      reason: "The code to move it into no longer exists.",
    });
  });

  it("changes only the moved record when its neighbours leave room (midpoint)", () => {
    const result = moveCode(CODES, "staff", { parentId: "tech", index: 1 });
    expect(result).toEqual({ ok: true, changes: [{ id: "staff", parentId: "tech", order: 0.5 }] });
    expect(outline(apply(CODES, result))).toEqual(["Orphan", "Technology", "  Usability", "  Staff", "  Access", "    Rural", "    Urban"]);
  });

  it("renumbers the siblings when two have the same order", () => {
    // Rural and Urban both have order 0: nothing fits between them.
    const result = moveCode(CODES, "usability", { before: "urban" });
    expect(result).toEqual({
      ok: true,
      changes: [
        { id: "usability", parentId: "access", order: 1 },
        { id: "urban", parentId: "access", order: 2 },
      ],
    });
    expect(outline(apply(CODES, result))).toEqual(["Orphan", "Technology", "  Access", "    Rural", "    Usability", "    Urban", "Staff"]);
  });

  it("places after a sibling, at the end, and at the start", () => {
    expect(moveCode(CODES, "usability", { after: "access" })).toEqual({
      ok: true,
      changes: [{ id: "usability", parentId: "tech", order: 2 }],
    });
    expect(moveCode(CODES, "rural", { parentId: null, index: 0 })).toEqual({
      ok: true,
      changes: [{ id: "rural", parentId: null, order: -1 }],
    });
    expect(moveCode(CODES, "rural", { parentId: null, index: 99 })).toEqual({
      ok: true,
      changes: [{ id: "rural", parentId: null, order: 2 }],
    });
  });

  it("is a no-op when the code is already there", () => {
    expect(moveCode(CODES, "usability", { before: "access" })).toEqual({ ok: true, changes: [] });
    expect(moveCode(CODES, "usability", { parentId: "tech", index: 0 })).toEqual({ ok: true, changes: [] });
    expect(moveCode(CODES, "usability", { before: "usability" })).toEqual({ ok: true, changes: [] });
  });

  it("never makes a cycle and always keeps every code, whatever the moves", () => {
    const ids = CODES.filter((c) => !c.deleted).map((c) => c.id);
    const arbMove = fc.tuple(fc.constantFrom(...ids), fc.constantFrom<string | null>(null, ...ids), fc.nat(5));
    fc.assert(
      fc.property(fc.array(arbMove, { maxLength: 20 }), (moves) => {
        let codes = CODES;
        for (const [id, parentId, index] of moves) {
          const result = moveCode(codes, id, { parentId, index });
          expect(result.ok).toBe(canMove(codes, id, parentId));
          if (result.ok) codes = apply(codes, result);
        }
        // No cycles: every live code's stored parent chain reaches the top.
        const byId = new Map(codes.map((c) => [c.id, c]));
        for (const id of ids) {
          let at: string | null = id;
          for (let steps = 0; at !== null; steps++) {
            expect(steps).toBeLessThan(20);
            at = byId.get(at)?.parentId ?? null;
          }
        }
        expect(flattenTree(codes)).toHaveLength(ids.length);
      }),
    );
  });
});

describe("keyboard reordering", () => {
  it("moves up and down among siblings, and is a no-op at the ends", () => {
    expect(outline(apply(CODES, moveDown(CODES, "usability")))).toEqual([
      "Orphan",
      "Technology",
      "  Access",
      "    Rural",
      "    Urban",
      "  Usability",
      "Staff",
    ]);
    expect(outline(apply(CODES, moveUp(CODES, "access")))).toEqual(outline(apply(CODES, moveDown(CODES, "usability"))));
    expect(moveUp(CODES, "usability")).toEqual({ ok: true, changes: [] });
    expect(moveDown(CODES, "staff")).toEqual({ ok: true, changes: [] });
  });

  it("indents under the sibling above (as its last child) and outdents to just after the parent", () => {
    const indented = apply(CODES, indent(CODES, "access"));
    expect(outline(indented)).toEqual(["Orphan", "Technology", "  Usability", "    Access", "      Rural", "      Urban", "Staff"]);
    expect(indent(CODES, "usability")).toEqual({ ok: true, changes: [] });
    const outdented = apply(CODES, outdent(CODES, "usability"));
    expect(outline(outdented)).toEqual(["Orphan", "Technology", "  Access", "    Rural", "    Urban", "Usability", "Staff"]);
    expect(outdent(CODES, "staff")).toEqual({ ok: true, changes: [] });
  });

  it("keeps working after repeated moves use up the room between two neighbours", () => {
    let codes = ["A", "B", "C", "D"].map((name, i) => code(name.toLowerCase(), null, i, name));
    let renumbered = 0;
    for (let i = 0; i < 1200; i++) {
      const id = i % 2 ? "c" : "d";
      const result = moveCode(codes, id, { after: "a" });
      if (result.ok && result.changes.length > 1) renumbered++;
      codes = apply(codes, result);
      expect(flattenTree(codes)[1]?.code.id).toBe(id);
    }
    expect(renumbered).toBeGreaterThan(0);
    expect(outline(codes)).toEqual(["A", "C", "D", "B"]);
  });
});

describe("sibling names", () => {
  const index = indexCodes(CODES);
  it("compares case-insensitively and trimmed, among siblings only", () => {
    expect(siblingNameTaken(index, "tech", " usability ")).toBe(true);
    expect(siblingNameTaken(index, "tech", "Usability", "usability")).toBe(false);
    expect(siblingNameTaken(index, null, "Usability")).toBe(false);
    expect(siblingNameTaken(index, null, "Gone")).toBe(false); // deleted codes free their names
  });

  it("suggests Name (2), Name (3)…", () => {
    expect(uniqueSiblingName(index, "tech", "New code")).toBe("New code");
    expect(uniqueSiblingName(index, "tech", "usability")).toBe("usability (2)");
    const more = [...CODES, code("u2", "tech", 5, "Usability (2)")];
    expect(uniqueSiblingName(more, "tech", "Usability")).toBe("Usability (3)");
    expect(uniqueSiblingName(more, "tech", "Usability (2)")).toBe("Usability (3)");
  });
});
