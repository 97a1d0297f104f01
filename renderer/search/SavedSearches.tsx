import { useState } from "react";
import { describeError } from "../../shared/describeError";
import type { OpenProject } from "../db/projects";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { TextField } from "../ui/TextField";
import {
  deleteSavedSearch,
  findSavedByName,
  renameSavedSearch,
  saveSavedSearch,
  useSavedSearches,
  type SavedSearchRow,
} from "./savedSearchRepo";
import { savedFields, type SearchForm } from "./searchState";

/** The project's saved searches: run one (its query, options and scope), rename, delete; and "Save search…". */
export function SavedSearches({
  project,
  form,
  onRun,
  onMessage,
}: {
  project: OpenProject;
  form: SearchForm;
  onRun: (saved: SavedSearchRow) => void;
  onMessage: (message: string) => void;
}) {
  const saved = useSavedSearches(project);
  const [naming, setNaming] = useState<{ mode: "save" } | { mode: "rename"; row: SavedSearchRow } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  const remove = (row: SavedSearchRow) => {
    setDeleting(null);
    deleteSavedSearch(project, row.id).then(
      () => onMessage(`Deleted the saved search “${row.name}”.`),
      (e: unknown) => onMessage(describeError(e)),
    );
  };

  return (
    <section aria-labelledby="saved-searches-heading" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h3 id="saved-searches-heading" className="text-sm font-semibold">
          Saved searches
        </h3>
        <Button className="!px-2 !py-0.5 text-xs" disabled={form.text.trim() === ""} onClick={() => setNaming({ mode: "save" })}>
          Save search…
        </Button>
      </div>
      {!saved || saved.length === 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">None yet. Save a search to run it again later.</p>
      ) : (
        <ul aria-label="Saved searches" className="flex flex-col gap-1">
          {saved.map((row) =>
            deleting === row.id ? (
              <li key={row.id} className="flex flex-wrap items-center gap-1 text-sm">
                <span className="min-w-0 flex-1">Delete “{row.name}”?</span>
                <Button variant="danger" className="!px-1.5 !py-0.5 text-xs" onClick={() => remove(row)}>
                  Delete
                </Button>
                <Button variant="ghost" className="!px-1.5 !py-0.5 text-xs" onClick={() => setDeleting(null)}>
                  Keep
                </Button>
              </li>
            ) : (
              <li key={row.id} className="flex items-center gap-1 text-sm">
                <button
                  type="button"
                  onClick={() => onRun(row)}
                  title={row.query}
                  aria-label={`Run saved search ${row.name}`}
                  className="min-w-0 flex-1 truncate rounded px-1 py-0.5 text-left text-blue-800 underline hover:bg-slate-100 dark:text-sky-300 dark:hover:bg-slate-800"
                >
                  {row.name}
                </button>
                <Button
                  variant="ghost"
                  className="!px-1.5 !py-0.5 text-xs"
                  aria-label={`Rename ${row.name}`}
                  onClick={() => setNaming({ mode: "rename", row })}
                >
                  Rename
                </Button>
                <Button
                  variant="ghost"
                  className="!px-1.5 !py-0.5 text-xs"
                  aria-label={`Delete ${row.name}`}
                  onClick={() => setDeleting(row.id)}
                >
                  Delete
                </Button>
              </li>
            ),
          )}
        </ul>
      )}
      {naming && (
        <NameDialog
          title={naming.mode === "save" ? "Save search" : "Rename saved search"}
          initial={naming.mode === "rename" ? naming.row.name : form.text.slice(0, 60)}
          onClose={() => setNaming(null)}
          onSubmit={async (name, replace) => {
            if (naming.mode === "rename") {
              await renameSavedSearch(project, naming.row.id, name);
              onMessage(`Renamed to “${name.trim()}”.`);
            } else {
              const same = saved ? findSavedByName(saved, name) : undefined;
              if (same && !replace) return false;
              await saveSavedSearch(project, savedFields(form, name));
              onMessage(`Saved the search as “${name.trim()}”.`);
            }
            setNaming(null);
            return true;
          }}
        />
      )}
    </section>
  );
}

function NameDialog({
  title,
  initial,
  onClose,
  onSubmit,
}: {
  title: string;
  initial: string;
  onClose: () => void;
  /** false: a saved search has that name, and the researcher has not yet said to replace it. */
  onSubmit: (name: string, replace: boolean) => Promise<boolean>;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [clash, setClash] = useState<string | null>(null);
  return (
    <Dialog title={title} open onClose={onClose}>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() === "") {
            setError("Give the search a name.");
            return;
          }
          onSubmit(name, clash === name.trim()).then(
            (done) => {
              if (!done) setClash(name.trim());
            },
            (err: unknown) => setError(describeError(err)),
          );
        }}
      >
        <TextField
          label="Name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setClash(null);
          }}
          autoFocus
          error={error}
        />
        {clash && (
          <p role="alert" className="text-sm">
            A saved search called “{clash}” exists. Replace it with this search?
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary">
            {clash ? "Replace" : "Save"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
