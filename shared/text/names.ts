/** Spaces collapsed and trimmed, as names (codes, cases, attributes) are stored. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}
