import { useId, useMemo, useState } from "react";
import { codePath, indexCodes } from "../../shared/coding/codeTree";
import type { MemoLinkTarget } from "../../shared/memos/links";
import { foldForSearch } from "../../shared/sources/listing";
import { listCases } from "../db/cases";
import { listCodes } from "../db/codes";
import { useLive } from "../db/live";
import { listSources } from "../db/sources";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";

const SHOWN_PER_GROUP = 30;

export interface PickedTarget {
  target: MemoLinkTarget;
  name: string;
}

/** "Link to…": find a source, code or case by name and link the memo to it. */
export function LinkPicker({ open, onPick, onClose }: { open: boolean; onPick: (picked: PickedTarget) => void; onClose: () => void }) {
  return (
    <Dialog title="Link to a source, code or case" open={open} onClose={onClose} wide>
      <PickerBody onPick={onPick} onClose={onClose} />
    </Dialog>
  );
}

interface Candidate extends PickedTarget {
  key: string;
  folded: string;
}

function PickerBody({ onPick, onClose }: { onPick: (picked: PickedTarget) => void; onClose: () => void }) {
  const project = useProject();
  const id = useId();
  const [query, setQuery] = useState("");
  const sources = useLive(() => listSources(project), [project]);
  const codes = useLive(() => listCodes(project), [project]);
  const cases = useLive(() => listCases(project), [project]);

  const groups = useMemo(() => {
    const make = (kind: MemoLinkTarget["kind"], id: string, name: string): Candidate => ({
      target: { kind, id },
      name,
      key: `${kind}:${id}`,
      folded: foldForSearch(name),
    });
    const index = codes ? indexCodes(codes) : null;
    return [
      { title: "Sources", items: (sources ?? []).map((s) => make("source", s.id, s.name)).sort(byName) },
      {
        title: "Codes",
        items: index ? [...index.byId.keys()].map((cid) => make("code", cid, codePath(index, cid, " / "))).sort(byName) : [],
      },
      { title: "Cases", items: (cases ?? []).map((c) => make("case", c.id, c.name)) },
    ];
  }, [sources, codes, cases]);

  const needle = foldForSearch(query.trim());
  const loading = !sources || !codes || !cases;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-sm font-medium">
          Find by name
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
          className="rounded border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
        />
      </div>
      {loading ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
      ) : (
        <div className="grid max-h-[55vh] grid-cols-1 gap-4 overflow-y-auto sm:grid-cols-3">
          {groups.map((group) => {
            const matches = needle ? group.items.filter((c) => c.folded.includes(needle)) : group.items;
            const headingId = `${id}-${group.title}`;
            return (
              <section key={group.title} aria-labelledby={headingId}>
                <h3 id={headingId} className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">
                  {group.title}
                </h3>
                {matches.length === 0 ? (
                  <p className="text-sm text-slate-600 dark:text-slate-400">{group.items.length ? "None match." : "None yet."}</p>
                ) : (
                  <ul className="flex flex-col">
                    {matches.slice(0, SHOWN_PER_GROUP).map((c) => (
                      <li key={c.key}>
                        <button
                          type="button"
                          onClick={() => onPick({ target: c.target, name: c.name })}
                          className="w-full truncate rounded px-2 py-1 text-left text-sm hover:bg-blue-50 dark:hover:bg-slate-800"
                        >
                          {c.name}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
                {matches.length > SHOWN_PER_GROUP && (
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                    {matches.length - SHOWN_PER_GROUP} more: type more of the name.
                  </p>
                )}
              </section>
            );
          })}
        </div>
      )}
      <div className="flex justify-end">
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </div>
  );
}

function byName(a: Candidate, b: Candidate): number {
  return a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: "base" });
}
