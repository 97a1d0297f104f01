import { describeError } from "../../shared/describeError";
import { useCallback, useMemo, useRef, useState, type RefObject } from "react";
import { flattenTree, indexCodes, nameKey, pathNames } from "../../shared/coding/codeTree";
import { nextCodeColour } from "../../shared/coding/palette";
import { paragraphRangeAt, turnAt, turnBodyRange, type Range } from "../../shared/coding/ranges";
import { targetOffset } from "./codingTarget";
import type { CodeRecord } from "../../shared/model/records";
import type { Transcript } from "../../shared/text/transcript";
import { newId } from "../../shared/ids";
import type { CodingRecord } from "../../shared/model/records";
import { planCodeRange } from "../../shared/coding/codeRange";
import { changeCodingCode, changeCodingToNewCode, codeRange, codeRangeWithNewCode } from "../db/codings";
import type { OpenProject } from "../db/projects";
import type { CodingSession } from "../project/codingSession";
import type { TranscriptHandle } from "../sources/viewer/TranscriptView";
import type { PaletteChoice } from "./CodePalette";
import { inVivoName, type PaletteCode } from "./paletteSearch";
import { notCodedMessage } from "./saveFailure";
import type { CodingData } from "./useCodingDisplay";

export type PaletteTarget = { kind: "code"; range: Range; title: string } | { kind: "change"; codingId: string; codeId: string };

export interface CodingMessage {
  text: string;
  error: boolean;
}

const quote = (text: string, max = 80) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * The coding commands of the source page: code the selection (through the palette), in vivo, the
 * paragraph or the speaker turn at the caret, and change a coding's code. Writes go through the
 * repository; each is one undoable step.
 */
/** Resolves just after the next frame is painted (a task queued from requestAnimationFrame). */
const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function useCodingActions({
  project,
  session,
  sourceId,
  transcript,
  viewer,
  codes,
  data,
}: {
  project: OpenProject;
  session: CodingSession;
  sourceId: string;
  transcript: Transcript;
  viewer: RefObject<TranscriptHandle | null>;
  codes: readonly CodeRecord[];
  /** The source's codings, to show a new coding while it is saved. */
  data?: Pick<CodingData, "stored" | "track">;
}) {
  const [target, setTarget] = useState<PaletteTarget | null>(null);
  const [message, setMessage] = useState<CodingMessage | null>(null);
  const openedFrom = useRef<Element | null>(null);
  const { text, blocks, turns } = transcript;

  const paletteCodes = useMemo<PaletteCode[]>(() => {
    const index = indexCodes(codes);
    return flattenTree(index).map(({ code }) => ({
      id: code.id,
      name: code.name,
      path: pathNames(index, code.id),
      colour: (code as CodeRecord).colour,
    }));
  }, [codes]);
  const codeable = useMemo(() => paletteCodes.filter((c) => !codes.find((r) => r.id === c.id)?.isCategory), [paletteCodes, codes]);

  // The target of every command: the viewer's selection as it is now, else its caret. The session's copy
  // is published after a render, so a key pressed just after find selected a hit could act on the old one.
  const selectionHere = useCallback((): Range | null => {
    const live = viewer.current;
    if (live) return live.selectedOffsets();
    const selection = session.getState().selection;
    return selection && selection.sourceId === sourceId ? selection : null;
  }, [session, sourceId, viewer]);

  const say = (text: string, error = false) => setMessage({ text, error });

  const openPalette = useCallback((next: PaletteTarget) => {
    openedFrom.current = document.activeElement;
    setMessage(null);
    setTarget(next);
  }, []);

  const closePalette = useCallback(() => {
    setTarget(null);
    // The dialog hands focus back; the text's selection (taken by the palette's input) comes back too.
    const from = openedFrom.current;
    requestAnimationFrame(() => viewer.current?.restoreSelection(from instanceof HTMLElement && from.getAttribute("role") === "region"));
  }, [viewer]);

  const codeName = (codeId: string) => codes.find((c) => c.id === codeId)?.name ?? "code";
  const colour = () => nextCodeColour(codes.map((c) => c.colour));

  /**
   * Codes a range with an existing code, painting the result (the same plan the repository will run)
   * as soon as the write has been handed to IndexedDB, and confirming it when the write commits.
   * `shown`: the coding is on screen (or, without the codings at hand, saved).
   */
  const codeShown = (codeId: string, range: Range): { saved: Promise<CodingRecord>; shown: Promise<void> } => {
    const name = codeName(codeId);
    const stored = data?.stored;
    const track = data?.track;
    if (!stored || !track) {
      const saved = codeRange(project, sourceId, codeId, range, { codeName: name });
      return { saved, shown: saved.then(() => undefined) };
    }
    const id = newId();
    const coderId = project.ctx.coderId;
    const plan = planCodeRange(stored, codeId, coderId, range);
    const kept = plan.kind === "extend" ? stored.find((c) => c.id === plan.keepId) : undefined;
    const shownCoding: CodingRecord = kept
      ? { ...kept, start: plan.start, end: plan.end, note: plan.kind === "extend" ? plan.note : kept.note }
      : {
          id,
          createdAt: new Date().toISOString(),
          updatedAt: "",
          updatedBy: coderId,
          deleted: false,
          sourceId,
          codeId,
          start: plan.start,
          end: plan.end,
          coderId,
          note: "",
        };
    let written: () => void = () => undefined;
    const shown = new Promise<void>((resolve) => (written = resolve));
    // Painted once the changes are written and only the commit is left, from a fresh task (outside the
    // write's transaction), so React's render overlaps the commit instead of holding up the write.
    const write = codeRange(project, sourceId, codeId, range, { id, codeName: name, onWritten: () => setTimeout(written, 0) });
    return { saved: track({ upsert: [shownCoding], hide: plan.kind === "extend" ? plan.removeIds : [] }, write, shown), shown };
  };

  const choose = async (choice: PaletteChoice): Promise<void> => {
    if (!target) return;
    if (target.kind === "code") {
      const what = quote(text.slice(target.range.start, target.range.end), 40);
      if (choice.kind === "existing") {
        const { saved, shown } = codeShown(choice.codeId, target.range);
        // The palette closes just after the frame that paints the coding, so that frame is not held up
        // by the palette's own re-render. A write refused before the coding is shown (the code was
        // deleted meanwhile) is shown in the palette as before; a failed commit after it, in the status line.
        let appeared = false;
        let closed = false;
        const close = () => {
          if (closed) return;
          closed = true;
          closePalette();
        };
        const closedAfterPaint = shown.then(async () => {
          appeared = true;
          await afterNextPaint();
          close();
        });
        // Without the coding at hand, `shown` is the save itself: its failure is handled below.
        void closedAfterPaint.catch(() => undefined);
        try {
          await saved;
        } catch (e) {
          const text = notCodedMessage(what, codeName(choice.codeId), e);
          if (!appeared) throw new Error(text, { cause: e });
          close();
          say(text, true);
          return;
        }
        // The status line and recent codes change with the palette's closing, not in the painting frame.
        await closedAfterPaint;
        session.usedCode(choice.codeId);
        say(`Coded “${what}” at ${codeName(choice.codeId)}`);
        return;
      } else {
        const { code } = await codeRangeWithNewCode(project, sourceId, target.range, {
          name: choice.name,
          parentId: choice.parentId,
          colour: colour(),
        });
        session.usedCode(code.id);
        say(`Created code ${code.name} and coded “${what}” at it`);
      }
    } else if (choice.kind === "existing") {
      await changeCodingCode(project, target.codingId, choice.codeId);
      session.usedCode(choice.codeId);
      say(`Coding moved to ${codeName(choice.codeId)}`);
    } else {
      const code = await changeCodingToNewCode(project, target.codingId, {
        name: choice.name,
        parentId: choice.parentId,
        colour: colour(),
      });
      session.usedCode(code.id);
      say(`Coding moved to new code ${code.name}`);
    }
    closePalette();
  };

  const caretAt = (): number | null => targetOffset(selectionHere(), viewer.current?.caretOffset() ?? null);

  const codeSelection = () => {
    const selection = selectionHere();
    if (!selection) return say("Select some text to code first (with the keyboard: Tab to the text, then Shift+arrow keys).", true);
    openPalette({ kind: "code", range: { start: selection.start, end: selection.end }, title: "Code the selection" });
  };

  const codeInVivo = async () => {
    const selection = selectionHere();
    if (!selection) return say("Select the words to use as the code's name first.", true);
    const name = inVivoName(text.slice(selection.start, selection.end));
    if (!name) return say("The selection has no words to name a code with.", true);
    const range = { start: selection.start, end: selection.end };
    try {
      // The same words again code at the in-vivo code already made from them.
      const existing = codes.find((c) => c.parentId === null && nameKey(c.name) === nameKey(name));
      const codeId = existing
        ? (await codeShown(existing.id, range).saved).codeId
        : (await codeRangeWithNewCode(project, sourceId, range, { name, parentId: null, colour: colour() })).code.id;
      session.usedCode(codeId);
      say(`Coded in vivo at “${name}”`);
    } catch (e) {
      say(describeError(e), true);
    }
  };

  const codeParagraph = () => {
    const at = caretAt();
    const range = at === null ? null : paragraphRangeAt(blocks, at);
    if (!range || range.end <= range.start)
      return say("Put the caret in a paragraph with text first (click it, or Tab to the text).", true);
    openPalette({ kind: "code", range, title: "Code the paragraph" });
  };

  const codeTurn = () => {
    const at = caretAt();
    const turn = at === null ? null : turnAt(turns, at);
    if (!turn) return say("The caret is not in a speaker turn.", true);
    // What the speaker said, without "[00:12:31] P07:", so retrieval shows the words.
    openPalette({ kind: "code", range: turnBodyRange(text, turn), title: `Code ${turn.speaker}’s turn` });
  };

  const changeCode = (codingId: string, codeId: string) => openPalette({ kind: "change", codingId, codeId });

  const subject =
    target?.kind === "code"
      ? quote(text.slice(target.range.start, target.range.end))
      : target?.kind === "change"
        ? `currently at ${codeName(target.codeId)}`
        : "";

  return {
    palette: {
      open: target !== null,
      title: target?.kind === "change" ? "Change the code of this coding" : (target?.title ?? ""),
      subject,
      codes: codeable,
      allCodes: paletteCodes,
      excludeCodeId: target?.kind === "change" ? target.codeId : null,
      choose,
      close: closePalette,
    },
    message,
    setMessage,
    codeSelection,
    codeInVivo,
    codeParagraph,
    codeTurn,
    changeCode,
  };
}
