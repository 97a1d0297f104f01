/**
 * Why a coding was not saved, in the researcher's words. IndexedDB failures arrive as Dexie errors
 * whose own messages ("AbortError", "QuotaExceededError …") mean nothing to a researcher; a disk that
 * is full is the likely real cause on a hospital laptop, so it is named. Other refusals (the code was
 * deleted meanwhile) already say what happened and are passed on.
 */
import { describeError } from "../../shared/describeError";

export function whyNotSaved(error: unknown): string {
  const names = new Set<string>();
  for (let e: unknown = error, depth = 0; e && depth < 3; e = (e as { inner?: unknown }).inner, depth++) {
    const name = (e as { name?: unknown }).name;
    if (typeof name === "string") names.add(name);
  }
  if (names.has("QuotaExceededError")) return "there is no room left to save it (the disk, or the space this app may use on it, is full)";
  if (names.has("AbortError")) return "the save was interrupted before it was complete";
  const message = describeError(error);
  return message.replace(/\.\s*$/, "");
}

/** The message for a coding that was not saved: what, at which code, why, and that nothing changed. */
export function notCodedMessage(what: string, codeName: string, error: unknown): string {
  return `“${what}” was not coded at ${codeName}: ${whyNotSaved(error)}. Nothing was saved.`;
}
