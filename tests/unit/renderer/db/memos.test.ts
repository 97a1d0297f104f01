import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import type { OpenProject } from "../../../../renderer/db/projects";
import { writeChanges } from "../../../../renderer/db/changes";
import { createCode, deleteCode } from "../../../../renderer/db/codes";
import { createCase } from "../../../../renderer/db/cases";
import {
  createProjectMemo,
  deleteMemo,
  getMemo,
  listMemoRows,
  listMemos,
  memoFor,
  saveMemoFor,
  searchMemos,
  updateMemo,
} from "../../../../renderer/db/memos";
import type { CodingRecord, SourceRecord } from "../../../../shared/model/records";
import { memoLinkMarkdown } from "../../../../shared/memos/links";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

async function addSource(p: OpenProject, name: string): Promise<SourceRecord> {
  return writeChanges(p.db, p.ctx, "Imported", (w) =>
    w.create<SourceRecord>("sources", {
      name,
      kind: "interview",
      fileName: `${name}.txt`,
      format: "txt",
      importedAt: new Date().toISOString(),
      charCount: 10,
      wordCount: 2,
      contentHash: name,
      caseIds: [],
      memo: "",
    }),
  );
}

describe("memos repository", () => {
  it("keeps one memo per target: saving again updates it", async () => {
    const p = await newProject();
    const source = await addSource(p, "P07 interview");
    const first = await saveMemoFor(p, { kind: "source", id: source.id }, { title: "First thoughts", body: "Busy ward" });
    const second = await saveMemoFor(
      p,
      { kind: "source", id: source.id },
      { title: "First thoughts", body: "Busy ward, **short-staffed**" },
    );
    expect(second.id).toBe(first.id);
    expect(await listMemos(p)).toHaveLength(1);
    expect(await memoFor(p, "source", source.id)).toMatchObject({
      id: first.id,
      body: "Busy ward, **short-staffed**",
      authorId: p.ctx.coderId,
    });
    // Saving what is already stored writes nothing (no empty undo step).
    const steps = await p.db.journal.count();
    await saveMemoFor(p, { kind: "source", id: source.id }, { title: "First thoughts", body: "Busy ward, **short-staffed**" });
    expect(await p.db.journal.count()).toBe(steps);
    // Another target gets its own memo.
    const other = await addSource(p, "P08 interview");
    await saveMemoFor(p, { kind: "source", id: other.id }, { title: "", body: "x" });
    expect(await listMemos(p)).toHaveLength(2);
  });

  it("holds many project memos, each found by its own target id, newest change first", async () => {
    const p = await newProject();
    const a = await createProjectMemo(p, { title: "Emerging themes", body: "" });
    const b = await createProjectMemo(p, { title: "Method notes", body: "" });
    expect(a.targetKind).toBe("project");
    expect(a.targetId).not.toBe(b.targetId);
    expect((await memoFor(p, "project", b.targetId))?.id).toBe(b.id);
    await updateMemo(p, a.id, { title: "Emerging themes", body: "updated" });
    expect((await listMemos(p)).map((m) => m.title)).toEqual(["Emerging themes", "Method notes"]);
    await deleteMemo(p, b.id);
    expect(await getMemo(p, b.id)).toBeUndefined();
    expect(await memoFor(p, "project", b.targetId)).toBeUndefined();
  });

  it("lists memos with what they are attached to, in words, and who wrote them", async () => {
    const p = await newProject();
    const source = await addSource(p, "P07 interview");
    const parent = await createCode(p, { name: "Workarounds" });
    const child = await createCode(p, { name: "Shadow charting", parentId: parent.id });
    const kase = await createCase(p, "P07");
    const coding = await writeChanges(p.db, p.ctx, "Coded", (w) =>
      w.create<CodingRecord>("codings", { sourceId: source.id, codeId: child.id, start: 0, end: 5, coderId: p.ctx.coderId, note: "" }),
    );
    const project = await createProjectMemo(p, { title: "Themes", body: "" });
    await saveMemoFor(p, { kind: "source", id: source.id }, { title: "S", body: "" });
    await saveMemoFor(p, { kind: "code", id: child.id }, { title: "C", body: "" });
    await saveMemoFor(p, { kind: "case", id: kase.id }, { title: "K", body: "" });
    await saveMemoFor(p, { kind: "coding", id: coding.id }, { title: "G", body: "" });

    const rows = new Map((await listMemoRows(p)).map((r) => [r.memo.title, r]));
    expect(rows.get("Themes")?.target).toEqual({ kind: "project", id: project.targetId, name: "Project", sourceId: null });
    expect(rows.get("S")?.target).toEqual({ kind: "source", id: source.id, name: "P07 interview", sourceId: source.id });
    expect(rows.get("C")?.target.name).toBe("Workarounds / Shadow charting");
    expect(rows.get("K")?.target.name).toBe("P07");
    expect(rows.get("G")?.target).toEqual({
      kind: "coding",
      id: coding.id,
      name: "Workarounds / Shadow charting in P07 interview",
      sourceId: source.id,
    });
    expect(rows.get("Themes")?.author).toEqual({ name: "Amira Patel", initials: "AP" });

    // A deleted target leaves the memo listed, marked as attached to something no longer there.
    await deleteCode(p, child.id);
    const after = new Map((await listMemoRows(p)).map((r) => [r.memo.title, r]));
    expect(after.get("C")?.target.name).toBeNull();
  });

  it("searches titles and text, ignoring case, accents and markup, and filters by target kind", async () => {
    const p = await newProject();
    const source = await addSource(p, "P07 interview");
    await createProjectMemo(p, {
      title: "Émergent thèmes",
      body: `# Workarounds\n\n- **Shadow** *charting* in ${memoLinkMarkdown({ kind: "source", id: source.id }, "P07")}`,
    });
    await saveMemoFor(p, { kind: "source", id: source.id }, { title: "Ward notes", body: "Night shift charting" });
    expect((await searchMemos(p, "emergent")).map((m) => m.title)).toEqual(["Émergent thèmes"]);
    expect((await searchMemos(p, "shadow charting")).map((m) => m.title)).toEqual(["Émergent thèmes"]);
    expect((await searchMemos(p, "CHARTING")).map((m) => m.title).sort()).toEqual(["Ward notes", "Émergent thèmes"]);
    expect((await searchMemos(p, "charting", "source")).map((m) => m.title)).toEqual(["Ward notes"]);
    expect(await searchMemos(p, source.id)).toEqual([]);
    expect(await searchMemos(p, "rota")).toEqual([]);
  });

  it("undoes and redoes a memo edit through the project history", async () => {
    const p = await newProject();
    const target = { kind: "project" as const, id: "standalone-1" };
    await saveMemoFor(p, target, { title: "Themes", body: "first draft" });
    await saveMemoFor(p, target, { title: "Themes", body: "second draft" });
    expect(p.history.state()).toEqual({ undoLabel: "Edited memo", redoLabel: null });

    expect(await p.history.undo(p)).toBe("Edited memo");
    expect((await memoFor(p, "project", target.id))?.body).toBe("first draft");
    expect(await p.history.undo(p)).toBe("Edited memo");
    expect(await memoFor(p, "project", target.id)).toBeUndefined();

    await p.history.redo(p);
    expect((await memoFor(p, "project", target.id))?.body).toBe("first draft");
    await p.history.redo(p);
    expect((await memoFor(p, "project", target.id))?.body).toBe("second draft");
    expect(await listMemos(p)).toHaveLength(1);

    await deleteMemo(p, (await listMemos(p))[0]?.id ?? "");
    expect(await listMemos(p)).toHaveLength(0);
    expect(await p.history.undo(p)).toBe("Deleted memo");
    expect((await listMemos(p))[0]?.body).toBe("second draft");
  });
});
