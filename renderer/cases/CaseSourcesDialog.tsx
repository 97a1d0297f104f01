import { plural } from "../../shared/text/plural";
import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useMemo, useState } from "react";
import type { CaseRecord } from "../../shared/model/records";
import { compareNames, nameKey } from "../../shared/cases/values";
import { setCaseSources, sourceIdsForCase } from "../db/cases";
import { listSources } from "../db/sources";
import { useLive } from "../db/live";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { TextField } from "../ui/TextField";

/** A checklist of the project's sources, with a filter box, to link and unlink sources to one case. */
export function CaseSourcesDialog({
  target,
  onClose,
  onSaved,
}: {
  target: CaseRecord;
  onClose: () => void;
  onSaved: (status: string) => void;
}) {
  const project = useProject();
  const sources = useLive(async () => (await listSources(project)).sort((a, b) => compareNames(a.name, b.name)), [project]);
  const linked = useLive(() => sourceIdsForCase(project, target.id), [project, target.id]);
  // The researcher's ticks; null until they change something, so the list follows the database until then.
  const [ticked, setTicked] = useState<Set<string> | null>(null);
  const [filter, setFilter] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = useMemo(() => ticked ?? new Set(linked ?? []), [ticked, linked]);
  const shown = useMemo(
    () => (sources ?? []).filter((s) => !filter.trim() || nameKey(`${s.name} ${s.fileName}`).includes(nameKey(filter))),
    [sources, filter],
  );

  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setTicked(next);
  };

  const save = async () => {
    setBusy(true);
    try {
      await setCaseSources(project, target.id, [...chosen]);
      onSaved(`${target.name} now has ${plural(chosen.size, "source")}.`);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Sources of ${target.name}`} open onClose={onClose}>
      <TextField label="Filter sources" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoFocus />
      {sources === undefined || linked === undefined ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Loading sources…</p>
      ) : sources.length === 0 ? (
        <p className="mt-3 text-sm">There are no sources in this project yet. Import sources first, then link them here.</p>
      ) : (
        <>
          <div className="mt-2 flex items-center gap-2 text-sm">
            <span aria-live="polite">
              {chosen.size} of {sources.length} linked{shown.length !== sources.length ? `, ${shown.length} shown` : ""}
            </span>
            <span className="flex-1" />
            <Button
              variant="ghost"
              onClick={() =>
                toggle(
                  shown.map((s) => s.id),
                  true,
                )
              }
            >
              Tick all shown
            </Button>
            <Button
              variant="ghost"
              onClick={() =>
                toggle(
                  shown.map((s) => s.id),
                  false,
                )
              }
            >
              Untick all shown
            </Button>
          </div>
          <fieldset className="mt-1 max-h-72 overflow-auto rounded border border-slate-300 p-2 dark:border-slate-700">
            <legend className="sr-only">Sources linked to {target.name}</legend>
            {shown.map((s) => (
              <label key={s.id} className="flex items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                <input type="checkbox" checked={chosen.has(s.id)} onChange={(e) => toggle([s.id], e.target.checked)} />
                <span className="truncate">{s.name}</span>
                {s.fileName !== s.name && <span className="truncate text-xs text-slate-600 dark:text-slate-400">{s.fileName}</span>}
              </label>
            ))}
            {shown.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No source matches “{filter}”.</p>}
          </fieldset>
        </>
      )}
      {error && <ErrorText className="mt-2 text-sm">{error}</ErrorText>}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" disabled={busy || !sources?.length} onClick={() => void save()}>
          Save links
        </Button>
      </div>
    </Dialog>
  );
}
