import { useId, useMemo, useRef, useState } from "react";
import type { MemoTargetKind } from "../../shared/model/records";
import { foldMemoQuery, memoMatches, memoSearchText } from "../../shared/memos/search";
import { navigate } from "../app/router";
import { useLive } from "../db/live";
import { createProjectMemo, listMemoRows, type MemoRow } from "../db/memos";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { MemoEditorFor } from "./MemoEditor";
import { MemoList } from "./MemoList";
import { CodingAnnotations } from "./CodingAnnotations";
import { MemoTargetLink } from "./MemoTargetLink";
import { memoPlaces, useOpenMemoId } from "./memoNavigation";
import { plural } from "../../shared/text/plural";

const KIND_FILTERS: { value: MemoTargetKind | ""; label: string }[] = [
  { value: "", label: "Anything" },
  { value: "project", label: "Project" },
  { value: "source", label: "Sources" },
  { value: "code", label: "Codes" },
  { value: "coding", label: "Codings" },
  { value: "case", label: "Cases" },
];

/** All memos: search, filter by what they are linked to, open one beside the list to read or edit. */
export function MemosView() {
  const project = useProject();
  const projectId = project.entry.id;
  const id = useId();
  const rows = useLive(() => listMemoRows(project), [project]);
  const openId = useOpenMemoId(projectId);
  const [query, setQuery] = useState("");
  const [kind, setKind] = useState<MemoTargetKind | "">("");
  const [justCreated, setJustCreated] = useState<string | null>(null);
  const [notice, setNotice] = useState("");

  // Search text per memo version, kept between renders: 5,000 memos are folded once, not per keystroke.
  const searchCache = useRef(new Map<string, string>());
  const searchable = useMemo(() => {
    if (!rows) return null;
    const cache = searchCache.current;
    const next = new Map<string, string>();
    const out = rows.map((row) => {
      const key = `${row.memo.id}:${row.memo.updatedAt}`;
      const searchText = cache.get(key) ?? memoSearchText(row.memo.title, row.memo.body);
      next.set(key, searchText);
      return { row, searchText, kind: row.memo.targetKind };
    });
    searchCache.current = next;
    return out;
  }, [rows]);

  const shown = useMemo(() => {
    if (!searchable) return null;
    const filter = { query: foldMemoQuery(query), kind: kind || null };
    return searchable.filter((item) => memoMatches(item, filter)).map((item) => item.row);
  }, [searchable, query, kind]);

  const open = rows?.find((r) => r.memo.id === openId) ?? null;

  const newMemo = async () => {
    const memo = await createProjectMemo(project, { title: "", body: "" });
    setJustCreated(memo.id);
    memoPlaces.setOpen(projectId, memo.id);
  };

  const openBeside = (row: MemoRow) => {
    memoPlaces.setPinned(projectId, row.memo.id);
    if (row.target.sourceId) navigate({ name: "project", projectId, view: "source", sourceId: row.target.sourceId });
    else setNotice("This memo is pinned beside the text: open a source to read and code alongside it.");
  };

  return (
    <section aria-labelledby={`${id}-title`} className="flex min-h-0 flex-1">
      <div className="flex min-h-0 w-[min(24rem,45%)] shrink-0 flex-col border-r border-slate-300 dark:border-slate-700">
        <div className="flex flex-col gap-2 border-b border-slate-300 p-3 dark:border-slate-700">
          <div className="flex items-center justify-between gap-2">
            <h2 id={`${id}-title`} className="text-base font-semibold">
              Memos
            </h2>
            <Button variant="primary" onClick={() => void newMemo()}>
              New project memo
            </Button>
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <label htmlFor={`${id}-q`} className="text-xs font-medium">
                Search memos
              </label>
              <input
                id={`${id}-q`}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="Title or text"
                className="rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-kind`} className="text-xs font-medium">
                Linked to
              </label>
              <select
                id={`${id}-kind`}
                value={kind}
                onChange={(e) => setKind(e.target.value as MemoTargetKind | "")}
                className="rounded border border-slate-400 bg-white px-1 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
              >
                {KIND_FILTERS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p role="status" className="text-xs text-slate-600 dark:text-slate-400">
            {rows && shown
              ? shown.length === rows.length
                ? countWords(rows.length)
                : `${shown.length} of ${countWords(rows.length)}`
              : ""}
          </p>
        </div>
        {!rows || !shown ? (
          <p className="p-3 text-sm text-slate-600 dark:text-slate-400">Loading memos…</p>
        ) : rows.length === 0 ? (
          <p className="p-3 text-sm text-slate-700 dark:text-slate-300">
            No memos yet. Start one with <strong>New project memo</strong>, or write a memo for a source, code or case where you see it.
          </p>
        ) : shown.length === 0 ? (
          <p className="p-3 text-sm text-slate-700 dark:text-slate-300">
            {kind === "coding" && !query ? "No memos are linked to codings." : "No memos match."}
          </p>
        ) : (
          <MemoList
            rows={shown}
            openId={openId}
            onOpen={(row) => {
              setNotice("");
              memoPlaces.setOpen(projectId, row.memo.id);
            }}
          />
        )}
        {kind === "coding" && <CodingAnnotations query={query} />}
      </div>
      <div className="min-h-0 min-w-0 flex-1 overflow-y-auto p-4">
        {open ? (
          <div className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700 dark:text-slate-300">
              <MemoTargetLink target={open.target} />
              <Button onClick={() => openBeside(open)}>Open beside text</Button>
            </div>
            {notice && (
              <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
                {notice}
              </p>
            )}
            <MemoEditorFor
              key={open.memo.id}
              target={{ kind: open.memo.targetKind, id: open.memo.targetId }}
              label={`Memo: ${open.memo.title.trim() || "Untitled memo"}`}
              autoFocusTitle={open.memo.id === justCreated}
            />
          </div>
        ) : openId && rows ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">This memo was deleted. Undo (Ctrl+Z) brings it back.</p>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Choose a memo to read or edit it.</p>
        )}
      </div>
    </section>
  );
}

function countWords(n: number): string {
  return plural(n, "memo");
}
