import { plural } from "../../../shared/text/plural";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { CodingRecord, SourceRecord } from "../../../shared/model/records";
import type { LanedSegment } from "../../coding/useCodingDisplay";
import { buildLayout, prepareDecorations } from "../../../shared/text/layout";
import { countCharacters, type Transcript } from "../../../shared/text/transcript";
import type { TextAnchor } from "../../app/router";
import { CodePalette } from "../../coding/CodePalette";
import { CodingFilterDialog, filterSummary } from "../../coding/CodingFilterDialog";
import { CodingMarksContext, marginWidthFor, renderCodingMarks, type CodingMarksProps } from "../../coding/CodingMarks";
import { CodingMenu } from "../../coding/CodingMenu";
import { CodingPanel } from "../../coding/CodingPanel";
import { CodingToolbar } from "../../coding/CodingToolbar";
import { commandFor, type CodingCommand } from "../../coding/shortcuts";
import { ShortcutsDialog } from "../../coding/ShortcutsDialog";
import { useCodingActions } from "../../coding/useCodingActions";
import { targetText } from "../../coding/codingTarget";
import { useCodingData, useCodingDisplay } from "../../coding/useCodingDisplay";
import { useProject, useSession } from "../../project/ProjectContext";
import { useCodingSession } from "../../project/codingSession";
import { FindBar } from "./FindBar";
import type { TextHighlight } from "./highlights";
import type { TextOffsets } from "./selectionMapping";
import { SourceHeader } from "./SourceHeader";
import { TranscriptView, type TranscriptHandle } from "./TranscriptView";
import { useFind } from "./useFind";
import { SELECTION_DRAG_TYPE } from "../../ui/selectionDrag";

/** CSS highlight names, styled in the viewer column (see TranscriptView). */
export const FIND_HIGHLIGHT = "margin-find";
export const FIND_CURRENT_HIGHLIGHT = "margin-find-current";
/** The place the source was opened at (a search hit, a retrieved segment): marked until the source is left. */
export const OPENED_AT_HIGHLIGHT = "margin-opened-at";

/** A modal dialog (palette, filter, help, another panel's) owns the keyboard while it is open. */
const dialogOpen = () => document.querySelector("dialog[open]") !== null;

/** The open source: reading tools, coding tools, the text with its codings, and the coding panel. */
export function SourceDocument({
  source,
  transcript,
  backHref,
  at = null,
}: {
  source: SourceRecord;
  transcript: Transcript;
  backHref: string;
  /** A place to show and select on opening (retrieval's "open in source", memo links). */
  at?: TextAnchor | null;
}) {
  const project = useProject();
  const session = useSession();
  const sourceId = source.id;
  const layout = useMemo(() => buildLayout(transcript.blocks), [transcript]);
  const decorations = useMemo(() => prepareDecorations(transcript), [transcript]);
  const [paragraphNumbers, setParagraphNumbers] = useState(false);
  const [selection, setSelection] = useState<TextOffsets | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const viewer = useRef<TranscriptHandle>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const find = useFind(transcript.text);
  const { setOpen: setFindOpen } = find;

  // Coding: what is shown, and the commands.
  const filter = useCodingSession(session, (s) => s.filter);
  const recentIds = useCodingSession(session, (s) => s.recentCodeIds);
  const [separateCoders, setSeparateCoders] = useState(false);
  const data = useCodingData(project, sourceId);
  const display = useCodingDisplay(data, filter, separateCoders);
  const actions = useCodingActions({ project, session, sourceId, transcript, viewer, codes: data.codes ?? [], data });
  const [opened, setOpened] = useState<{ codingId: string; stripe: HTMLElement | null } | null>(null);
  const openedId = opened?.codingId ?? null;
  const openSegment = useMemo(
    () => (openedId ? (display.segments.items.find((s) => s.ids.includes(openedId)) ?? null) : null),
    [display, openedId],
  );
  const panelId = useId();
  const [filterOpen, setFilterOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);

  const onSelectionChange = useCallback(
    (offsets: TextOffsets | null) => {
      setSelection(offsets);
      session.setSelection(offsets ? { sourceId, ...offsets } : null);
    },
    [session, sourceId],
  );
  // Leaving the source leaves nothing selected in it.
  useEffect(
    () => () => {
      if (session.getState().selection?.sourceId === sourceId) session.setSelection(null);
    },
    [session, sourceId],
  );

  const openFind = useCallback(() => {
    setFindOpen(true);
    // The input exists after this render; focus and select it so typing replaces the last query.
    requestAnimationFrame(() => {
      findInput.current?.focus();
      findInput.current?.select();
    });
  }, [setFindOpen]);

  const runCommand = (command: CodingCommand) => {
    setMenuAt(null);
    if (command === "codeSelection") actions.codeSelection();
    else if (command === "inVivo") void actions.codeInVivo();
    else if (command === "codeParagraph") actions.codeParagraph();
    else if (command === "codeTurn") actions.codeTurn();
    else setHelpOpen(true);
  };
  const runCommandRef = useRef(runCommand);
  useEffect(() => {
    runCommandRef.current = runCommand;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (dialogOpen()) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "f") {
        event.preventDefault();
        openFind();
        return;
      }
      const command = commandFor(event);
      // Typing in a field (the memo, an annotation) keeps its keys: Ctrl+I there is not "code in vivo".
      const target = event.target as HTMLElement | null;
      const typing = target?.closest("input, textarea, select, [contenteditable='true']") !== null && target !== null;
      if (command && !typing) {
        event.preventDefault();
        runCommandRef.current(command);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [openFind]);

  // Opened at a place: show it and select it, ready to read or code.
  const anchorStart = at ? Math.min(at.start, transcript.text.length) : null;
  const anchorEnd = at ? Math.min(Math.max(at.end, at.start), transcript.text.length) : null;
  useEffect(() => {
    if (anchorStart === null || anchorEnd === null) return;
    // After the first paint, so the virtualiser has its scroll element.
    const frame = requestAnimationFrame(() => void viewer.current?.select(anchorStart, anchorEnd));
    return () => cancelAnimationFrame(frame);
  }, [anchorStart, anchorEnd]);

  const hit = find.open ? find.hits[find.current] : undefined;
  useEffect(() => {
    if (hit) void viewer.current?.scrollToOffsets(hit.start, hit.end);
  }, [hit]);

  const closeFind = () => {
    setFindOpen(false);
    viewer.current?.focus();
    // As in a browser, closing find selects the hit it was on, ready to code: through the viewer's model,
    // at once, so a coding key pressed straight after acts on the hit, not on the caret before find.
    if (hit) void viewer.current?.select(hit.start, hit.end);
  };

  const highlights = useMemo<TextHighlight[]>(
    () => [
      { name: FIND_HIGHLIGHT, spans: find.open ? find.hits : [] },
      { name: FIND_CURRENT_HIGHLIGHT, spans: hit ? [hit] : [], priority: 1 },
      {
        name: OPENED_AT_HIGHLIGHT,
        spans: anchorStart !== null && anchorEnd !== null && anchorEnd > anchorStart ? [{ start: anchorStart, end: anchorEnd }] : [],
      },
    ],
    [find.open, find.hits, hit, anchorStart, anchorEnd],
  );

  const closePanel = (message?: string) => {
    const stripe = opened?.stripe;
    setOpened(null);
    if (message) actions.setMessage({ text: message, error: false });
    if (stripe?.isConnected) stripe.focus();
    else viewer.current?.focus();
  };

  const onOpenStripe = useCallback(
    (segment: LanedSegment, stripe: HTMLElement) => setOpened({ codingId: segment.ids[0] ?? "", stripe }),
    [],
  );
  const marks = useMemo<CodingMarksProps>(
    () => ({ sourceId, display, selectedCodingId: openedId, openSegment, panelId, onOpen: onOpenStripe }),
    [sourceId, display, openedId, openSegment, panelId, onOpenStripe],
  );
  const onSelectionDrag = useCallback(
    (offsets: TextOffsets, transfer: DataTransfer) => {
      transfer.setData(SELECTION_DRAG_TYPE, JSON.stringify({ sourceId, start: offsets.start, end: offsets.end }));
      transfer.effectAllowed = "copy";
    },
    [sourceId],
  );

  const copySelection = () => {
    if (selection) void navigator.clipboard?.writeText(transcript.text.slice(selection.start, selection.end)).catch(() => undefined);
  };

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
      <CodingToolbar
        onCommand={runCommand}
        filterSummary={filterSummary(filter, separateCoders)}
        onOpenFilter={() => setFilterOpen(true)}
        message={actions.message}
      />
      {find.open && (
        <FindBar
          find={find}
          inputRef={findInput}
          onQuery={(query) => find.setQuery(query, viewer.current?.readingOffset() ?? 0)}
          onClose={closeFind}
        />
      )}
      <CodingMarksContext.Provider value={marks}>
        <TranscriptView
          ref={viewer}
          transcript={transcript}
          layout={layout}
          decorations={decorations}
          paragraphNumbers={paragraphNumbers}
          highlights={highlights}
          onSelectionChange={onSelectionChange}
          onCaretChange={setCaret}
          renderMargin={renderCodingMarks}
          marginWidth={marginWidthFor(display.laneCount)}
          onMenuRequest={setMenuAt}
          onSelectionDrag={onSelectionDrag}
        />
      </CodingMarksContext.Provider>
      {opened && openSegment && (
        <CodingPanel
          id={panelId}
          display={display}
          segment={openSegment}
          codingId={opened.codingId}
          sourceId={sourceId}
          text={transcript.text}
          onSelectCoding={(codingId) => setOpened({ ...opened, codingId })}
          onChangeCode={(coding: CodingRecord) => actions.changeCode(coding.id, coding.codeId)}
          onOnlyThisCode={(codeId) => {
            session.setFilter({ ...filter, codeIds: [codeId] });
            actions.setMessage({
              text: `Showing only ${display.codes.get(codeId)?.name ?? "one code"}. “Coding shown” brings the rest back.`,
              error: false,
            });
          }}
          onClose={closePanel}
        />
      )}
      <SelectionStatus transcript={transcript} selection={selection} caret={caret} />
      <CodePalette
        open={actions.palette.open}
        title={actions.palette.title}
        subject={actions.palette.subject}
        codes={actions.palette.codes}
        parents={actions.palette.allCodes}
        recentIds={recentIds}
        excludeCodeId={actions.palette.excludeCodeId}
        onChoose={actions.palette.choose}
        onClose={actions.palette.close}
      />
      <CodingFilterDialog
        open={filterOpen}
        filter={filter}
        separateCoders={separateCoders}
        codes={data.codes ?? []}
        coders={data.coders ?? []}
        onFilter={(next) => session.setFilter(next)}
        onSeparateCoders={setSeparateCoders}
        onClose={() => setFilterOpen(false)}
      />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      {menuAt && (
        <CodingMenu
          at={menuAt}
          hasSelection={selection !== null}
          onCommand={runCommand}
          onCopy={copySelection}
          onClose={() => {
            setMenuAt(null);
            viewer.current?.restoreSelection(true);
          }}
        />
      )}
    </section>
  );
}

const number = new Intl.NumberFormat();

/** Where the selection is in the text, and what a keyboard coding command would code (the selection, else the caret). */
function SelectionStatus({
  transcript,
  selection,
  caret,
}: {
  transcript: Transcript;
  selection: TextOffsets | null;
  caret: number | null;
}) {
  const { text } = transcript;
  const characters = selection ? countCharacters(text.slice(selection.start, selection.end)) : 0;
  const target = targetText(transcript.blocks, selection, caret);
  return (
    <p
      role="status"
      aria-live="polite"
      data-selection-start={selection?.start}
      data-selection-end={selection?.end}
      className="border-t border-slate-300 bg-white px-4 py-1 text-xs tabular-nums text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300"
    >
      {selection
        ? `Selected ${number.format(selection.start)}–${number.format(selection.end)} (${plural(characters, "character")})`
        : "No text selected"}
      {target && <span data-coding-target=""> · {target}</span>}
    </p>
  );
}
