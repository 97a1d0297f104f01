import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { CodingRecord } from "../../shared/model/records";
import { nextWordEnd, nextWordStart, previousWordEnd, previousWordStart } from "../../shared/text/caret";
import { annotateCoding, setCodingRange, uncode } from "../db/codings";
import { useProject, useSession } from "../project/ProjectContext";
import { useCodingSession } from "../project/codingSession";
import { Button } from "../ui/Button";
import { formatCodingDate } from "./CodingStripes";
import type { CodingDisplay, LanedSegment } from "./useCodingDisplay";

const number = new Intl.NumberFormat();

/**
 * The coding chosen from a stripe: who coded what and when, and what can be done with it — uncode,
 * change its code, move its edges a word at a time (or to the current selection), annotate it.
 * Every change is one undoable step. Escape closes and returns focus to the stripe.
 */
export function CodingPanel({
  id,
  display,
  segment,
  codingId,
  sourceId,
  text,
  onSelectCoding,
  onChangeCode,
  onOnlyThisCode,
  onClose,
}: {
  id: string;
  display: CodingDisplay;
  segment: LanedSegment;
  codingId: string;
  sourceId: string;
  text: string;
  onSelectCoding: (codingId: string) => void;
  onChangeCode: (coding: CodingRecord) => void;
  onOnlyThisCode: (codeId: string) => void;
  onClose: (message?: string) => void;
}) {
  const project = useProject();
  const session = useSession();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<string | null>(null);
  const selection = useCodingSession(session, (s) => s.selection);
  const coding = display.byId.get(codingId);
  // An edge moved but not yet stored: quick presses build on it. Once the stored coding changes (the
  // write landing, an undo, another window) it is the truth again.
  const stored = coding ? `${coding.id}:${coding.start}:${coding.end}` : "";
  const [pending, setPending] = useState<{ over: string; start: number; end: number } | null>(null);

  useEffect(() => heading.current?.focus(), [codingId]);

  if (!coding) {
    return (
      <section
        id={id}
        aria-labelledby={titleId}
        className="border-t border-slate-300 bg-slate-50 px-4 py-2 dark:border-slate-700 dark:bg-slate-800"
      >
        <h3 id={titleId} ref={heading} tabIndex={-1} className="text-sm font-semibold">
          This coding is no longer shown
        </h3>
        <Button className="mt-1" onClick={() => onClose()}>
          Close
        </Button>
      </section>
    );
  }

  const range = pending && pending.over === stored ? pending : coding;
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describeError(e));
    }
  };
  const setRange = (start: number, end: number) => {
    if (start === range.start && end === range.end) return;
    setPending({ over: stored, start, end });
    void run(() => setCodingRange(project, coding.id, { start, end }));
  };
  const edges = {
    startEarlier: () => setRange(previousWordStart(text, range.start), range.end),
    startLater: () => setRange(Math.min(nextWordStart(text, range.start), range.end - 1), range.end),
    endEarlier: () => setRange(range.start, Math.max(previousWordEnd(text, range.end), range.start + 1)),
    endLater: () => setRange(range.start, nextWordEnd(text, range.end)),
  };
  const selectionHere = selection && selection.sourceId === sourceId ? selection : null;
  const codings = segment.ids.map((cid) => display.byId.get(cid)).filter((c): c is CodingRecord => c !== undefined);
  const path = display.paths.get(coding.codeId)?.replaceAll("/", " › ") ?? "Code";
  const excerpt = text.slice(coding.start, coding.end);

  return (
    <section
      id={id}
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onClose();
        }
      }}
      className="max-h-[45%] overflow-y-auto border-t border-slate-300 bg-slate-50 px-4 py-2 text-sm dark:border-slate-700 dark:bg-slate-800"
    >
      <div className="flex items-start gap-2">
        <h3 id={titleId} ref={heading} tabIndex={-1} className="min-w-0 flex-1 font-semibold">
          <span
            aria-hidden="true"
            className="mr-1.5 inline-block h-3 w-3 rounded-full align-[-0.1em]"
            style={{ backgroundColor: display.codes.get(coding.codeId)?.colour }}
          />
          Coding: {path}
        </h3>
        <Button variant="ghost" aria-label="Close coding panel" title="Close (Escape)" onClick={() => onClose()}>
          <span aria-hidden="true">✕</span>
        </Button>
      </div>
      {codings.length > 1 && (
        <fieldset className="mt-1 flex flex-wrap gap-x-3">
          <legend className="sr-only">Codings in this stripe</legend>
          {codings.map((c) => (
            <label key={c.id} className="flex items-center gap-1">
              <input type="radio" name={`${id}-which`} checked={c.id === coding.id} onChange={() => onSelectCoding(c.id)} />
              {display.coders.get(c.coderId)?.name ?? "Unknown coder"}, {number.format(c.start)}–{number.format(c.end)}
            </label>
          ))}
        </fieldset>
      )}
      <p className="mt-1 text-slate-700 dark:text-slate-300" data-coding-range={`${coding.start}-${coding.end}`}>
        By {display.coders.get(coding.coderId)?.name ?? "an unknown coder"} on {formatCodingDate(coding.createdAt)} · characters{" "}
        {number.format(coding.start)}–{number.format(coding.end)}
      </p>
      <blockquote className="mt-1 line-clamp-3 border-l-4 border-slate-300 pl-2 italic dark:border-slate-600" data-coded-text="">
        {excerpt}
      </blockquote>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button
          variant="danger"
          onClick={() =>
            void run(async () => {
              await uncode(project, coding.id);
              onClose(`Uncoded “${excerpt.slice(0, 40)}” from ${display.codes.get(coding.codeId)?.name ?? "the code"}`);
            })
          }
        >
          Uncode
        </Button>
        <Button onClick={() => onChangeCode(coding)}>Change code…</Button>
        <Button onClick={() => onOnlyThisCode(coding.codeId)} title="Show only this code's codings (Coding shown)">
          Show only this code
        </Button>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1">
        <EdgeControl edge="Start" earlier={edges.startEarlier} later={edges.startLater} />
        <EdgeControl edge="End" earlier={edges.endEarlier} later={edges.endLater} />
        <Button
          disabled={!selectionHere}
          onClick={() => selectionHere && setRange(selectionHere.start, selectionHere.end)}
          title="Make this coding cover exactly the text selected now"
        >
          Set to current selection
        </Button>
      </div>
      <Annotation key={coding.id} coding={coding} onSave={(note) => run(() => annotateCoding(project, coding.id, note))} />
      {error && <ErrorText className="mt-1">{error}</ErrorText>}
    </section>
  );
}

/** One edge of the coding: buttons move it a word at a time, and so do the arrow keys, as on a spin button. */
function EdgeControl({ edge, earlier, later }: { edge: "Start" | "End"; earlier: () => void; later: () => void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      event.preventDefault();
      (event.key === "ArrowLeft" ? earlier : later)();
    }
  };
  return (
    <div role="group" aria-label={`${edge} of the coding`} className="flex items-center gap-1" onKeyDown={onKeyDown}>
      <span aria-hidden="true">{edge}</span>
      <Button variant="ghost" aria-label={`${edge} one word earlier`} title={`${edge} one word earlier (←)`} onClick={earlier}>
        <span aria-hidden="true">←</span>
      </Button>
      <Button variant="ghost" aria-label={`${edge} one word later`} title={`${edge} one word later (→)`} onClick={later}>
        <span aria-hidden="true">→</span>
      </Button>
    </div>
  );
}

function Annotation({ coding, onSave }: { coding: CodingRecord; onSave: (note: string) => Promise<void> }) {
  const id = useId();
  const [draft, setDraft] = useState(coding.note);
  const [saved, setSaved] = useState(false);
  const save = async () => {
    if (draft === coding.note) return;
    await onSave(draft);
    setSaved(true);
  };
  return (
    <div className="mt-2">
      <label htmlFor={id} className="font-medium">
        Annotation
      </label>
      <textarea
        id={id}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          setSaved(false);
        }}
        onBlur={() => void save()}
        rows={2}
        placeholder="A note on this passage: why it was coded, what it made you think…"
        className="mt-1 block w-full resize-y rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
      />
      <div className="mt-1 flex items-center gap-2">
        <Button onClick={() => void save()} disabled={draft === coding.note}>
          Save annotation
        </Button>
        <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
          {saved && draft === coding.note ? "Saved" : ""}
        </span>
      </div>
    </div>
  );
}
