/** Sentences the DOCX and HTML writers (and the preview) print the same way. */
import type { CodeSummary, LabelledValue, ReportSegment } from "./model";
import { SECTION_LABELS } from "../codebook/description";
import { plural } from "../text/plural";

/** "3 codings in 2 sources; with sub-codes 5 codings in 3 sources". */
export function countsLine(code: CodeSummary): string {
  const c = code.counts;
  const own = `${plural(c.codings, "coding")} in ${plural(c.sources, "source")}`;
  return c.codingsWithSubcodes === c.codings && c.sourcesWithSubcodes === c.sources
    ? own
    : `${own}; with sub-codes ${plural(c.codingsWithSubcodes, "coding")} in ${plural(c.sourcesWithSubcodes, "source")}`;
}

/** The description parts that are filled in, with their labels ("Definition" first). */
export function descriptionRows(code: CodeSummary): LabelledValue[] {
  const d = code.description;
  return [
    { label: "Definition", value: d.definition },
    { label: SECTION_LABELS.whenToUse, value: d.whenToUse },
    { label: SECTION_LABELS.whenNotToUse, value: d.whenNotToUse },
    { label: SECTION_LABELS.example, value: d.example },
  ].filter((r) => r.value.trim() !== "");
}

/** "P01 interview, speaker turn 7 (Interviewer)". */
export function segmentPlace(s: ReportSegment): string {
  return `${s.sourceName}, ${s.location.label}`;
}

/** "Case A · Site: North · Technology/Usability · coded by Amira Patel, 2026-03-04". */
export function segmentMeta(s: ReportSegment): string {
  return [
    s.cases.length > 0 ? (s.cases.length === 1 ? `Case: ${s.cases[0]}` : `Cases: ${s.cases.join(", ")}`) : null,
    ...s.attributes.map((a) => `${a.label}: ${a.value}`),
    s.codePath,
    `coded by ${s.coder}, ${s.date}`,
  ]
    .filter((x): x is string => x !== null)
    .join(" · ");
}

export function detailsLine(details: readonly LabelledValue[]): string {
  return details.map((d) => `${d.label}: ${d.value}`).join(" · ");
}

/** Greyscale cue per stripe pattern, used where a stripe is drawn as a character (DOCX, CSV-less text). */
export const PATTERN_GLYPHS = ["█", "▓", "▒", "░", "▞", "▚"] as const;

export function patternGlyph(pattern: number): string {
  return PATTERN_GLYPHS[pattern % PATTERN_GLYPHS.length] ?? "█";
}

export function generatedLine(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `Generated ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}
