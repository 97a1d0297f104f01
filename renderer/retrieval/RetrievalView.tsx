import { useCallback, useMemo, useRef, useState } from "react";
import {
  assembleSegments,
  codeGroups,
  filterSegments,
  queryCodeIds,
  sortSegments,
  summarise,
  type Segment,
} from "../../shared/retrieval/segments";
import type { CodingRecord } from "../../shared/model/records";
import { sourceHref } from "../app/router";
import { useLive } from "../db/live";
import { codingsForRetrieval, retrievalLookups } from "../db/retrieval";
import { useProject, useSession } from "../project/ProjectContext";
import { CodeChecklist } from "../ui/CodeChecklist";
import { useRetrievalNames } from "./names";
import { MatchOptions, SegmentFilters } from "./QueryOptions";
import { useRetrievalState } from "./retrievalState";
import { SegmentList } from "./SegmentList";
import { SegmentToolbar } from "./SegmentToolbar";
import { useFirstPage } from "./useFirstPage";
import { useSpeakerCut } from "./useSpeakerCut";
import { useSpeakerRoles } from "../speakers/useSpeakerRoles";
import { ErrorText } from "../ui/ErrorText";

/**
 * Coded segments (NVivo's "coding query" and node view in one): choose codes, see every passage
 * coded at them across sources, filter, read in context, jump to the source, copy or export.
 */
export function RetrievalView() {
  const project = useProject();
  const session = useSession();
  const [state, update] = useRetrievalState(project);
  const lookups = useLive(() => retrievalLookups(project), [project]);
  const names = useRetrievalNames(lookups);

  // A chosen code someone has since deleted simply drops out of the query.
  const chosen = useMemo(() => (names ? state.codeIds.filter((id) => names.code(id)) : state.codeIds), [names, state.codeIds]);
  const groups = useMemo(
    () => (lookups ? codeGroups(lookups.codes, { codeIds: chosen, includeSubcodes: state.includeSubcodes }) : []),
    [lookups, chosen, state.includeSubcodes],
  );
  const fetchIds = useMemo(() => queryCodeIds(groups).sort(), [groups]);
  const fetchKey = fetchIds.join(",");

  // In source order, the first screen is read first (a few sources' codings), then everything. Once
  // everything is in, a filter or sort change re-uses it and reads nothing.
  const [all, setAll] = useState<{ key: string; codings: CodingRecord[] } | null>(null);
  const haveAll = all?.key === fetchKey;
  // Older remembered state has no speaker choice: all turns.
  const speakers = state.speakers ?? "all";
  const { interviewerLabels } = useSpeakerRoles();
  const pageable =
    fetchIds.length > 0 && !haveAll && state.sort === "position" && speakers === "all" && (state.mode === "any" || groups.length === 1);
  const pageKey = `${fetchKey}|${JSON.stringify(state.filter)}`;
  const page = useFirstPage(project, pageable ? fetchIds : null, names, state.filter, pageKey);
  const readAll = haveAll || !pageable || page !== undefined;
  // Read through the codeId index only: 5,000 codings of one code load without touching source text.
  const latest = useLive(
    async () => (readAll ? { key: fetchKey, codings: await codingsForRetrieval(project, fetchIds) } : null),
    [project, fetchKey, readAll],
  );
  if (latest && latest !== all) setAll(latest);
  const full = haveAll ? all.codings : latest?.key === fetchKey ? latest.codings : undefined;
  const codings = full ?? (pageable ? page?.codings : undefined);
  const partial = full === undefined && codings !== undefined;

  const filtered = useMemo<Segment[] | null>(() => {
    if (!codings || !names || !lookups) return null;
    const assembled = assembleSegments(codings, groups, state.mode, state.filter.coderId);
    return filterSegments(assembled, names.sourcesById, lookups.cases, state.filter);
  }, [codings, names, lookups, groups, state.mode, state.filter]);
  // Cut to speaker turns (by the corpus worker, which holds the texts) before sorting.
  const cut = useSpeakerCut(filtered, speakers, interviewerLabels);
  const segments = useMemo<Segment[] | null>(
    () => (cut.segments && names ? sortSegments(cut.segments, state.sort, names) : null),
    [cut.segments, names, state.sort],
  );
  // While only the first page is in, the list's length is known from the coding counts (ANY, no coder filter).
  const setSize = !partial ? (segments?.length ?? 0) : page && state.filter.coderId === null ? page.total : -1;

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openContext, setOpenContext] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<number | null>(null);

  const onSelect = useCallback(
    (index: number, on: boolean, extend: boolean) => {
      if (!segments) return;
      const from = extend && anchor.current !== null ? Math.min(anchor.current, index) : index;
      const to = extend && anchor.current !== null ? Math.max(anchor.current, index) : index;
      setSelected((current) => {
        const next = new Set(current);
        for (let i = from; i <= to; i++) {
          const key = segments[i]?.key;
          if (key === undefined) continue;
          if (on) next.add(key);
          else next.delete(key);
        }
        return next;
      });
      anchor.current = index;
    },
    [segments],
  );

  const onToggleContext = useCallback((key: string) => {
    setOpenContext((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  const onOpenInSource = useCallback(
    (segment: Segment) => {
      // The route's ?at= makes the viewer scroll to and select the segment.
      session.setSelection({ sourceId: segment.sourceId, start: segment.start, end: segment.end });
      window.location.hash = sourceHref(project.entry.id, segment.sourceId, { start: segment.start, end: segment.end });
    },
    [session, project],
  );

  const summary = segments ? summarise(segments) : null;

  return (
    <section aria-label="Coded segments" className="@container flex min-h-0 flex-1 flex-col">
      <h2 className="sr-only">Coded segments</h2>
      <div className="grid min-h-0 flex-1 grid-rows-[auto_minmax(0,1fr)] @3xl:grid-cols-[15rem_minmax(0,1fr)] @3xl:grid-rows-1">
        <div className="flex max-h-56 min-h-0 flex-col border-b border-slate-300 p-3 @3xl:max-h-none @3xl:border-r @3xl:border-b-0 dark:border-slate-700">
          {lookups ? (
            <CodeChecklist
              codes={lookups.codes}
              chosen={chosen}
              onChange={(codeIds) => update({ codeIds })}
              wording={{ chooseAllLabel: "Choose all codes" }}
            />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">Loading codes…</p>
          )}
        </div>
        <div className="flex min-h-0 flex-col">
          <div className="flex flex-col gap-2 border-b border-slate-300 p-3 dark:border-slate-700">
            <MatchOptions mode={state.mode} includeSubcodes={state.includeSubcodes} onChange={update} />
            {lookups && (
              <SegmentFilters
                filter={state.filter}
                sort={state.sort}
                showAllContext={state.showAllContext}
                speakers={speakers}
                coders={lookups.coders}
                attributes={lookups.attributes}
                cases={lookups.cases}
                onChange={(patch) => {
                  if (patch.showAllContext !== undefined) setOpenContext(new Set());
                  update(patch);
                }}
              />
            )}
          </div>
          {cut.error && <ErrorText className="px-3 pt-2 text-sm">Could not leave out speaker turns: {cut.error}</ErrorText>}
          {chosen.length === 0 ? (
            <p className="p-6 text-sm text-slate-700 dark:text-slate-300">
              Choose one or more codes to see the text coded at them, across every source.
            </p>
          ) : !segments || !names || !summary || (partial && segments.length === 0) ? (
            <p role="status" className="p-6 text-sm text-slate-600 dark:text-slate-400">
              Finding coded segments…
            </p>
          ) : (
            <>
              {partial ? (
                <p
                  role="status"
                  className="border-b border-slate-300 px-3 py-2 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
                >
                  Finding coded segments… showing the first {segments.length}
                </p>
              ) : (
                <SegmentToolbar
                  project={project}
                  segments={segments}
                  sourceCount={summary.sources}
                  names={names}
                  selected={selected}
                  onSelectAll={(on) => setSelected(on ? new Set(segments.map((s) => s.key)) : new Set())}
                />
              )}
              {segments.length === 0 ? (
                <p className="p-6 text-sm text-slate-700 dark:text-slate-300">
                  {state.mode === "all" && groups.length > 1
                    ? "No text is coded at all of these codes in the same place."
                    : "No coded segments match."}
                </p>
              ) : (
                <SegmentList
                  project={project}
                  segments={segments}
                  setSize={setSize}
                  names={names}
                  selected={selected}
                  openContext={openContext}
                  showAllContext={state.showAllContext}
                  onSelect={onSelect}
                  onToggleContext={onToggleContext}
                  onOpenInSource={onOpenInSource}
                />
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}
