import { BundleError } from "../../shared/bundle";
import { formatDate } from "../../shared/text/dates";

/** Any error as a sentence for the researcher (bundle errors already name the file). */
export function errorText(error: unknown): string {
  if (error instanceof BundleError) return error.message;
  if (error instanceof Error) return error.message.replace(/^\[[a-z-]+\] /, "");
  return String(error);
}

export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatDate(date, "dateTime");
}
