/**
 * A code's description is one string (CodeRecord.description) holding up to four parts, so it stays
 * readable wherever it is shown or exported as plain text:
 *
 *     <definition>
 *
 *     When to use: <text>
 *
 *     When not to use: <text>
 *
 *     Example: <text>
 *
 * A part starts at a line beginning with its label and runs to the next label; empty parts are left
 * out. Reading also accepts the labels codebooks commonly use instead (Inclusion/Exclusion criteria,
 * Include/Exclude, Examples, Exemplar), in any letter case.
 */

export interface DescriptionParts {
  definition: string;
  whenToUse: string;
  whenNotToUse: string;
  example: string;
}

export type DescriptionSection = Exclude<keyof DescriptionParts, "definition">;

export const SECTION_LABELS: Readonly<Record<DescriptionSection, string>> = {
  whenToUse: "When to use",
  whenNotToUse: "When not to use",
  example: "Example",
};

const SECTION_ORDER: readonly DescriptionSection[] = ["whenToUse", "whenNotToUse", "example"];

/** Label words (lower case, single spaces) to the part they start. */
const LABEL_SYNONYMS: ReadonlyMap<string, DescriptionSection> = new Map([
  ["when to use", "whenToUse"],
  ["use when", "whenToUse"],
  ["inclusion", "whenToUse"],
  ["inclusion criteria", "whenToUse"],
  ["include", "whenToUse"],
  ["includes", "whenToUse"],
  ["when not to use", "whenNotToUse"],
  ["do not use when", "whenNotToUse"],
  ["exclusion", "whenNotToUse"],
  ["exclusion criteria", "whenNotToUse"],
  ["exclude", "whenNotToUse"],
  ["excludes", "whenNotToUse"],
  ["example", "example"],
  ["examples", "example"],
  ["exemplar", "example"],
  ["exemplars", "example"],
  ["typical example", "example"],
  ["typical exemplar", "example"],
]);

const LABEL_LINE = /^[ \t]*([A-Za-z][A-Za-z ]{2,30}?)[ \t]*:[ \t]*/;

export const EMPTY_DESCRIPTION: Readonly<DescriptionParts> = { definition: "", whenToUse: "", whenNotToUse: "", example: "" };

/** The part a label names ("Inclusion criteria" → whenToUse), or null if it is not a known label. */
export function sectionForLabel(label: string): DescriptionSection | null {
  return LABEL_SYNONYMS.get(label.trim().replace(/\s+/g, " ").toLowerCase()) ?? null;
}

/** Splits a stored description into its parts (all trimmed; missing parts are ""). */
export function parseDescription(text: string): DescriptionParts {
  const parts: Record<keyof DescriptionParts, string[]> = { definition: [], whenToUse: [], whenNotToUse: [], example: [] };
  let current: keyof DescriptionParts = "definition";
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const label = LABEL_LINE.exec(line);
    const section = label ? sectionForLabel(label[1] ?? "") : null;
    if (label && section) {
      current = section;
      parts[current].push(line.slice(label[0].length));
    } else parts[current].push(line);
  }
  const join = (lines: string[]) => lines.join("\n").trim();
  return {
    definition: join(parts.definition),
    whenToUse: join(parts.whenToUse),
    whenNotToUse: join(parts.whenNotToUse),
    example: join(parts.example),
  };
}

/** The stored form of the parts (see the module comment). Inverse of parseDescription. */
export function formatDescription(parts: Partial<DescriptionParts>): string {
  const chunks: string[] = [];
  const definition = (parts.definition ?? "").replace(/\r\n?/g, "\n").trim();
  if (definition) chunks.push(definition);
  for (const section of SECTION_ORDER) {
    const text = (parts[section] ?? "").replace(/\r\n?/g, "\n").trim();
    // A list starts on the line after its label, as it would be written by hand.
    if (text) chunks.push(`${SECTION_LABELS[section]}:${/^[-•*] /.test(text) ? "\n" : " "}${text}`);
  }
  return chunks.join("\n\n");
}

/** Rewrites a description in the canonical form (labels spelled as above, blank lines between parts). */
export function normaliseDescription(text: string): string {
  return formatDescription(parseDescription(text));
}
