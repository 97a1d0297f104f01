/**
 * Code colours: a qualitative palette chosen so neighbouring codes stay distinguishable for common
 * colour-vision deficiencies (Okabe–Ito plus Tol's muted set). Colour is never the only cue: codes
 * also carry their names in stripes and tooltips.
 */
export const CODE_COLOURS = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#882255",
  "#44AA99",
  "#117733",
  "#332288",
  "#AA4499",
  "#999933",
  "#DDCC77",
  "#88CCEE",
  "#661100",
  "#6699CC",
] as const;

const PALETTE_INDEX = new Map<string, number>(CODE_COLOURS.map((c, i) => [c.toLowerCase(), i]));

/**
 * Running counts of the palette colours in use, so giving colours to n new codes reads each colour
 * once: a 20,000-code import used to rescan every colour for every code (quadratic, 12 s).
 */
export class CodeColourTally {
  private readonly counts: number[] = CODE_COLOURS.map(() => 0);

  constructor(used: Iterable<string> = []) {
    for (const colour of used) this.add(colour);
  }

  /** Counts a colour now in use (colours outside the palette do not count). */
  add(colour: string): void {
    const i = PALETTE_INDEX.get(colour.toLowerCase());
    if (i !== undefined) this.counts[i] = (this.counts[i] ?? 0) + 1;
  }

  /** The least-used palette colour (the first of equals), without counting it. */
  next(): string {
    let best = 0;
    for (let i = 1; i < CODE_COLOURS.length; i++) if ((this.counts[i] ?? 0) < (this.counts[best] ?? 0)) best = i;
    return CODE_COLOURS[best] ?? CODE_COLOURS[0];
  }

  /** The colour for one more code: the next one, counted as used. */
  take(): string {
    const colour = this.next();
    this.add(colour);
    return colour;
  }
}

/** The next colour for a new code: the least-used one, so a fresh codebook cycles through all. */
export function nextCodeColour(used: Iterable<string>): string {
  return new CodeColourTally(used).next();
}
