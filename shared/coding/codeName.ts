/**
 * The rules for a code's name, one copy for every place a code is made or renamed (the codebook, a new
 * code made while coding, the properties dialog): white space collapsed, not empty, not too long, and
 * no live sibling with the same name (compared as nameKey does: case and spacing ignored).
 */
import { siblingNameTaken, type TreeCode } from "./codeTree";

export const MAX_CODE_NAME = 200;

/** Runs of white space become one space and the ends are trimmed: the name as it is saved and shown. */
export function normaliseCodeName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** The name a code is saved under; throws a message for the researcher when it is empty or too long. */
export function cleanCodeName(name: string): string {
  const clean = normaliseCodeName(name);
  if (!clean) throw new Error("A code needs a name.");
  if (clean.length > MAX_CODE_NAME) throw new Error(`Keep code names under ${MAX_CODE_NAME} characters.`);
  return clean;
}

/** Throws when a live sibling under `parentId` (other than `exceptId`, the code being renamed) has the name. */
export function refuseTakenCodeName(
  codes: readonly TreeCode[],
  parentId: string | null,
  name: string,
  exceptId: string | null = null,
): void {
  if (siblingNameTaken(codes, parentId, name, exceptId)) throw new Error(`There is already a code called “${name}” there.`);
}

/**
 * Where a new code named `name` goes among the live `codes`: its parent must still be there and no
 * sibling may have its name. Returns its order (after its siblings).
 */
export function placeNewCode(codes: readonly TreeCode[], parentId: string | null, name: string): number {
  if (parentId !== null && !codes.some((c) => c.id === parentId)) throw new Error("The parent code no longer exists.");
  refuseTakenCodeName(codes, parentId, name);
  return codes.filter((c) => c.parentId === parentId).reduce((max, c) => Math.max(max, c.order + 1), 0);
}
