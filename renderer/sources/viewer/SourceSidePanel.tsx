import { plural } from "../../../shared/text/plural";
import { useMemo, type ReactNode } from "react";
import type { SourceRecord } from "../../../shared/model/records";
import { speakerSummary } from "../../../shared/text/transcript";
import { useLive } from "../../db/live";
import { getSource, sourceMemo } from "../../db/sources";
import { useProject } from "../../project/ProjectContext";
import { SourceMemo } from "./SourceMemo";
import { CasePassagesSection } from "./CasePassagesSection";
import { kindLabel } from "./SourceHeader";
import { useTranscript } from "./useTranscript";
import { formatDate } from "../../../shared/text/dates";

const number = new Intl.NumberFormat();

/** Beside the open source: its memo and what Margin knows about the file. */
export function SourceSidePanel({ sourceId }: { sourceId: string }) {
  const project = useProject();
  const loaded = useLive(async () => {
    const source = await getSource(project, sourceId);
    return source ? { source, memo: await sourceMemo(project, source) } : null;
  }, [project, sourceId]);
  if (loaded === undefined) return null;
  if (loaded === null) {
    return <p className="p-3 text-sm text-slate-600 dark:text-slate-400">This source is not in the project.</p>;
  }
  const { source } = loaded;
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-5 overflow-y-auto p-3">
      <SourceMemo source={source} memo={loaded.memo.body} memoTitle={loaded.memo.title} memoAt={loaded.memo.updatedAt} />
      <CasePassagesSection sourceId={source.id} />
      <SourceDetails source={source} />
    </div>
  );
}

function SourceDetails({ source }: { source: SourceRecord }) {
  const project = useProject();
  const load = useTranscript(project, source.id);
  const speakers = useMemo(() => (load.status === "ready" ? speakerSummary(load.transcript.turns) : null), [load]);
  const row = (label: string, value: ReactNode) => (
    <div className="flex gap-2">
      <dt className="w-24 shrink-0 text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="source-details-title">
      <h2 id="source-details-title" className="text-sm font-semibold">
        Source details
      </h2>
      <dl className="mt-2 flex flex-col gap-1 text-sm">
        {row("File name", source.fileName)}
        {row("Kind", kindLabel(source.kind))}
        {row("Imported", <time dateTime={source.importedAt}>{formatDate(source.importedAt, "dateTime")}</time>)}
        {row("Characters", number.format(source.charCount))}
        {row("Words", number.format(source.wordCount))}
      </dl>
      <h3 className="mt-3 text-sm font-semibold">Speakers</h3>
      {speakers === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Reading…</p>
      ) : speakers.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No speaker turns were recognised in this source.</p>
      ) : (
        <ul aria-label="Speakers and their turns" className="mt-1 flex flex-col gap-0.5 text-sm">
          {speakers.map(({ speaker, turns }) => (
            <li key={speaker} className="flex justify-between gap-2">
              <span className="min-w-0 truncate font-medium text-indigo-800 dark:text-indigo-300" title={speaker}>
                {speaker}
              </span>
              <span className="shrink-0 tabular-nums text-slate-600 dark:text-slate-400">{plural(turns, "turn")}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
