import { useMemo, useState } from "react";
import { describeError } from "../../shared/describeError";
import type { SpeakerRole } from "../../shared/model/records";
import { speakerTable, suggestMerges, type SpeakerRow } from "../../shared/search/speakers";
import { plural } from "../../shared/text/plural";
import { useLive } from "../db/live";
import { listSources } from "../db/sources";
import { listSpeakerRecords, mergeSpeakerLabels, setSpeakerRole } from "../db/speakers";
import { useProject } from "../project/ProjectContext";
import { useCorpusStatus } from "../search/CorpusContext";
import { Button } from "../ui/Button";
import { ErrorText } from "../ui/ErrorText";
import { CodeTurnsDialog } from "./CodeTurnsDialog";
import { MergeLabelsDialog } from "./MergeLabelsDialog";
import { SpeakerTable } from "./SpeakerTable";
import { useSpeakerCounts } from "./useSpeakerCounts";

type Open = { kind: "merge"; name: string } | { kind: "code" };

/**
 * Project-wide speaker labels, their roles, and coding their turns (issue 16 item 3). The labels are
 * counted by the corpus worker; the researcher's roles and merges are speaker records.
 */
export function SpeakersView() {
  const project = useProject();
  const { labels, error: countError } = useSpeakerCounts();
  const records = useLive(() => listSpeakerRecords(project), [project]);
  const sources = useLive(() => listSources(project), [project]);
  const status = useCorpusStatus();
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Open | null>(null);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);

  const rows = useMemo(() => (labels && records ? speakerTable(labels, records) : undefined), [labels, records]);
  const suggestions = useMemo(() => (rows ? suggestMerges(rows) : []), [rows]);
  const sourceNames = useMemo(() => new Map((sources ?? []).map((s) => [s.id as string, s.name])), [sources]);
  const chosen = (rows ?? []).filter((r) => ticked.has(r.key));

  const run = (work: Promise<unknown>, done: string) => {
    setError(null);
    work.then(
      () => setMessage(done),
      (e: unknown) => setError(describeError(e)),
    );
  };
  const setRole = (row: SpeakerRow, role: SpeakerRole | null) =>
    run(setSpeakerRole(project, row.labels, role), role ? `${row.name} marked as ${role}.` : `Role of ${row.name} cleared.`);
  const finish = (text: string) => {
    setOpen(null);
    setTicked(new Set());
    setMessage(text);
  };

  return (
    <section aria-labelledby="speakers-heading" className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-300 p-3 dark:border-slate-700">
        <h2 id="speakers-heading" className="mr-2 text-base font-semibold">
          Speakers
        </h2>
        <Button disabled={chosen.length < 2} onClick={() => setOpen({ kind: "merge", name: shortest(chosen) })}>
          Merge labels…
        </Button>
        <Button variant="primary" disabled={chosen.length === 0} onClick={() => setOpen({ kind: "code" })}>
          Code turns…
        </Button>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {chosen.length === 0 ? "Tick speakers to merge them or code their turns." : `${plural(chosen.length, "speaker")} selected`}
        </span>
        <span className="flex-1" />
        {status.loaded < status.total && (
          <span className="text-xs text-slate-600 dark:text-slate-400">
            Reading {status.loaded.toLocaleString("en-GB")} of {plural(status.total, "source")}…
          </span>
        )}
      </div>
      <p role="status" className="min-h-6 px-3 py-1 text-sm text-slate-700 dark:text-slate-300">
        {message}
      </p>
      {(error ?? countError) && <ErrorText className="px-3 pb-2 text-sm">{error ?? countError}</ErrorText>}
      {suggestions.length > 0 && (
        <section
          aria-label="Suggested merges"
          className="mx-3 mb-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="mb-1 font-medium">These labels look like the same speaker:</p>
          <ul className="flex flex-col gap-1">
            {suggestions.slice(0, 20).map((s) => (
              <li key={s.labels.join("\u0000")} className="flex flex-wrap items-center gap-2">
                <span>{s.labels.map((l) => `“${l}”`).join(", ")}</span>
                <Button
                  variant="ghost"
                  aria-label={`Merge ${s.labels.join(", ")} as ${s.name}`}
                  onClick={() => run(mergeSpeakerLabels(project, s.labels, s.name), `Merged ${s.labels.length} labels as ${s.name}.`)}
                >
                  Merge as “{s.name}”
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {rows === undefined && !countError && <p className="px-3 text-sm text-slate-600 dark:text-slate-400">Counting speaker turns…</p>}
      {rows !== undefined && rows.length === 0 && (
        <p className="px-3 text-sm text-slate-700 dark:text-slate-300">
          No speaker turns found. Margin finds them at import, in transcripts whose paragraphs start with a label and a colon
          (“Interviewer:”, “P07:”).
        </p>
      )}
      {rows !== undefined && rows.length > 0 && (
        <SpeakerTable
          rows={rows}
          sourceNames={sourceNames}
          ticked={ticked}
          onTick={(key, on) =>
            setTicked((prev) => {
              const next = new Set(prev);
              if (on) next.add(key);
              else next.delete(key);
              return next;
            })
          }
          onRole={setRole}
        />
      )}
      {open?.kind === "merge" && <MergeLabelsDialog rows={chosen} initialName={open.name} onClose={() => setOpen(null)} onDone={finish} />}
      {open?.kind === "code" && <CodeTurnsDialog rows={chosen} sourceNames={sourceNames} onClose={() => setOpen(null)} onDone={finish} />}
    </section>
  );
}

/** The merged speaker's name offered first: the shortest of the chosen names. */
function shortest(rows: readonly SpeakerRow[]): string {
  return [...rows].map((r) => r.name).sort((a, b) => a.length - b.length || a.localeCompare(b))[0] ?? "";
}
