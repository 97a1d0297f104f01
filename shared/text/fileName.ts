/**
 * The longest name (before any suffix and extension) a suggested file name gets. One limit for every
 * export: long enough for a report's full title, short enough that with " codebook", a date and an
 * extension it stays far inside the 255 characters a file name may have (and the IPC check allows),
 * and leaves room for the folder under Windows' 260-character path limit.
 */
export const FILE_NAME_MAX_LENGTH = 120;

/** Characters Windows refuses in a file name, both path separators among them. */
export const FILE_NAME_FORBIDDEN_CHARACTERS = '\\/:*?"<>|';

/**
 * A file name from text the researcher wrote (a project name, a report title): control characters and
 * the characters Windows refuses in names become spaces, runs of spaces one, and it is cut to
 * `maxLength`; `fallback` when nothing is left.
 */
export function safeFileName(text: string, fallback: string, maxLength = FILE_NAME_MAX_LENGTH): string {
  const spaced = Array.from(text, (c) => (c < " " || FILE_NAME_FORBIDDEN_CHARACTERS.includes(c) ? " " : c)).join("");
  return spaced.replace(/\s+/g, " ").trim().slice(0, maxLength) || fallback;
}
