import { paragraphRangeAt, type Range } from "../../shared/coding/ranges";
import { blockIndexAt } from "../../shared/text/transcript";
import type { Block } from "../../shared/import/types";
import { COMMANDS, shortcutText } from "./shortcuts";

/**
 * What the keyboard coding commands act on: the selection if there is one, else the caret. The paragraph
 * commands take the paragraph at the selection's start (or at the caret). One rule for the commands and
 * for the status line that names the target, so the two cannot disagree.
 */
export function targetOffset(selection: Range | null, caret: number | null): number | null {
  return selection?.start ?? caret;
}

/** The paragraph number (1-based, as the paragraph numbers show it) holding `offset`, or null. */
export function paragraphNumberAt(blocks: readonly Block[], offset: number): number | null {
  const range = paragraphRangeAt(blocks, offset);
  if (!range || range.end <= range.start) return null;
  return blockIndexAt(blocks, range.start) + 1;
}

/** "Ctrl+Shift+P codes paragraph 3" (or with a selection, "Ctrl+K codes the selection · …its paragraph 3"); "" with no target. */
export function targetText(blocks: readonly Block[], selection: Range | null, caret: number | null): string {
  const at = targetOffset(selection, caret);
  const paragraph = at === null ? null : paragraphNumberAt(blocks, at);
  const codeParagraph = shortcutText(COMMANDS.codeParagraph.shortcut);
  if (selection) {
    const codeSelection = `${shortcutText(COMMANDS.codeSelection.shortcut)} codes the selection`;
    return paragraph === null ? codeSelection : `${codeSelection}, ${codeParagraph} its paragraph ${paragraph}`;
  }
  return paragraph === null ? "" : `${codeParagraph} codes paragraph ${paragraph}`;
}
