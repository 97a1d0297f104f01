import { useEffect, useMemo, useState } from "react";
import { describeError } from "../../shared/describeError";
import type { SearchScope } from "../../shared/search/scope";
import { addStopWords, stopWordList } from "../../shared/search/stopWords";
import {
  DEFAULT_MIN_LENGTH,
  DEFAULT_TOP,
  foldWordText,
  wordSearchQuery,
  type WordFrequencyResult,
  type WordFrequencyRow,
} from "../../shared/search/wordFrequency";
import { plural } from "../../shared/text/plural";
import { searchHref } from "../app/router";
import { useLive } from "../db/live";
import { retrievalLookups } from "../db/retrieval";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { useCorpus, useCorpusStatus } from "../search/CorpusContext";
import { CorpusStoppedError } from "../search/corpusClient";
import { useSpeakerRoles } from "../speakers/useSpeakerRoles";
import { Button } from "../ui/Button";
import { ErrorText } from "../ui/ErrorText";
import { exportWordFrequencyCsv } from "./exportWords";
import { StopWordsDialog } from "./StopWordsDialog";
import { useStopWordChanges } from "./stopWordStore";
import { WordCloud } from "./WordCloud";
import { WHOLE_PROJECT, wordScope, WordScopeForm, type WordScopeState } from "./WordScopeForm";
import { sortWordRows, WordTable, type WordSort } from "./WordTable";

const SELECT = "rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";
const TOP_CHOICES = [25, 50, 100, 250, 500] as const;
/** Counting 8 million words takes about a second; reading them into the worker the first time, longer. */
const TIME_LIMIT_MS = 60_000;
/** The picture shows at most this many words (more are too small to read). */
const CLOUD_WORDS = 100;
const number = new Intl.NumberFormat("en-GB");

/** `counting` on a done outcome: a new count is on its way, the last one stays on screen meanwhile. */
type Outcome =
  { state: "counting" } | { state: "done"; result: WordFrequencyResult; counting?: boolean } | { state: "failed"; message: string };

/**
 * Word frequency (issue 16 item 5): the most frequent words in a scope, as a sortable table and a word
 * cloud; a word opens Search on it; the table exports as CSV. Counting runs in the corpus worker
 * (renderer/search/wordFrequencyHandler.ts) with the shared core (shared/search/wordFrequency.ts).
 */
export function WordFrequencyView() {
  const project = useProject();
  const host = useHost();
  const corpus = useCorpus();
  const status = useCorpusStatus();
  const lookups = useLive(() => retrievalLookups(project), [project]);
  const { interviewerLabels } = useSpeakerRoles();
  const [scopeState, setScopeState] = useState<WordScopeState>(WHOLE_PROJECT);
  const [minLength, setMinLength] = useState(DEFAULT_MIN_LENGTH);
  const [top, setTop] = useState<number>(DEFAULT_TOP);
  const [groupForms, setGroupForms] = useState(false);
  const [numbers, setNumbers] = useState(false);
  const [changes, setChanges] = useStopWordChanges(project.entry.id);
  const [editingStopWords, setEditingStopWords] = useState(false);
  const [sort, setSort] = useState<WordSort>({ key: "count", descending: true });
  const [outcome, setOutcome] = useState<Outcome>({ state: "counting" });
  const [exportStatus, setExportStatus] = useState<{ text: string; error?: boolean } | null>(null);

  const stopWords = useMemo(() => stopWordList(changes), [changes]);
  // Keyed by its JSON: a new but equal scope (a fresh interviewer-label list) must not ask again.
  const scopeJson = JSON.stringify(wordScope(scopeState, interviewerLabels));
  const scope = useMemo(() => JSON.parse(scopeJson) as SearchScope, [scopeJson]);
  // New or deleted sources change the answer: ask again when the worker's source count changes.
  const sourceTotal = status.total;

  useEffect(() => {
    if (!corpus) return;
    let live = true;
    setOutcome((o) => (o.state === "done" ? { ...o, counting: true } : { state: "counting" }));
    corpus.ask("wordFrequency", { scope, options: { stopWords, minLength, top, groupForms, numbers } }, { timeoutMs: TIME_LIMIT_MS }).then(
      (result) => live && setOutcome({ state: "done", result }),
      (e: unknown) =>
        live &&
        setOutcome({
          state: "failed",
          message:
            e instanceof CorpusStoppedError && e.reason === "time-limit"
              ? "Counting took longer than a minute and was stopped. Try a smaller scope."
              : describeError(e),
        }),
    );
    return () => {
      live = false;
    };
  }, [corpus, scope, stopWords, minLength, top, groupForms, numbers, sourceTotal]);

  const result = outcome.state === "done" ? outcome.result : null;
  const rows = useMemo(() => (result ? sortWordRows(result.rows, sort) : []), [result, sort]);
  const cloudWords = useMemo(
    () => (result ? result.rows.slice(0, CLOUD_WORDS).map((r) => ({ text: r.word, count: r.count })) : []),
    [result],
  );

  const search = (row: WordFrequencyRow) => {
    window.location.hash = searchHref(project.entry.id, wordSearchQuery(row), { wholeWords: true });
  };
  const leaveOut = (row: WordFrequencyRow) =>
    setChanges(
      addStopWords(
        changes,
        row.forms.map((f) => foldWordText(f.word)),
      ),
    );
  const exportCsv = async () => {
    setExportStatus({ text: "Preparing…" });
    try {
      const saved = await exportWordFrequencyCsv(host, project, rows);
      setExportStatus({ text: saved ? `Exported ${plural(rows.length, "word")} as CSV.` : "Export cancelled." });
    } catch (e) {
      setExportStatus({ text: describeError(e), error: true });
    }
  };

  return (
    <section aria-labelledby="words-heading" className="@container flex min-h-0 flex-1 flex-col overflow-y-auto">
      <div className="flex flex-col gap-3 border-b border-slate-300 p-3 dark:border-slate-700">
        <h2 id="words-heading" className="text-lg font-semibold">
          Word frequency
        </h2>
        {lookups && (
          <WordScopeForm
            state={scopeState}
            onChange={(patch) => setScopeState((s) => ({ ...s, ...patch }))}
            codes={lookups.codes}
            cases={lookups.cases}
            attributes={lookups.attributes}
          />
        )}
        <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          <legend className="sr-only">Options</legend>
          <label className="flex items-center gap-1.5">
            Minimum length
            <input
              type="number"
              min={1}
              max={30}
              value={minLength}
              onChange={(e) => setMinLength(Math.max(1, Math.min(30, Math.round(Number(e.target.value)) || 1)))}
              className={`${SELECT} w-16`}
            />
          </label>
          <label className="flex items-center gap-1.5">
            Show
            <select value={top} onChange={(e) => setTop(Number(e.target.value))} className={SELECT}>
              {TOP_CHOICES.map((n) => (
                <option key={n} value={n}>
                  top {n}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={groupForms} onChange={(e) => setGroupForms(e.target.checked)} />
            Group word forms (nurse, nurses, nursing)
          </label>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={numbers} onChange={(e) => setNumbers(e.target.checked)} />
            Count numbers
          </label>
          <Button onClick={() => setEditingStopWords(true)}>Stop words ({number.format(stopWords.length)})…</Button>
          <Button className="ml-auto" disabled={rows.length === 0} onClick={() => void exportCsv()}>
            Export table as CSV
          </Button>
        </fieldset>
        <WordSummary outcome={outcome} loaded={status.loaded} total={status.total} />
        {exportStatus &&
          (exportStatus.error ? (
            <ErrorText className="text-xs">{exportStatus.text}</ErrorText>
          ) : (
            <p role="status" className="text-xs">
              {exportStatus.text}
            </p>
          ))}
      </div>
      {result && result.rows.length > 0 && (
        <div className="grid gap-4 p-3 @4xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <div className="min-w-0">
            <WordTable rows={rows} sort={sort} grouped={groupForms} onSort={setSort} onSearch={search} onLeaveOut={leaveOut} />
          </div>
          <div className="min-w-0">
            <WordCloud words={cloudWords} onChoose={(i) => result.rows[i] && search(result.rows[i])} />
          </div>
        </div>
      )}
      <StopWordsDialog open={editingStopWords} changes={changes} onChange={setChanges} onClose={() => setEditingStopWords(false)} />
    </section>
  );
}

function WordSummary({ outcome, loaded, total }: { outcome: Outcome; loaded: number; total: number }) {
  if (outcome.state === "failed") return <ErrorText className="text-sm">{outcome.message}</ErrorText>;
  const loading = loaded < total ? ` (reading ${number.format(loaded)} of ${plural(total, "source")})` : "";
  if (outcome.state === "counting" || outcome.counting)
    return (
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        Counting words…{loading}
      </p>
    );
  const r = outcome.result;
  return (
    <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
      {r.sourcesCounted === 0
        ? "No source is in this scope."
        : r.countedWords === 0
          ? `No words to count in ${plural(r.sourcesCounted, "source")} (after the stop words and the minimum length).`
          : `${plural(r.distinctWords, "different word")} (${number.format(r.countedWords)} counted of ${plural(r.allWords, "word")}) in ${plural(r.sourcesCounted, "source")}; showing the top ${number.format(r.rows.length)}.`}
    </p>
  );
}
