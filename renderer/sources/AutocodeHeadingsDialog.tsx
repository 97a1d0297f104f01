import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { describeError } from "../../shared/describeError";
import { flattenTree } from "../../shared/coding/codeTree";
import type { CodeId, SourceId } from "../../shared/ids";
import { plural } from "../../shared/text/plural";
import { listCodes } from "../db/codes";
import { useLive } from "../db/live";
import { listSources } from "../db/sources";
import {
  applyStructureAutocode,
  previewStructureAutocode,
  readHeadingSections,
  type HeadingSource,
  type StructurePreview,
} from "../db/structureAutocode";
import { useProject } from "../project/ProjectContext";
import { useCorpus, useCorpusStatus } from "../search/CorpusContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { ErrorText } from "../ui/ErrorText";

const SELECT = "rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";
const LEVELS = [1, 2, 3, 4, 5, 6] as const;
const ROW = 28;

/** A short virtualised list (heading codes, sources): a project can have hundreds of either. */
function VirtualList<T>({ label, items, render }: { label: string; items: readonly T[]; render: (item: T) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: items.length,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  return (
    <div ref={ref} className="max-h-48 overflow-auto rounded border border-slate-200 dark:border-slate-700">
      <ul aria-label={label} className="relative w-full" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index];
          return item === undefined ? null : (
            <li
              key={v.key}
              aria-posinset={v.index + 1}
              aria-setsize={items.length}
              className="absolute left-0 top-0 flex w-full items-center gap-2 px-2 text-sm"
              style={{ height: `${ROW}px`, transform: `translateY(${v.start}px)` }}
            >
              {render(item)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

type Reading =
  | { phase: "idle" }
  /** done -1: the corpus worker is reading (its own progress is the corpus status). */
  | { phase: "reading"; done: number; total: number }
  | { phase: "read"; key: string; sources: HeadingSource[] };

/** Reading 1,000 sources in the worker can take a while the first time (it loads what it does not hold yet). */
const HEADINGS_TIME_LIMIT_MS = 300_000;

/**
 * "Autocode by headings…": code every section under a heading to a code named after the heading,
 * nested by heading level. Finds the headings in the corpus worker (or, before it starts, one source at
 * a time here), with progress and Stop; shows
 * which codes it would make and which exist, then applies everything as one undoable step.
 * `shownIds`: the sources the list shows (its filters), offered as an alternative to all sources.
 */
export function AutocodeHeadingsDialog({
  shownIds,
  onClose,
  onApplied,
}: {
  shownIds?: readonly SourceId[];
  onClose: () => void;
  onApplied: (label: string) => void;
}) {
  const project = useProject();
  const corpus = useCorpus();
  const corpusStatus = useCorpusStatus();
  const id = useId();
  const sources = useLive(() => listSources(project), [project]);
  const codes = useLive(() => listCodes(project), [project]);
  const filtered = shownIds !== undefined && sources !== undefined && shownIds.length < sources.length;
  // Until the researcher chooses: the sources the list shows when it is filtered, else all.
  const [chosenWhich, setWhich] = useState<"all" | "shown" | null>(null);
  const which = chosenWhich ?? (filtered ? "shown" : "all");
  const [maxLevel, setMaxLevel] = useState(2);
  const [parentId, setParentId] = useState<CodeId | null>(null);
  const [reading, setReading] = useState<Reading>({ phase: "idle" });
  const [preview, setPreview] = useState<StructurePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stop = useRef<AbortController | null>(null);

  const chosenIds = useMemo(
    () => (which === "shown" && shownIds ? [...shownIds] : (sources ?? []).map((s) => s.id as SourceId)),
    [which, shownIds, sources],
  );
  const chosenKey = chosenIds.join(",");
  const names = useMemo(() => new Map((sources ?? []).map((s) => [s.id, s.name])), [sources]);
  const parents = useMemo(() => (codes ? flattenTree(codes) : []), [codes]);
  const read = reading.phase === "read" && reading.key === chosenKey ? reading.sources : null;

  // Stop reading when the dialog closes.
  useEffect(() => () => stop.current?.abort(), []);

  // Level and parent change the preview, not what was read: re-plan without reading again.
  useEffect(() => {
    if (!read) {
      setPreview(null);
      return;
    }
    let live = true;
    previewStructureAutocode(project, read, { maxLevel, parentId }).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [project, read, maxLevel, parentId, codes]);

  const findHeadings = async () => {
    stop.current?.abort();
    const controller = new AbortController();
    stop.current = controller;
    setError(null);
    setReading({ phase: "reading", done: 0, total: chosenIds.length });
    try {
      // The corpus worker holds the texts: asking it keeps 50 MB of transcripts off this thread. Without
      // it (not started yet), one source at a time here.
      let found: HeadingSource[];
      if (corpus) {
        setReading({ phase: "reading", done: -1, total: chosenIds.length });
        const answer = await corpus.ask(
          "headings",
          { sourceIds: chosenIds },
          { signal: controller.signal, timeoutMs: HEADINGS_TIME_LIMIT_MS },
        );
        found = answer.sources.map((s) => ({ id: s.id as SourceId, sections: s.sections }));
      } else {
        found = await readHeadingSections(project, chosenIds, {
          signal: controller.signal,
          onProgress: (done, total) => setReading({ phase: "reading", done, total }),
        });
      }
      setReading({ phase: "read", key: chosenKey, sources: found });
    } catch (e) {
      setReading({ phase: "idle" });
      if (!controller.signal.aborted) setError(describeError(e));
    }
  };

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      await applyStructureAutocode(project, preview);
      onApplied(preview.label);
    } catch (e) {
      setError(`Nothing was changed: ${describeError(e)}`);
      setBusy(false);
    }
  };

  const isReading = reading.phase === "reading";
  const work = preview ? preview.totals.sections - preview.totals.alreadyCoded + preview.totals.newCodes : 0;

  return (
    <Dialog title="Autocode by headings" open onClose={onClose} wide>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Codes every section under a heading (the heading and everything up to the next heading of the same or a higher level) to a code
        named after the heading, nested by heading level. Headings with the same name in several sources share one code.
      </p>
      <div className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
        <fieldset>
          <legend className="font-semibold">Sources</legend>
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-which`} checked={which === "all"} onChange={() => setWhich("all")} disabled={isReading} />
            All sources ({sources?.length ?? "…"})
          </label>
          {filtered && (
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${id}-which`}
                checked={which === "shown"}
                onChange={() => setWhich("shown")}
                disabled={isReading}
              />
              The {plural(shownIds?.length ?? 0, "source")} shown in the list
            </label>
          )}
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-level`} className="font-semibold">
            Deepest heading level
          </label>
          <select id={`${id}-level`} className={SELECT} value={maxLevel} onChange={(e) => setMaxLevel(Number(e.target.value))}>
            {LEVELS.map((n) => (
              <option key={n} value={n}>
                {n === 1 ? "Heading 1 only" : `Headings 1 to ${n}`}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-parent`} className="font-semibold">
            Put the codes under
          </label>
          <select
            id={`${id}-parent`}
            className={SELECT}
            value={parentId ?? ""}
            onChange={(e) => setParentId(e.target.value === "" ? null : (e.target.value as CodeId))}
          >
            <option value="">The top level of the codebook</option>
            {parents.map((node) => (
              <option key={node.code.id} value={node.code.id}>
                {"\u00a0\u00a0".repeat(node.depth)}
                {node.code.name}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="mt-3 flex items-center gap-2">
        {isReading ? (
          <>
            {reading.done >= 0 ? (
              <>
                <progress aria-label="Sources read" max={reading.total} value={reading.done} className="flex-1" />
                <span role="status" className="text-sm">
                  Reading {reading.done} of {plural(reading.total, "source")}…
                </span>
              </>
            ) : (
              <>
                <progress aria-label="Sources read" className="flex-1" />
                <span role="status" className="text-sm">
                  Finding headings in {plural(reading.total, "source")}
                  {corpusStatus.loaded < corpusStatus.total ? ` (loading ${corpusStatus.loaded} of ${corpusStatus.total})` : ""}…
                </span>
              </>
            )}
            <Button onClick={() => stop.current?.abort()}>Stop</Button>
          </>
        ) : (
          <Button onClick={() => void findHeadings()} disabled={chosenIds.length === 0}>
            {read ? "Find headings again" : "Find headings"}
          </Button>
        )}
      </div>

      {read && preview && (
        <div className="mt-3 flex flex-col gap-3">
          <p role="status" className="text-sm">
            {preview.rows.length === 0
              ? `No headings at level ${maxLevel === 1 ? "1" : `1 to ${maxLevel}`} in ${plural(chosenIds.length, "source")}.`
              : work === 0
                ? `Nothing to do: every one of the ${plural(preview.totals.sections, "section")} is already coded.`
                : `Apply creates ${plural(preview.totals.newCodes, "code")} and codes ${plural(preview.totals.sections, "section")} in ${plural(preview.perSource.length, "source")}` +
                  (preview.totals.alreadyCoded > 0 ? ` (${preview.totals.alreadyCoded} already coded)` : "") +
                  ". You can undo it in one step."}
          </p>
          {preview.rows.length > 0 && (
            <section aria-label="Heading codes">
              <h3 className="mb-1 text-sm font-semibold">Codes ({preview.rows.length})</h3>
              <VirtualList
                label="Heading codes"
                items={preview.rows}
                render={(row) => (
                  <>
                    <span style={{ paddingLeft: `${row.depth * 1.25}rem` }} className="truncate font-medium">
                      {row.name}
                    </span>
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      {row.existingId ? "already in the codebook" : "new"} · {plural(row.sections, "section")} in{" "}
                      {plural(row.sources, "source")}
                      {row.alreadyCoded > 0 ? ` · ${row.alreadyCoded} already coded` : ""}
                    </span>
                  </>
                )}
              />
            </section>
          )}
          {preview.perSource.length > 0 && (
            <section aria-label="Sections per source">
              <h3 className="mb-1 text-sm font-semibold">Sections per source ({preview.perSource.length})</h3>
              <VirtualList
                label="Sections per source"
                items={preview.perSource}
                render={(s) => (
                  <>
                    <span className="truncate">{names.get(s.sourceId) ?? "(deleted source)"}</span>
                    <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">{plural(s.sections, "section")}</span>
                  </>
                )}
              />
            </section>
          )}
        </div>
      )}

      {error && <ErrorText className="mt-2 text-sm">{error}</ErrorText>}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" disabled={busy || isReading || !preview || work === 0} onClick={() => void apply()}>
          Apply
        </Button>
      </div>
    </Dialog>
  );
}
