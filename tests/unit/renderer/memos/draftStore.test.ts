import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "../db/helpers";
import { createProjectMemo, memoFor, saveMemoFor } from "../../../../renderer/db/memos";
import { dropDraft, keepDraft, restoreMemoDrafts } from "../../../../renderer/memos/draftStore";
import { newProject } from "../../helpers/project";

/** localStorage as the browser has it: synchronous strings by key. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

beforeEach(() => {
  freshIndexedDb();
  globalThis.localStorage = new MemoryStorage();
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, "localStorage");
});

describe("memo drafts kept on every keystroke", () => {
  it("saves typing the last window never got to save, and only once", async () => {
    const p = await newProject();
    const memo = await createProjectMemo(p, { title: "Themes", body: "" });
    keepDraft(p.entry.id, { kind: "project", id: memo.targetId }, { title: "Themes", body: "Nurses chart on paper", base: memo.updatedAt });
    // A source memo that did not exist yet when the window closed.
    keepDraft(p.entry.id, { kind: "source", id: "src1" }, { title: "", body: "First read", base: "" });

    expect(await restoreMemoDrafts(p)).toBe(2);
    expect((await memoFor(p, "project", memo.targetId))?.body).toBe("Nurses chart on paper");
    expect((await memoFor(p, "source", "src1"))?.body).toBe("First read");
    expect(localStorage.length).toBe(0);
    expect(await restoreMemoDrafts(p)).toBe(0);
  });

  it("keeps a change made after the typing started (undo, another window) and drops the stale draft", async () => {
    const p = await newProject();
    const memo = await createProjectMemo(p, { title: "Themes", body: "one" });
    keepDraft(p.entry.id, { kind: "project", id: memo.targetId }, { title: "Themes", body: "two", base: memo.updatedAt });
    await saveMemoFor(p, { kind: "project", id: memo.targetId }, { title: "Themes", body: "three" });
    expect(await restoreMemoDrafts(p)).toBe(0);
    expect((await memoFor(p, "project", memo.targetId))?.body).toBe("three");
    expect(localStorage.length).toBe(0);
  });

  it("leaves other projects' drafts alone and ignores a damaged entry", async () => {
    const p = await newProject();
    keepDraft("another-project", { kind: "project", id: "x" }, { title: "t", body: "b", base: "" });
    localStorage.setItem(`margin.memoDraft.${p.entry.id}|project|y`, "{not json");
    expect(await restoreMemoDrafts(p)).toBe(0);
    expect(localStorage.length).toBe(1);
    dropDraft("another-project", { kind: "project", id: "x" });
    expect(localStorage.length).toBe(0);
  });
});
