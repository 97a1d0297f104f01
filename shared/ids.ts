import { v7 as uuidv7, validate, version } from "uuid";

/** Record ids are UUIDv7: unique across laptops without coordination, and roughly time-ordered. */
export function newId(): string {
  return uuidv7();
}

export function isRecordId(value: unknown): value is string {
  return typeof value === "string" && validate(value) && version(value) === 7;
}

/** A clock node id derived from a coder id: short, and legal in an HLC stamp. */
export function clockNodeFor(coderId: string): string {
  return coderId.replace(/-/g, "").slice(-16);
}
