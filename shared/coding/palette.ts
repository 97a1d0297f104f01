/**
 * Code colours: a qualitative palette chosen so neighbouring codes stay distinguishable for common
 * colour-vision deficiencies (Okabe–Ito plus Tol's muted set). Colour is never the only cue: codes
 * also carry their names in stripes and tooltips.
 */
export const CODE_COLOURS = [
  "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#44AA99",
  "#117733", "#332288", "#AA4499", "#999933", "#DDCC77", "#88CCEE", "#661100", "#6699CC",
] as const;

/** The next colour for a new code: the least-used one, so a fresh codebook cycles through all. */
export function nextCodeColour(used: Iterable<string>): string {
  const counts = new Map<string, number>(CODE_COLOURS.map((c) => [c.toLowerCase(), 0]));
  for (const colour of used) {
    const key = colour.toLowerCase();
    if (counts.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string = CODE_COLOURS[0];
  let bestCount = Infinity;
  for (const colour of CODE_COLOURS) {
    const count = counts.get(colour.toLowerCase()) ?? 0;
    if (count < bestCount) {
      best = colour;
      bestCount = count;
    }
  }
  return best;
}
