/**
 * Deriving a case from a file name at import, for teams that name transcripts after participants.
 */

const EXTENSION = /\.[A-Za-z][A-Za-z0-9]{0,4}$/;
const CASE_TOKEN = /\{case\}/gi;

function stem(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\")) + 1);
  return base.replace(EXTENSION, "");
}

/** Why a pattern cannot be used, in the researcher's words; null when it is fine. */
export function checkCaseNamePattern(pattern: string): string | null {
  const count = pattern.match(CASE_TOKEN)?.length ?? 0;
  if (count === 0) return "The pattern needs {case} where the case name is, e.g. GDE_{case}.";
  if (count > 1) return "Use {case} only once in the pattern.";
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The case name a file name holds, according to `pattern`, or null when the file does not match.
 *
 * - `{case}` marks the case name (once, required); literal text may come before and after it.
 * - `*` stands for any run of characters (possibly none) and takes as much as it can, so `*_{case}`
 *   takes the text after the LAST underscore; `{case}` takes as little as it can when more pattern
 *   follows it, so `GDE_{case}_*` stops at the first underscore after GDE_.
 * - The whole file name must match. Letters match ignoring case; the case name keeps the file's spelling.
 * - Folders and the extension are ignored, in the file name and in the pattern.
 *
 * Examples: (`GDE_{case}`, `GDE_SiteA_P07.docx`) → `SiteA_P07`; (`*_{case}`, `GDE_SiteA_P07.docx`) → `P07`;
 * (`{case} interview`, `P07 interview.txt`) → `P07`; (`GDE_{case}`, `Notes.docx`) → null.
 */
export function caseNameFromFileName(pattern: string, fileName: string): string | null {
  const trimmedPattern = stem(pattern.trim());
  if (checkCaseNamePattern(trimmedPattern) !== null) return null;
  const source = trimmedPattern
    .split(/(\{case\}|\*)/i)
    .map((part) => (part === "*" ? ".*" : /^\{case\}$/i.test(part) ? "(.+?)" : escapeRegExp(part)))
    .join("");
  const match = new RegExp(`^${source}$`, "is").exec(stem(fileName).trim());
  const name = match?.[1]?.replace(/\s+/g, " ").trim();
  return name ? name : null;
}
