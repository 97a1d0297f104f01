import { useEffect, useMemo, useState } from "react";
import { describeError } from "../../shared/describeError";
import { countHits, kwicCsv, type KwicRow, type KwicSort } from "../../shared/search/kwic";
import { csvBytes } from "../../shared/retrieval/csv";
import { safeFileName } from "../../shared/text/fileName";
import { plural } from "../../shared/text/plural";
import { sourceHref, useRoute } from "../app/router";
import { listAttributes, listCases } from "../db/cases";
import { listCodes } from "../db/codes";
import { useLive } from "../db/live";
import { useHost } from "../host/HostContext";
import { ErrorText } from "../ui/ErrorText";
import { useProject, useSession } from "../project/ProjectContext";
import { useSpeakerRoles } from "../speakers/useSpeakerRoles";
import { AutocodeDialog } from "./AutocodeDialog";
import { useCorpus, useCorpusStatus } from "./CorpusContext";
import { KwicList } from "./KwicList";
import { NoteHits } from "./NoteHits";
import { SavedSearches } from "./SavedSearches";
import { ScopePanel } from "./ScopePanel";
import { SearchBar } from "./SearchBar";
import { ResultsToolbar } from "./ResultsToolbar";
import { formOfSaved, hitKey, indexingLine, isSearching, scopeLimits, tickAll, tickedRows, toggleTick, totalLine } from "./searchState";
import { useSearchStore } from "./searchStore";

/**
 * Project-wide search (issue 16 items 1 and 2): query and scope, keyword-in-context hits from the
 * corpus worker, open a hit in its source, export the hits, code the ticked hits, saved searches.
 * The state lives in a per-project store (./searchStore.ts), so it outlasts a visit to a source.
 */
export function SearchView() {
  const project = useProject();
  const session = useSession();
  const host = useHost();
  const client = useCorpus();
  const status = useCorpusStatus();
  const route = useRoute();
  const { interviewerLabels } = useSpeakerRoles();
  const [state, store] = useSearchStore(project);
  const codes = useLive(() => listCodes(project), [project]);
  const cases = useLive(() => listCases(project), [project]);
  const attributes = useLive(() => listAttributes(project), [project]);
  const [message, setMessage] = useState<string | null>(null);
  const [coding, setCoding] = useState(false);
  const [jump, setJump] = useState(0);

  const { form, run } = state;
  const runNow = (f = store.getState().form) => {
    if (!client) return;
    setMessage(null);
    void store.run(client, f, interviewerLabels);
  };

  // #/project/<id>/search?q=... (word frequency's "search this word"): run it once on arrival.
  // A word from word frequency comes with &whole=1: "ward" must not find "forward".
  const routeQuery = route.name === "project" ? (route.query ?? null) : null;
  const routeWhole = route.name === "project" && route.wholeWords === true;
  useEffect(() => {
    const key = `${routeWhole ? "whole" : "any"}:${routeQuery ?? ""}`;
    if (!client || routeQuery === null || store.lastRouteQuery === key) return;
    store.lastRouteQuery = key;
    const next = { ...store.getState().form, text: routeQuery, options: { regex: false, matchCase: false, wholeWords: routeWhole } };
    void store.run(client, next, interviewerLabels);
  }, [client, routeQuery, routeWhole, store, interviewerLabels]);

  // Escape cancels a running search from anywhere in the view.
  const searching = isSearching(run);
  useEffect(() => {
    if (!searching) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && document.querySelector("dialog[open]") === null) store.cancel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [searching, store]);

  const rows = useMemo(() => (run.status === "done" ? run.rows : []), [run]);
  const ticked = useMemo(() => tickedRows(rows, state.unticked), [rows, state.unticked]);
  const counts = useMemo(() => countHits(rows), [rows]);

  const openHit = (row: KwicRow) => {
    session.setSelection({ sourceId: row.sourceId, start: row.start, end: row.end });
    window.location.hash = sourceHref(project.entry.id, row.sourceId, { start: row.start, end: row.end });
  };

  const exportCsv = async () => {
    if (run.status !== "done") return;
    try {
      const saved = await host.saveFile({
        suggestedName: `${safeFileName(`${project.entry.name} - search ${run.form.text}`.slice(0, 120), "Search hits")}.csv`,
        data: csvBytes(kwicCsv(rows)),
        mimeType: "text/csv;charset=utf-8",
        filters: [{ name: "CSV (comma separated)", extensions: ["csv"] }],
      });
      if (saved) setMessage(`Saved ${rows.length === 1 ? "1 hit" : `${rows.length.toLocaleString("en-GB")} hits`} as CSV.`);
    } catch (e: unknown) {
      setMessage(`The hits could not be saved: ${describeError(e)}`);
    }
  };

  const limits = scopeLimits(form);
  const indexing = indexingLine(status);
  return (
    <section aria-labelledby="search-heading" className="@container flex min-h-0 flex-1 flex-col">
      <div className="flex flex-col gap-3 border-b border-slate-300 p-3 dark:border-slate-700">
        <h2 id="search-heading" className="text-lg font-semibold">
          Search
        </h2>
        <SearchBar
          text={form.text}
          options={form.options}
          running={searching}
          onText={(text) => store.updateForm({ text })}
          onOptions={(options) => store.updateForm({ options })}
          onRun={() => runNow()}
          onCancel={() => store.cancel()}
        />
        <details open={state.scopeOpen} onToggle={(e) => store.update({ scopeOpen: e.currentTarget.open })}>
          <summary className="cursor-pointer text-sm font-medium">
            Where to search{limits > 0 ? ` (${limits === 1 ? "1 limit" : `${limits} limits`})` : ": everywhere"}
          </summary>
          <div className="mt-2">
            <ScopePanel
              form={form}
              codes={codes ?? []}
              cases={cases ?? []}
              attributes={attributes ?? []}
              interviewerLabels={interviewerLabels}
              onChange={(patch) => store.updateForm(patch)}
            />
          </div>
        </details>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" aria-live="polite">
          <p role="status">
            {run.status === "running"
              ? "Searching…"
              : run.status === "done" && run.firstScreen
                ? `${plural(run.firstScreen.total, "hit")} in ${plural(run.firstScreen.sources, "source")}; showing the first ${rows.length}, still searching…`
                : run.status === "done"
                  ? `${totalLine(rows, run.notes)}.`
                  : ""}
          </p>
          {indexing && <p className="text-slate-600 dark:text-slate-400">{indexing}</p>}
          {message && <p className="text-slate-800 dark:text-slate-200">{message}</p>}
        </div>
        {(run.status === "invalid" || run.status === "stopped") && (
          <ErrorText tone="strong" className="text-sm">
            {run.message}
          </ErrorText>
        )}
        {/* Stopped part-way (a regular expression past its limit): the hits so far are listed, and why it stopped. */}
        {run.status === "done" && run.partial && (
          <ErrorText tone="strong" className="text-sm">
            {run.partial}
          </ErrorText>
        )}
      </div>
      <div className="grid min-h-0 flex-1 grid-rows-[auto_minmax(0,1fr)] @3xl:grid-cols-[15rem_minmax(0,1fr)] @3xl:grid-rows-1">
        <aside
          aria-label="Hits per source and saved searches"
          className="flex max-h-48 min-h-0 flex-col gap-3 overflow-auto border-b border-slate-300 p-3 @3xl:max-h-none @3xl:border-r @3xl:border-b-0 dark:border-slate-700"
        >
          {counts.perSource.length > 0 && (
            <section aria-labelledby="per-source-heading">
              <h3 id="per-source-heading" className="mb-1 text-sm font-semibold">
                Hits per source
              </h3>
              <ul aria-label="Hits per source" className="flex flex-col text-sm">
                {[...counts.perSource]
                  .sort((a, b) => a.sourceName.localeCompare(b.sourceName, "en-GB", { numeric: true }))
                  .map((s) => (
                    <li key={s.sourceId}>
                      <button
                        type="button"
                        className="flex w-full justify-between gap-2 rounded px-1 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                        onClick={() => {
                          store.update({
                            activeIndex: Math.max(
                              0,
                              rows.findIndex((r) => r.sourceId === s.sourceId),
                            ),
                          });
                          setJump((n) => n + 1);
                        }}
                      >
                        <span className="truncate">{s.sourceName}</span>
                        <span className="tabular-nums text-slate-600 dark:text-slate-400">{s.hits}</span>
                      </button>
                    </li>
                  ))}
              </ul>
            </section>
          )}
          <SavedSearches
            project={project}
            form={form}
            onMessage={setMessage}
            onRun={(saved) => {
              const next = formOfSaved(saved);
              store.update({ form: next });
              runNow(next);
            }}
          />
        </aside>
        <div className="flex min-h-0 flex-col">
          {run.status === "done" && rows.length > 0 && (
            <>
              <ResultsToolbar
                sort={state.sort}
                total={rows.length}
                ticked={ticked.length}
                busy={run.firstScreen !== undefined}
                onSort={(sort: KwicSort) => store.setSort(sort)}
                onTickAll={(on) => store.update({ unticked: tickAll(rows, on) })}
                onExport={() => void exportCsv()}
                onCode={() => setCoding(true)}
              />
              <KwicList
                rows={rows}
                unticked={state.unticked}
                activeIndex={state.activeIndex}
                scrollTo={jump}
                onActiveChange={(activeIndex) => store.update({ activeIndex })}
                onTick={(row, on) => store.update({ unticked: toggleTick(store.getState().unticked, hitKey(row), on) })}
                onOpen={(row) => {
                  store.update({ activeIndex: rows.indexOf(row) });
                  openHit(row);
                }}
              />
            </>
          )}
          {run.status === "done" && run.notes.length > 0 && <NoteHits project={project} notes={run.notes} />}
          {run.status === "idle" && (
            <p className="p-6 text-sm text-slate-700 dark:text-slate-300">
              Type words, “a phrase”, OR, -word or word* and press Enter to search every source of the project.
            </p>
          )}
        </div>
      </div>
      {coding && run.status === "done" && (
        <AutocodeDialog
          project={project}
          client={client}
          codes={codes ?? []}
          rows={ticked}
          query={run.form.text}
          onClose={() => setCoding(false)}
          onDone={(text) => {
            setCoding(false);
            setMessage(text);
          }}
        />
      )}
    </section>
  );
}
