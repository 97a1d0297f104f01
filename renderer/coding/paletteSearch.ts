/**
 * Finding codes in the quick-code palette by what the researcher types: a name, part of one, or a
 * path ("Tech/Usab" finds Technology › Usability). Pure, so it is unit-tested without a screen.
 * Accents and case are ignored (“cafe” finds “Café”).
 */
export interface PaletteCode {
  id: string;
  name: string;
  /** Names from the top level down to the code itself. */
  path: readonly string[];
  colour: string;
}

export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("und").replace(/\s+/g, " ").trim();
}

const words = (name: string) =>
  fold(name)
    .split(/[\s\-_/.,;:()]+/)
    .filter(Boolean);

/** Lower is better; null when the code does not match at all. */
function scoreName(name: string, ancestors: readonly string[], query: string): number | null {
  const folded = fold(name);
  if (folded === query) return 0;
  if (folded.startsWith(query)) return 1;
  const tokens = query.split(" ").filter(Boolean);
  const nameWords = words(name);
  if (tokens.every((t) => nameWords.some((w) => w.startsWith(t)))) return 2;
  if (folded.includes(query)) return 3;
  if (ancestors.some((a) => fold(a).includes(query))) return 4;
  return null;
}

/** A path query: every segment but the last matches an ancestor (in order), the last the code. */
function scorePath(path: readonly string[], segments: readonly string[]): number | null {
  const last = segments[segments.length - 1];
  const name = path[path.length - 1];
  if (last === undefined || name === undefined) return null;
  const nameScore = scoreName(name, [], last);
  if (nameScore === null || nameScore > 3) return null;
  let at = 0;
  for (const segment of segments.slice(0, -1)) {
    while (at < path.length - 1 && !fold(path[at] ?? "").startsWith(segment) && !words(path[at] ?? "").some((w) => w.startsWith(segment)))
      at++;
    if (at >= path.length - 1) return null;
    at++;
  }
  return nameScore;
}

/**
 * The codes matching `query`, best first (ties keep the given order, which should be tree order).
 * An empty query matches everything.
 */
export function searchCodes<T extends PaletteCode>(codes: readonly T[], query: string): T[] {
  const q = fold(query);
  if (!q) return [...codes];
  const segments = q.includes("/")
    ? q
        .split("/")
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
  const scored: { code: T; score: number; index: number }[] = [];
  codes.forEach((code, index) => {
    const score =
      segments && segments.length > 1 ? scorePath(code.path, segments) : scoreName(code.name, code.path.slice(0, -1), segments?.[0] ?? q);
    if (score !== null) scored.push({ code, score, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.code);
}

/** True when `name` is already a code's name (anywhere) or full path: then Enter applies, not creates. */
export function isExistingName(codes: readonly PaletteCode[], name: string): boolean {
  const q = fold(name);
  return codes.some((c) => fold(c.name) === q || fold(c.path.join("/")) === q);
}

/**
 * A code name from the selected words (in vivo): white space collapsed, quotes and brackets around
 * it and punctuation after it removed, cut at a word boundary to about `max` characters.
 */
export function inVivoName(selected: string, max = 60): string {
  let name = selected.replace(/\s+/g, " ").trim();
  name = name.replace(/^[\s"'“”‘’«»([{]+/u, "").replace(/[\s"'“”‘’«»)\]}.,;:!?…-]+$/u, "");
  if (name.length <= max) return name;
  const cut = name.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  const head = space > max / 2 ? cut.slice(0, space) : Array.from(name).slice(0, max).join("");
  return `${head.replace(/[\s,;:.-]+$/u, "")}…`;
}
