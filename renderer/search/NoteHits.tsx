import { describeError } from "../../shared/describeError";
import type { CodingId } from "../../shared/ids";
import { routeHref, sourceHref } from "../app/router";
import { getCoding } from "../db/codings";
import type { OpenProject } from "../db/projects";
import { memoPlaces } from "../memos/memoNavigation";
import type { NoteKwicRow } from "./corpusProtocol";

/** Hits in memos and coding annotations: a memo opens in Memos, an annotation opens its coding's source. */
export function NoteHits({ project, notes }: { project: OpenProject; notes: readonly NoteKwicRow[] }) {
  const projectId = project.entry.id;
  const open = (note: NoteKwicRow) => {
    if (note.kind === "memo") {
      memoPlaces.setOpen(projectId, note.id);
      window.location.hash = routeHref({ name: "project", projectId, view: "memos", sourceId: null });
      return;
    }
    getCoding(project, note.id as CodingId).then(
      (coding) => {
        if (coding) window.location.hash = sourceHref(projectId, coding.sourceId, { start: coding.start, end: coding.end });
      },
      (e: unknown) => console.error("Could not open the coding", describeError(e)),
    );
  };
  return (
    <section
      aria-labelledby="note-hits-heading"
      className="max-h-[40%] min-h-0 overflow-auto border-t border-slate-300 p-3 dark:border-slate-700"
    >
      <h3 id="note-hits-heading" className="mb-1 text-sm font-semibold">
        In memos and annotations
      </h3>
      <ul aria-label="Hits in memos and annotations" className="flex flex-col gap-1 text-sm">
        {notes.map((note) => (
          <li key={`${note.kind}:${note.id}:${note.start}`}>
            <button
              type="button"
              onClick={() => open(note)}
              className="w-full rounded px-1 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <span className="font-medium text-blue-800 underline dark:text-sky-300">{note.title}</span>
              <span className="text-slate-600 dark:text-slate-400"> ({note.kind === "memo" ? "memo" : "coding annotation"}): </span>
              <span>{note.left} </span>
              <strong>{note.hit}</strong>
              <span> {note.right}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
