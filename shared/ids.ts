import { v7 as uuidv7, validate, version } from "uuid";

/**
 * A record id branded with what it names, so a source id passed where a code id belongs does not
 * compile. At run time it is the plain string (the brand is a type only) and is usable as a string.
 *
 * The brand is optional, on purpose (gradual branding): ids of two different kinds never mix, but a
 * plain string (a test fixture's "c1", a DOM data attribute, UI state not yet typed) is still accepted.
 * Making it required (`readonly __brand: K`) is the next step once the UI and tests carry typed ids.
 */
export type Id<K extends string> = string & { readonly __brand?: K };

export type SourceId = Id<"source">;
export type CodeId = Id<"code">;
export type CodingId = Id<"coding">;
export type MemoId = Id<"memo">;
export type CaseId = Id<"case">;
export type AttributeId = Id<"attribute">;
export type CoderId = Id<"coder">;
export type ProjectId = Id<"project">;
export type SavedSearchId = Id<"savedSearch">;
export type SpeakerId = Id<"speaker">;
export type CasePassageId = Id<"casePassage">;
/** A new id not yet tied to a kind (REFI-QDA GUIDs map to these before the record is built): it fits any kind. */
export type AnyId = Id<never>;

/** Record ids are UUIDv7: unique across laptops without coordination, and roughly time-ordered. */
export function newId<I extends Id<string> = AnyId>(): I {
  return uuidv7() as I;
}

export function isRecordId(value: unknown): value is string {
  return typeof value === "string" && validate(value) && version(value) === 7;
}

/** A clock node id derived from a coder id: short, and legal in an HLC stamp. */
export function clockNodeFor(coderId: string): string {
  return coderId.replace(/-/g, "").slice(-16);
}
