/** Where a passage is, in words a reader can find in the source: paragraph or speaker turn. */
import type { Block, Turn } from "../import/types";
import { blockIndexAt } from "../text/transcript";
import type { SegmentLocation } from "./model";

/** Index of the turn holding `offset`, or -1 (turns sorted by start). */
export function turnIndexAt(turns: readonly Turn[], offset: number): number {
  let lo = 0;
  let hi = turns.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((turns[mid] as Turn).start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const turn = found >= 0 ? turns[found] : undefined;
  return turn && offset < Math.max(turn.end, turn.start + 1) ? found : -1;
}

const number = new Intl.NumberFormat("en-GB");

/** "speaker turn 7 (Interviewer)" inside a turn, else "paragraph 12", else "characters 120–180". */
export function locate(blocks: readonly Block[], turns: readonly Turn[], start: number, end: number): SegmentLocation {
  const t = turnIndexAt(turns, start);
  const turn = turns[t];
  if (turn) return { kind: "turn", number: t + 1, speaker: turn.speaker, label: `speaker turn ${t + 1} (${turn.speaker})` };
  if (blocks.length > 0) {
    const b = blockIndexAt(blocks, start) + 1;
    return { kind: "paragraph", number: b, speaker: null, label: `paragraph ${b}` };
  }
  return { kind: "characters", number: 0, speaker: null, label: `characters ${number.format(start)}–${number.format(end)}` };
}
