import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useEffect, useMemo, useRef, useState } from "react";
import { codePath, indexCodes } from "../../shared/coding/codeTree";
import { countsByCode, listCodes, moveCode, moveCodeStep, renameCode, type CodeStep } from "../db/codes";
import { codeRange } from "../db/codings";
import { useLive } from "../db/live";
import { useCodingSession, type TextSelection } from "../project/codingSession";
import { useProject, useSession } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { CodebookFileMenu, type Report } from "./CodebookFileMenu";
import { CodePropertiesDialog } from "./CodePropertiesDialog";
import { CodeTree, type CodeTreeHandle, type TreeActions } from "./CodeTree";
import { DeleteCodeDialog } from "./DeleteCodeDialog";
import { MenuButton, MenuPopup, type MenuItem } from "./Menu";
import { MergeCodeDialog } from "./MergeCodeDialog";
import { NewCodeForm } from "./NewCodeForm";
import { visibleRows } from "./treeRows";

type CodeDialog = { kind: "properties" | "delete" | "merge"; id: string };

const STEP_WORDS: Record<CodeStep, string> = { up: "up", down: "down", indent: "inside the code above", outdent: "out one level" };

/** The codebook in the right-hand panel: the code tree, creating and arranging codes, coding by drop. */
export function CodebookPanel() {
  const project = useProject();
  const session = useSession();
  const codes = useLive(() => listCodes(project), [project]);
  const counts = useLive(() => countsByCode(project), [project]);
  const selectedId = useCodingSession(session, (s) => s.selectedCodeId);
  const hasSelection = useCodingSession(session, (s) => s.selection !== null);
  const index = useMemo(() => indexCodes(codes ?? []), [codes]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState("");
  const [includeSubCodes, setIncludeSubCodes] = useState(false);
  const rows = useMemo(() => visibleRows(index, collapsed, filter), [index, collapsed, filter]);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [newCodeParent, setNewCodeParent] = useState<{ id: string | null } | null>(null);
  const [dialog, setDialog] = useState<CodeDialog | null>(null);
  const [menu, setMenu] = useState<{ id: string; at: { x: number; y: number } } | null>(null);
  const [status, setStatus] = useState<{ text: string; kind: "info" | "error" }>({ text: "", kind: "info" });
  const tree = useRef<CodeTreeHandle>(null);
  const refocus = useRef<string | null>(null);

  const selected = selectedId ? index.byId.get(selectedId) : undefined;
  const report: Report = (text, kind = "info") => setStatus({ text, kind });
  const nameOf = (id: string) => index.byId.get(id)?.name ?? "code";

  // A keyboard move re-renders the rows: focus goes back to the moved code once they have.
  useEffect(() => {
    const id = refocus.current;
    if (id === null) return;
    refocus.current = null;
    tree.current?.focusCode(id);
  }, [rows]);

  const expand = (ids: (string | null)[]) =>
    setCollapsed((old) => {
      if (!ids.some((id) => id !== null && old.has(id))) return old;
      const next = new Set(old);
      for (const id of ids) if (id !== null) next.delete(id);
      return next;
    });

  const codeSelectionAt = async (codeId: string, dropped: TextSelection | null) => {
    const selection = dropped ?? session.getState().selection;
    if (!selection) {
      report("Select some text in a source first, then code it here.", "error");
      return;
    }
    try {
      await codeRange(project, selection.sourceId, codeId, { start: selection.start, end: selection.end });
      session.usedCode(codeId);
      report(`Coded the selection at “${nameOf(codeId)}”.`);
    } catch (e) {
      report(describeError(e), "error");
    }
  };

  const actions: TreeActions = {
    select: (id) => session.selectCode(id),
    setExpanded: (id, expanded) =>
      setCollapsed((old) => {
        const next = new Set(old);
        if (expanded) next.delete(id);
        else next.add(id);
        return next;
      }),
    expandSiblings: (id) => expand((index.children.get(index.parentOf.get(id) ?? null) ?? []).map((c) => c.id)),
    open: (id) => setDialog({ kind: "properties", id }),
    rename: (id) => setEditingId(id),
    remove: (id) => setDialog({ kind: "delete", id }),
    step: (id, step) => {
      if (filter.trim()) {
        report("Clear the filter to move codes with the keyboard.", "error");
        return;
      }
      refocus.current = id;
      moveCodeStep(project, id, step)
        .then((moved) => {
          if (!moved) refocus.current = null;
          if (step === "indent" && moved)
            expand([index.parentOf.get(id) ?? null, ...(index.children.get(index.parentOf.get(id) ?? null) ?? []).map((c) => c.id)]);
          report(moved ? `Moved “${nameOf(id)}” ${STEP_WORDS[step]}.` : `“${nameOf(id)}” cannot move ${STEP_WORDS[step]}.`);
        })
        .catch((e: unknown) => report(describeError(e), "error"));
    },
    contextMenu: (id, at) => setMenu({ id, at }),
    renameCommit: async (id, name) => {
      try {
        await renameCode(project, id, name);
        setEditingId(null);
        refocus.current = id;
        tree.current?.focusCode(id);
        return null;
      } catch (e) {
        return describeError(e);
      }
    },
    renameCancel: (id) => {
      setEditingId(null);
      tree.current?.focusCode(id);
    },
    move: (id, target) => {
      if ("parentId" in target && target.parentId) expand([target.parentId]);
      moveCode(project, id, target)
        .then(() => report(`Moved “${nameOf(id)}”.`))
        .catch((e: unknown) => report(describeError(e), "error"));
    },
    codeDrop: (codeId, dropped) => {
      session.selectCode(codeId);
      void codeSelectionAt(codeId, dropped);
    },
  };

  const closeDialog = () => {
    const id = dialog?.id;
    setDialog(null);
    if (id && index.byId.has(id)) tree.current?.focusCode(id);
  };

  const afterDelete = (id: string) => {
    // Select what takes the deleted code's place: the next code not inside it, else the one above.
    const i = rows.findIndex((r) => r.code.id === id);
    const depth = rows[i]?.depth ?? 0;
    const next = rows.slice(i + 1).find((r) => r.depth <= depth) ?? rows[i - 1];
    report(`Deleted “${nameOf(id)}”.`);
    setDialog(null);
    session.selectCode(next?.code.id ?? null);
    refocus.current = next?.code.id ?? null;
  };

  const codeItems = (id: string): MenuItem[] => [
    {
      label: "Code selection",
      disabled: !hasSelection,
      onSelect: () => {
        tree.current?.focusCode(id);
        void codeSelectionAt(id, null);
      },
    },
    { label: "New sub-code", onSelect: () => setNewCodeParent({ id }) },
    { label: "Rename", shortcut: "F2", onSelect: () => setEditingId(id) },
    { label: "Properties…", shortcut: "Enter", onSelect: () => setDialog({ kind: "properties", id }) },
    { label: "Merge into…", onSelect: () => setDialog({ kind: "merge", id }) },
    { label: "Delete…", shortcut: "Delete", onSelect: () => setDialog({ kind: "delete", id }) },
  ];

  const placeChoices = [...new Set([newCodeParent?.id ?? null, selectedId])]
    .filter((id): id is string => id !== null && index.byId.has(id))
    .map((id) => ({ id, path: codePath(index, id) }));
  const dialogCode = dialog ? index.byId.get(dialog.id) : undefined;

  return (
    <section aria-labelledby="codebook-title" className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-1.5 px-3 pt-3 pb-2">
        <h2 id="codebook-title" className="mr-auto text-sm font-semibold">
          Codes
        </h2>
        <Button className="px-2 py-1" onClick={() => setNewCodeParent({ id: null })}>
          New code
        </Button>
        <CodebookFileMenu report={report} />
      </div>
      {newCodeParent && (
        <NewCodeForm
          parent={newCodeParent.id}
          parentChoices={placeChoices}
          onCreated={(code) => {
            expand([code.parentId]);
            session.selectCode(code.id);
            report(`Added “${code.name}”.`);
            requestAnimationFrame(() => tree.current?.revealCode(code.id));
          }}
          onClose={() => {
            setNewCodeParent(null);
            if (selectedId) tree.current?.focusCode(selectedId);
          }}
        />
      )}
      <div className="flex flex-col gap-1.5 px-3 pb-2">
        <label className="sr-only" htmlFor="codebook-filter">
          Filter codes
        </label>
        <input
          id="codebook-filter"
          type="search"
          placeholder="Filter codes"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" checked={includeSubCodes} onChange={(e) => setIncludeSubCodes(e.target.checked)} />
          Include sub-codes in counts
        </label>
      </div>
      {codes === undefined ? (
        <p className="px-3 text-sm text-slate-600 dark:text-slate-400">Loading codes…</p>
      ) : codes.length === 0 ? (
        <p className="px-3 text-sm text-slate-600 dark:text-slate-400">
          No codes yet. Add one with New code, or import a codebook from the Codebook menu.
        </p>
      ) : rows.length === 0 ? (
        <p className="px-3 text-sm text-slate-600 dark:text-slate-400">No code matches “{filter.trim()}”.</p>
      ) : (
        <>
          <p aria-hidden="true" className="flex justify-end px-3 text-[11px] text-slate-600 dark:text-slate-400">
            codings · sources
          </p>
          <CodeTree
            rows={rows}
            index={index}
            counts={counts}
            includeSubCodes={includeSubCodes}
            filter={filter}
            selectedId={selectedId}
            editingId={editingId}
            actions={actions}
            handle={tree}
          />
        </>
      )}
      {selected && (
        <div
          role="group"
          aria-label={`Selected code: ${selected.name}`}
          className="flex flex-col gap-1.5 border-t border-slate-300 px-3 py-2 dark:border-slate-700"
        >
          <p className="truncate text-xs text-slate-700 dark:text-slate-300" title={codePath(index, selected.id)}>
            {codePath(index, selected.id)}
          </p>
          <div className="flex flex-wrap gap-1.5">
            <Button
              variant="primary"
              className="px-2 py-1 disabled:opacity-60"
              disabled={!hasSelection}
              title={hasSelection ? undefined : "Select text in a source first"}
              onClick={() => void codeSelectionAt(selected.id, null)}
            >
              Code selection
            </Button>
            <Button className="px-2 py-1" onClick={() => setNewCodeParent({ id: selected.id })}>
              New sub-code
            </Button>
            <Button className="px-2 py-1" onClick={() => setDialog({ kind: "properties", id: selected.id })}>
              Properties…
            </Button>
            <MenuButton
              label="More"
              items={codeItems(selected.id)
                .slice(2)
                .filter((i) => i.label !== "Properties…")}
            />
          </div>
        </div>
      )}
      <div className="px-3 pb-2 text-xs">
        <p role="status" className="text-slate-700 dark:text-slate-300">
          {status.kind === "info" ? status.text : ""}
        </p>
        <ErrorText>{status.kind === "error" ? status.text : ""}</ErrorText>
      </div>
      {menu && index.byId.has(menu.id) && (
        <MenuPopup
          label={`Actions for “${nameOf(menu.id)}”`}
          items={codeItems(menu.id)}
          at={menu.at}
          onClose={(chosen) => {
            setMenu(null);
            if (!chosen) tree.current?.focusCode(menu.id);
          }}
        />
      )}
      {dialog?.kind === "properties" && dialogCode && (
        <CodePropertiesDialog code={dialogCode} path={codePath(index, dialogCode.id)} onClose={closeDialog} />
      )}
      {dialog?.kind === "delete" && dialogCode && (
        <DeleteCodeDialog code={dialogCode} onClose={closeDialog} onDeleted={() => afterDelete(dialogCode.id)} />
      )}
      {dialog?.kind === "merge" && dialogCode && (
        <MergeCodeDialog
          from={dialogCode}
          index={index}
          onClose={closeDialog}
          onMerged={(intoId, plan) => {
            setDialog(null);
            expand([intoId]);
            session.selectCode(intoId);
            refocus.current = intoId;
            const { moved, collapsed: same, unioned } = plan.summary;
            report(`Merged “${dialogCode.name}” into “${nameOf(intoId)}”: ${moved} moved, ${same + unioned} combined.`);
          }}
        />
      )}
    </section>
  );
}
