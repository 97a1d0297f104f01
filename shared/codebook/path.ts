import { cleanName } from "../text/names";

export { cleanName };
/**
 * Code paths as written in codebook files: names from the top level down, separated by "/".
 * A name that itself holds "/" writes it as "\/", and a backslash as "\\" ("Yes\/No" is one name).
 * A backslash before anything else is kept as written. NVivo's hierarchical names
 * ("Codes\\Economy\Tourism": folders end in "\\", codes are separated by "\") are read too.
 */

export type PathParse = { ok: true; names: string[] } | { ok: false; message: string };

export function formatCodePath(names: readonly string[]): string {
  return names.map((n) => n.replace(/\\/g, "\\\\").replace(/\//g, "\\/")).join("/");
}

/**
 * Reads a "/" path. Slashes at the very start or end are ignored ("/Technology/" is "Technology");
 * an empty name between two slashes is an error, as is a path with no name at all.
 */
export function parseCodePath(text: string): PathParse {
  const names: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === "\\" && (next === "/" || next === "\\")) {
      current += next;
      i++;
    } else if (c === "/") {
      names.push(current);
      current = "";
    } else current += c;
  }
  names.push(current);
  const cleaned = names.map(cleanName);
  while (cleaned.length > 0 && cleaned[0] === "") cleaned.shift();
  while (cleaned.length > 0 && cleaned[cleaned.length - 1] === "") cleaned.pop();
  if (cleaned.length === 0) return { ok: false, message: "has no code name" };
  if (cleaned.includes("")) return { ok: false, message: `has an empty name between two slashes in “${text.trim()}”` };
  return { ok: true, names: cleaned };
}

/** True for NVivo hierarchical names, which start with a folder ("Codes\\", "Nodes\\"). */
export function looksLikeNvivoName(text: string): boolean {
  return /^\s*(?:codes|nodes)\\\\/i.test(text);
}

/** Reads an NVivo hierarchical name: folders (up to the last "\\") dropped, codes split at "\". */
export function parseNvivoName(text: string): PathParse {
  const folderEnd = text.lastIndexOf("\\\\");
  const codes = folderEnd === -1 ? text : text.slice(folderEnd + 2);
  const names = codes.split("\\").map(cleanName);
  if (names.every((n) => n === "")) return { ok: false, message: "has no code name" };
  if (names.includes("")) return { ok: false, message: `has an empty name in “${text.trim()}”` };
  return { ok: true, names };
}
