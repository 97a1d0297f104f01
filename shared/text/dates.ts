/**
 * Dates as Margin writes them: one place, one locale. en-GB by default ("7 Dec 2026",
 * "7 Dec 2026, 17:40"), so a team sees the same dates on every screen and in every export.
 */
export const DATE_LOCALE = "en-GB";

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, style: "date" | "dateTime" | "dateTimeSeconds"): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      style === "date" ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: style === "dateTime" ? "short" : "medium" },
    );
    formats.set(key, f);
  }
  return f;
}

/** "7 Dec 2026" (or with the time: "7 Dec 2026, 17:40"); an unreadable date is returned as given. */
export function formatDate(
  when: Date | string | number,
  style: "date" | "dateTime" | "dateTimeSeconds" = "date",
  locale = DATE_LOCALE,
): string {
  const date = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(date.getTime())) return String(when);
  return format(locale, style).format(date);
}

/** A UK day-first date ("07/12/2026", "7.12.2026", "7-12-2026") as yyyy-mm-dd, or null. */
export function ukDateToIso(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
  const [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? iso : null;
}
