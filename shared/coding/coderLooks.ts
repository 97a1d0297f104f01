/**
 * How each coder is drawn: a colour and an underline pattern. Two coders who picked (or were given)
 * the same colour would look alike in comparison lists and coded-segment underlines, so a later
 * coder with a colour already taken is shown in the next free palette colour; the pattern differs
 * per coder so a greyscale print still tells them apart.
 */

/** Coder colours: distinguishable for common colour-vision deficiencies (Okabe–Ito palette). */
export const CODER_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"] as const;

/** CSS text-decoration-style values, in the order coders get them. */
export const CODER_PATTERNS = ["solid", "dashed", "dotted", "double", "wavy"] as const;
export type CoderPattern = (typeof CODER_PATTERNS)[number];

export interface CoderLook {
  colour: string;
  pattern: CoderPattern;
}

interface CoderLike {
  id: string;
  colour?: string;
  createdAt?: string;
}

/** A palette colour picked from the coder's id, so the same coder gets the same colour on every computer. */
export function defaultCoderColour(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return CODER_COLOURS[hash % CODER_COLOURS.length] ?? CODER_COLOURS[0];
}

/** Looks for every coder: earlier coders (joined first, then by id) keep their colour. */
export function coderLooks(coders: readonly CoderLike[]): Map<string, CoderLook> {
  const ordered = [...coders].sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "") || a.id.localeCompare(b.id));
  const taken = new Set<string>();
  const looks = new Map<string, CoderLook>();
  ordered.forEach((coder, i) => {
    const own = (coder.colour && /^#[0-9a-f]{6}$/i.test(coder.colour) ? coder.colour : defaultCoderColour(coder.id)).toUpperCase();
    const colour = taken.has(own) ? (CODER_COLOURS.find((c) => !taken.has(c)) ?? own) : own;
    taken.add(colour);
    looks.set(coder.id, { colour, pattern: CODER_PATTERNS[i % CODER_PATTERNS.length] ?? "solid" });
  });
  return looks;
}
