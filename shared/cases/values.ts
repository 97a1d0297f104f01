/**
 * Attribute values: what a researcher types (or a CSV holds) checked against the attribute's type.
 * Empty input always means "no value" (null).
 */
import type { AttributeRecord, AttributeType, AttributeValue } from "../model/records";
import { ukDateToIso } from "../text/dates";
import { cleanName } from "../text/names";

export { cleanName };

export const ATTRIBUTE_TYPE_LABELS: Record<AttributeType, string> = {
  text: "Text",
  number: "Number",
  date: "Date (dd/mm/yyyy or yyyy-mm-dd)",
  category: "One of a list",
};

export type ValueCheck =
  | { ok: true; value: AttributeValue; /** Set when the value is a category option not yet in the list. */ newOption?: string }
  | { ok: false; message: string };

export interface ValueOptions {
  /** Accept a category value that is not an option yet (the caller adds it to the list). */
  allowNewOption?: boolean;
  /** "3,5" means 3.5: European Excel writes decimal commas (and semicolon-delimited CSVs). */
  decimalComma?: boolean;
}

/** How two names are compared: "P07", " p07 " and "P07" are the same case. */
export function nameKey(text: string): string {
  return cleanName(text).toLocaleLowerCase();
}

/** Options as stored: trimmed, none empty, no two that differ only in case. */
export function cleanOptions(options: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const option of options) {
    const clean = cleanName(option);
    if (!clean || seen.has(nameKey(clean))) continue;
    seen.add(nameKey(clean));
    out.push(clean);
  }
  return out;
}

/** A number as researchers write it: 42, -3.5, .5; with `decimalComma`, 3,5 too. No thousands separators. */
export function parseNumber(text: string, decimalComma = false): number | null {
  let t = text.replace(/[\s\u00a0]/g, "");
  if (decimalComma && /^[+-]?\d*,\d+$/.test(t)) t = t.replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** True for a real calendar date written yyyy-mm-dd (2024-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function dateHint(): string {
  return " Write dates as dd/mm/yyyy or yyyy-mm-dd, e.g. 07/03/2024 or 2024-03-07.";
}

/** The value as text, for the sheet and for editing. */
export function formatAttributeValue(value: AttributeValue | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? String(value) : value;
}

/** Checks one value against an attribute. Category values match options ignoring case and are stored in the option's spelling. */
export function parseAttributeValue(
  raw: string,
  attribute: Pick<AttributeRecord, "type" | "options">,
  options: ValueOptions = {},
): ValueCheck {
  const text = raw.trim();
  if (text === "") return { ok: true, value: null };
  switch (attribute.type) {
    case "text":
      return { ok: true, value: text };
    case "number": {
      const n = parseNumber(text, options.decimalComma);
      return n === null ? { ok: false, message: `“${text}” is not a number. Enter a number such as 42 or 3.5.` } : { ok: true, value: n };
    }
    case "date": {
      // UK day-first input (07/12/2026) is stored as yyyy-mm-dd like every other date.
      const iso = isIsoDate(text) ? text : ukDateToIso(text);
      return iso ? { ok: true, value: iso } : { ok: false, message: `“${text}” is not a date.${dateHint()}` };
    }
    case "category": {
      const clean = cleanName(text);
      const match = attribute.options.find((o) => nameKey(o) === nameKey(clean));
      if (match !== undefined) return { ok: true, value: match };
      if (options.allowNewOption) return { ok: true, value: clean, newOption: clean };
      const list = attribute.options.length ? attribute.options.map((o) => `“${o}”`).join(", ") : "none yet";
      return { ok: false, message: `“${clean}” is not one of the options (${list}).` };
    }
  }
}

/** Categories are for a short list: more distinct values than this and a column is text. */
export const MAX_INFERRED_OPTIONS = 12;

/**
 * Guesses a column's type from its values (empty ones ignored): all numbers → number, all
 * yyyy-mm-dd → date, a few values that repeat → category (options in natural order), else text.
 */
export function inferAttributeType(values: readonly string[], options: ValueOptions = {}): { type: AttributeType; options: string[] } {
  const filled = values.map((v) => v.trim()).filter((v) => v !== "");
  if (filled.length === 0) return { type: "text", options: [] };
  if (filled.every((v) => parseNumber(v, options.decimalComma) !== null)) return { type: "number", options: [] };
  if (filled.every(isIsoDate)) return { type: "date", options: [] };
  const distinct = cleanOptions(filled);
  const short = filled.every((v) => v.length <= 60);
  if (short && distinct.length <= MAX_INFERRED_OPTIONS && distinct.length <= Math.ceil(filled.length / 2)) {
    return { type: "category", options: sortOptions(distinct) };
  }
  return { type: "text", options: [] };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Natural order: "Band 2" before "Band 10". */
export function sortOptions(options: readonly string[]): string[] {
  return [...options].sort(collator.compare);
}

/** Sorts names the way a researcher expects: P2 before P10, ignoring case. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}
