import { plural } from "../../shared/text/plural";
import { useId, useMemo, useState } from "react";
import { flattenTree } from "../../shared/coding/codeTree";
import type { CodeRecord, CoderRecord } from "../../shared/model/records";
import type { CodingFilter } from "../project/codingSession";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { fold } from "./paletteSearch";

/** A short description of the filter for the toolbar button, e.g. "3 codes, 1 coder". */
export function filterSummary(filter: CodingFilter, separateCoders: boolean): string {
  const parts: string[] = [];
  parts.push(filter.codeIds === null ? "all codes" : plural(filter.codeIds.length, "code"));
  if (filter.coderIds !== null) parts.push(plural(filter.coderIds.length, "coder"));
  if (separateCoders) parts.push("coders apart");
  return parts.join(", ");
}

/**
 * Which codings the viewer shows: all codes or only chosen ones, which coders, and whether each coder
 * gets their own stripe. Stored in the coding session, so the codebook and retrieval can follow it.
 */
export function CodingFilterDialog({
  open,
  filter,
  separateCoders,
  codes,
  coders,
  onFilter,
  onSeparateCoders,
  onClose,
}: {
  open: boolean;
  filter: CodingFilter;
  separateCoders: boolean;
  codes: readonly CodeRecord[];
  coders: readonly CoderRecord[];
  onFilter: (filter: CodingFilter) => void;
  onSeparateCoders: (separate: boolean) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [search, setSearch] = useState("");
  const tree = useMemo(() => flattenTree(codes), [codes]);
  const shownTree = useMemo(() => {
    const q = fold(search);
    return q ? tree.filter((n) => fold(n.code.name).includes(q)) : tree;
  }, [tree, search]);
  const chosenCodes = new Set(filter.codeIds ?? []);
  const chosenCoders = new Set(filter.coderIds ?? coders.map((c) => c.id));

  const toggleCode = (codeId: string, on: boolean) => {
    const next = new Set(chosenCodes);
    if (on) next.add(codeId);
    else next.delete(codeId);
    onFilter({ ...filter, codeIds: [...next] });
  };
  const toggleCoder = (coderId: string, on: boolean) => {
    const next = new Set(chosenCoders);
    if (on) next.add(coderId);
    else next.delete(coderId);
    onFilter({ ...filter, coderIds: next.size === coders.length ? null : [...next] });
  };

  return (
    <Dialog title="Coding shown" open={open} onClose={onClose}>
      <div className="flex flex-col gap-4 text-sm">
        <fieldset>
          <legend className="font-semibold">Codes</legend>
          <label className="mt-1 flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-codes`}
              checked={filter.codeIds === null}
              onChange={() => onFilter({ ...filter, codeIds: null })}
            />
            All codes
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-codes`}
              checked={filter.codeIds !== null}
              onChange={() => onFilter({ ...filter, codeIds: [] })}
            />
            Only the codes ticked below
          </label>
          {filter.codeIds !== null && (
            <div className="mt-2">
              <label htmlFor={`${id}-search`} className="sr-only">
                Find a code
              </label>
              <input
                id={`${id}-search`}
                type="search"
                placeholder="Find a code"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                className="w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
              />
              <ul
                aria-label="Codes to show"
                className="mt-1 max-h-56 overflow-y-auto rounded border border-slate-300 p-1 dark:border-slate-700"
              >
                {shownTree.map(({ code, depth }) => (
                  <li key={code.id} style={{ paddingLeft: search ? 0 : depth * 16 }}>
                    <label className="flex items-center gap-2 py-0.5">
                      <input type="checkbox" checked={chosenCodes.has(code.id)} onChange={(e) => toggleCode(code.id, e.target.checked)} />
                      <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full" style={{ backgroundColor: code.colour }} />
                      {code.name}
                    </label>
                  </li>
                ))}
                {shownTree.length === 0 && <li className="text-slate-600 dark:text-slate-400">No codes match.</li>}
              </ul>
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend className="font-semibold">Coders</legend>
          {coders.map((coder) => (
            <label key={coder.id} className="mt-1 flex items-center gap-2">
              <input type="checkbox" checked={chosenCoders.has(coder.id)} onChange={(e) => toggleCoder(coder.id, e.target.checked)} />
              {coder.name} ({coder.initials})
            </label>
          ))}
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" checked={separateCoders} onChange={(e) => onSeparateCoders(e.target.checked)} />
            Show coders separately (a stripe per code and coder)
          </label>
        </fieldset>
        <div className="flex justify-between">
          <Button
            onClick={() => {
              onFilter({ codeIds: null, coderIds: null });
              onSeparateCoders(false);
            }}
          >
            Show everything
          </Button>
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
