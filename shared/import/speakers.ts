import type { Block, Timestamp, Turn } from "./types";

/**
 * Speaker-turn detection over the converted text. The rule (docs/import.md):
 *
 * A paragraph may start a turn when it begins, after an optional timestamp, with a short label
 * (≤ 40 characters, ≤ 4 words, starting with a letter, only letters, digits, spaces and . ' ’ - _ & / ( ) #)
 * followed by a colon and a space or the paragraph's end ("Interviewer:", "[00:12:31] P07:",
 * "Interviewer (00:12):"), or when the whole paragraph is "Name  00:00" (Otter.ai layout).
 * Header lines are set aside first: a run of two or more consecutive "Label: short value" paragraphs
 * (value ≤ 10 words, not ending in . ? !) containing a common document word ("Date:", "Location:")
 * is metadata ("Interviewer: J. Smith / Participant: P07 / Date: 3 May"), not dialogue.
 * Labels that are common document words ("Note", "Source", "Summary", "Date"...) never count.
 * Then, if at least two distinct labels each start two or more paragraphs, the document is a
 * dialogue: those recurring labels are speakers ("Sam", "BSR01", "Sara Mannheimer"), and so is a
 * known role used once before a sentence ("Respondent 2: I agree."), but not a one-off
 * "Participant: P07 (ward manager)" line. Otherwise only known roles count, even once.
 * Known roles: Interviewer, Interviewee, Respondent, Participant, Researcher, Facilitator,
 * Moderator, Speaker, Question, Answer, INT, IV, IE, I, R, Q, A, P, Pt, F, M, optionally
 * numbered or lettered ("P1", "Respondent 3", "Researcher 1", "Speaker B").
 * A turn runs from its paragraph to the paragraph before the next turn or heading.
 */

export interface SpeakerResult {
  turns: Turn[];
  timestamps: Timestamp[];
}

interface Candidate {
  block: number;
  speaker: string;
  key: string;
  labelEnd: number;
  /** Timestamps that belong to the turn if the label is accepted. */
  stamps: Timestamp[];
  /** "Label: short value" with no timestamp: could be a header line rather than speech. */
  metaLike: boolean;
}

const MAX_LABEL = 40;
const MAX_WORDS = 4;

const ROLE =
  /^(?:interviewer|interviewee|respondent|participant|researcher|facilitator|moderator|speaker|question|answer|int|ivr|iv|ie|resp|i|r|q|a|p|pt|f|m)(?:\s?[-#]?\s?\d{1,3}[a-z]?|\s[a-z])?$/i;

// Run-in labels of reports, minutes, e-mails and forms: never speakers, however often they recur.
const NOT_SPEAKERS = new Set(
  (
    "note notes nb n.b ps p.s source sources summary background context aim aims objective objectives purpose scope " +
    "method methods methodology result results finding findings conclusion conclusions recommendation recommendations " +
    "action actions outcome outcomes decision decisions example examples e.g i.e key date dates time times day location " +
    "venue place title subject re ref reference references tel phone telephone mobile fax email e-mail web website url " +
    "address figure fig table chart step steps status version author authors keywords comment comments warning caution " +
    "important tip update edit attendees present apologies agenda minutes owner deadline due from to cc bcc sent " +
    "attachment attachments definition total name age gender role department organisation organization site " +
    "duration length transcriber transcribed recorded recording file language setting mode format consent project study " +
    "pseudonym session"
  )
    .split(" ")
    .concat(["interview id", "participant id", "date of interview", "key findings", "key points", "next steps", "action points"]),
);

const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

export function detectTurns(text: string, blocks: readonly Block[]): SpeakerResult {
  const candidates: Candidate[] = [];
  const leadingStamps = new Map<number, Timestamp>();
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (!block || block.kind !== "paragraph") continue;
    const stamp = matchTimestamp(text, block.start, block.end);
    if (stamp) leadingStamps.set(b, stamp);
    const candidate = readLabel(text, block, b, stamp);
    if (candidate) candidates.push(candidate);
  }

  const metadata = metadataLines(candidates);
  const live = candidates.filter((c) => !metadata.has(c.block) && !isStopLabel(c.key));
  const counts = new Map<string, number>();
  for (const c of live) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  const recurring = new Set(live.filter((c) => (counts.get(c.key) ?? 0) >= 2).map((c) => c.key));
  const dialogue = recurring.size >= 2;
  const accepted = new Map<number, Candidate>();
  for (const c of live) {
    const role = ROLE.test(c.speaker);
    if (dialogue ? recurring.has(c.key) || (role && !c.metaLike) : role) accepted.set(c.block, c);
  }

  const turns: Turn[] = [];
  const timestamps: Timestamp[] = [];
  let open: Turn | null = null;
  let previousEnd = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (!block) continue;
    const starts = accepted.get(b);
    if (open && (starts || block.kind === "heading")) {
      open.end = previousEnd;
      open = null;
    }
    if (starts) {
      open = { start: block.start, end: block.end, speaker: starts.speaker, labelEnd: starts.labelEnd };
      turns.push(open);
      timestamps.push(...starts.stamps);
    } else {
      const stamp = leadingStamps.get(b);
      if (stamp) timestamps.push(stamp);
    }
    previousEnd = block.end;
  }
  if (open) open.end = previousEnd;
  return { turns, timestamps };
}

/** Blocks in runs of "Label: short value" lines that include a document word (see the rule above). */
function metadataLines(candidates: readonly Candidate[]): Set<number> {
  const out = new Set<number>();
  let run: Candidate[] = [];
  const flush = (): void => {
    if (run.length >= 2 && run.some((c) => isStopLabel(c.key))) for (const c of run) out.add(c.block);
    run = [];
  };
  for (const c of candidates) {
    const last = run[run.length - 1];
    if (!c.metaLike || (last && last.block + 1 !== c.block)) flush();
    if (c.metaLike) run.push(c);
  }
  flush();
  return out;
}

function isStopLabel(key: string): boolean {
  return NOT_SPEAKERS.has(key) || NOT_SPEAKERS.has(key.replace(/[\s#-]*\d+[a-z]?$/, ""));
}

function readLabel(text: string, block: Block, index: number, stamp: Timestamp | null): Candidate | null {
  const { start, end } = block;
  let pos = start;
  const stamps: Timestamp[] = [];
  if (stamp) {
    stamps.push(stamp);
    pos = skipSeparator(text, stamp.end, end);
    if (pos >= end) return null;
  } else {
    const otter = readOtterLine(text, start, end);
    if (otter) return { block: index, ...otter };
  }

  let i = pos;
  let inline: Timestamp | null = null;
  const limit = Math.min(end, pos + MAX_LABEL + 20);
  for (; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a || c === 0xff1a) break; // ':' or full-width '：'
    if (c === 0x28 || c === 0x5b) {
      inline = matchTimestamp(text, i, end); // "Interviewer (00:12):"
      if (inline) {
        i = inline.end;
        while (i < end && text.charCodeAt(i) === 0x20) i++;
        break;
      }
    }
    if (!isLabelChar(text, i, c)) return null;
  }
  const colon = text.charCodeAt(i);
  if (i >= end || (colon !== 0x3a && colon !== 0xff1a)) return null;
  if (colon === 0x3a && i + 1 < end && !isSpace(text.charCodeAt(i + 1))) return null; // "https://", "10:30"

  const label = normaliseLabel(text.slice(pos, inline ? inline.start : i));
  if (!isValidLabel(label)) return null;
  if (inline) stamps.push(inline);
  const metaLike = stamps.length === 0 && end - i < 120 && isShortValue(text.slice(i + 1, end));
  return { block: index, speaker: label, key: label.toLowerCase(), labelEnd: i + 1, stamps, metaLike };
}

/** Otter.ai: the speaker's name and a time alone on a line ("BSR01  00:00"); speech follows. */
function readOtterLine(text: string, start: number, end: number): Omit<Candidate, "block"> | null {
  if (end - start > MAX_LABEL + 16) return null;
  let t = end;
  while (t > start && !isSpace(text.charCodeAt(t - 1))) t--;
  if (t <= start) return null;
  const stamp = matchTimestamp(text, t, end);
  if (!stamp || stamp.end !== end || text.charCodeAt(t) === 0x5b || text.charCodeAt(t) === 0x28) return null;
  const raw = text.slice(start, t);
  for (let i = 0; i < raw.length; i++) if (!isLabelChar(raw, i, raw.charCodeAt(i))) return null;
  const label = normaliseLabel(raw);
  if (!isValidLabel(label)) return null;
  return { speaker: label, key: label.toLowerCase(), labelEnd: end, stamps: [stamp], metaLike: false };
}

function isShortValue(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.split(/\s+/).length <= 10 && !/[.?!…]$/.test(trimmed);
}

function normaliseLabel(raw: string): string {
  return raw.trim().replace(/\s+/g, " ");
}

function isValidLabel(label: string): boolean {
  if (label.length === 0 || label.length > MAX_LABEL || !LETTER.test(label.charAt(0))) return false;
  return label.split(" ").length <= MAX_WORDS;
}

function isLabelChar(text: string, i: number, c: number): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return true;
  // space . ' - _ & / ( ) # NBSP ’
  if (c === 0x20 || c === 0x2e || c === 0x27 || c === 0x2d || c === 0x5f || c === 0x26 || c === 0x2f) return true;
  if (c === 0x28 || c === 0x29 || c === 0x23 || c === 0xa0 || c === 0x2019) return true;
  return c >= 0x80 && WORD_CHAR.test(text.charAt(i));
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** After a leading timestamp: spaces, optionally one dash or bar and more spaces. */
function skipSeparator(text: string, pos: number, end: number): number {
  let i = pos;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (i < end && (c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0x7c)) {
    i++;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * "[00:12:31]", "(00:12)", "00:12:31", "1:02:33.5" starting exactly at pos. Hand-written so there is
 * no regex backtracking, and it never looks further than a dozen characters.
 */
export function matchTimestamp(text: string, pos: number, end: number): Timestamp | null {
  let i = pos;
  const open = text.charCodeAt(i);
  const close = open === 0x5b ? 0x5d : open === 0x28 ? 0x29 : 0;
  if (close) i++;
  const digits = (min: number, max: number): boolean => {
    let n = 0;
    while (n < max && i < end && isDigit(text.charCodeAt(i))) {
      i++;
      n++;
    }
    return n >= min;
  };
  if (!digits(1, 2)) return null;
  if (text.charCodeAt(i) !== 0x3a || (i++, !digits(2, 2))) return null;
  if (text.charCodeAt(i) === 0x3a && isDigit(text.charCodeAt(i + 1))) {
    i++;
    if (!digits(2, 2)) return null;
  }
  const sep = text.charCodeAt(i);
  if ((sep === 0x2e || sep === 0x2c) && isDigit(text.charCodeAt(i + 1))) {
    i++;
    digits(1, 3);
  }
  if (close) {
    if (text.charCodeAt(i) !== close) return null;
    i++;
  }
  if (i < end) {
    const next = text.charCodeAt(i);
    if (isDigit(next) || (next < 0x80 && /[A-Za-z]/.test(text.charAt(i)))) return null;
    if (!close && (next === 0x5d || next === 0x29)) return null; // "00:00:52]": half of a wrapped stamp
  }
  return i > end ? null : { start: pos, end: i };
}
