import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SourceRecord } from "../../../shared/model/records";
import { buildLayout, prepareDecorations } from "../../../shared/text/layout";
import { countCharacters, type Transcript } from "../../../shared/text/transcript";
import { routeHref } from "../../app/router";
import { useLive } from "../../db/live";
import { getSource } from "../../db/sources";
import { useProject } from "../../project/ProjectContext";
import { FindBar } from "./FindBar";
import type { TextHighlight } from "./highlights";
import { selectOffsets, type TextOffsets } from "./selectionMapping";
import { SourceHeader } from "./SourceHeader";
import { TranscriptView, type TranscriptHandle } from "./TranscriptView";
import { useFind } from "./useFind";
import { useTranscript } from "./useTranscript";

export { SourceSidePanel } from "./SourceSidePanel";

/** CSS highlight names, styled in the viewer column (see TranscriptView). */
export const FIND_HIGHLIGHT = "margin-find";
export const FIND_CURRENT_HIGHLIGHT = "margin-find-current";

/** One source, open for reading: loads its row and content, then hands them to the document view. */
export function SourcePage({ sourceId }: { sourceId: string }) {
  const project = useProject();
  const source = useLive(async () => (await getSource(project, sourceId)) ?? null, [project, sourceId]);
  const content = useTranscript(project, sourceId);
  const backHref = routeHref({ name: "project", projectId: project.entry.id, view: "sources", sourceId: null });

  if (content.status === "failed") {
    return (
      <p role="alert" className="p-6">
        This source could not be opened: {content.message}
      </p>
    );
  }
  if (source === undefined || content.status === "loading") {
    return (
      <p role="status" className="p-6 text-slate-600 dark:text-slate-400">
        Opening source…
      </p>
    );
  }
  if (source === null || content.status === "missing") {
    return (
      <section aria-labelledby="missing-source" className="p-6">
        <h2 id="missing-source" className="text-lg font-semibold">
          This source is not in the project
        </h2>
        <p className="mt-1 text-sm">It may have been deleted. You can undo a deletion from the sources list.</p>
        <a href={backHref} className="mt-3 inline-block text-blue-800 underline dark:text-sky-300">
          Back to sources
        </a>
      </section>
    );
  }
  return <SourceDocument source={source} transcript={content.transcript} backHref={backHref} />;
}

function SourceDocument({ source, transcript, backHref }: { source: SourceRecord; transcript: Transcript; backHref: string }) {
  const layout = useMemo(() => buildLayout(transcript.blocks), [transcript]);
  const decorations = useMemo(() => prepareDecorations(transcript), [transcript]);
  const [paragraphNumbers, setParagraphNumbers] = useState(false);
  const [selection, setSelection] = useState<TextOffsets | null>(null);
  const viewer = useRef<TranscriptHandle>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const find = useFind(transcript.text);
  const { setOpen: setFindOpen } = find;

  const openFind = useCallback(() => {
    setFindOpen(true);
    // The input exists after this render; focus and select it so typing replaces the last query.
    requestAnimationFrame(() => {
      findInput.current?.focus();
      findInput.current?.select();
    });
  }, [setFindOpen]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "f") {
        event.preventDefault();
        openFind();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [openFind]);

  const hit = find.open ? find.hits[find.current] : undefined;
  useEffect(() => {
    if (hit) void viewer.current?.scrollToOffsets(hit.start, hit.end);
  }, [hit]);

  const closeFind = () => {
    setFindOpen(false);
    viewer.current?.focus();
    // As in a browser, closing find selects the hit it was on, ready to code.
    const container = viewer.current?.container();
    if (hit && container) selectOffsets(hit.start, hit.end, container);
  };

  const highlights = useMemo<TextHighlight[]>(
    () => [
      { name: FIND_HIGHLIGHT, spans: find.open ? find.hits : [] },
      { name: FIND_CURRENT_HIGHLIGHT, spans: hit ? [hit] : [], priority: 1 },
    ],
    [find.open, find.hits, hit],
  );

  return (
    <section aria-label={source.name} className="flex min-h-0 flex-1 flex-col">
      <SourceHeader
        source={source}
        warnings={transcript.warnings}
        backHref={backHref}
        paragraphNumbers={paragraphNumbers}
        onToggleParagraphNumbers={() => setParagraphNumbers((on) => !on)}
        onFind={openFind}
      />
      {find.open && (
        <FindBar
          find={find}
          inputRef={findInput}
          onQuery={(query) => find.setQuery(query, viewer.current?.readingOffset() ?? 0)}
          onClose={closeFind}
        />
      )}
      <TranscriptView
        ref={viewer}
        transcript={transcript}
        layout={layout}
        decorations={decorations}
        paragraphNumbers={paragraphNumbers}
        highlights={highlights}
        onSelectionChange={setSelection}
      />
      <SelectionStatus text={transcript.text} selection={selection} />
    </section>
  );
}

const number = new Intl.NumberFormat();

/** Where the selection is in the text: what a coding will record. */
function SelectionStatus({ text, selection }: { text: string; selection: TextOffsets | null }) {
  const characters = selection ? countCharacters(text.slice(selection.start, selection.end)) : 0;
  return (
    <p
      role="status"
      aria-live="polite"
      data-selection-start={selection?.start}
      data-selection-end={selection?.end}
      className="border-t border-slate-300 bg-white px-4 py-1 text-xs tabular-nums text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300"
    >
      {selection
        ? `Selected ${number.format(selection.start)}–${number.format(selection.end)} (${number.format(characters)} ${characters === 1 ? "character" : "characters"})`
        : "No text selected"}
    </p>
  );
}
