import { kappaBand, type KappaBand, type PooledAgreement } from "../../shared/agreement";
import { plural } from "../../shared/text/plural";

export function formatPercent(value: number): string {
  return `${(100 * value).toFixed(2)}%`;
}

export function formatShare(part: number, length: number): string {
  return formatPercent(length === 0 ? 0 : part / length);
}

/** The four ways a character can be coded by A and B, in the order the comparison tables show them. */
export const SHARE_PARTS = ["aOnly", "bOnly", "both", "neither"] as const;

export function formatKappa(value: number): string {
  return value.toFixed(4);
}

export function formatAlpha(value: number | null): string {
  return value === null ? "n/a" : value.toFixed(4);
}

/** Colour per Landis & Koch band; the band's name is always written beside it. */
const BAND_STYLE: Record<KappaBand, string> = {
  poor: "bg-red-100 text-red-900 border-red-300 dark:bg-red-950 dark:text-red-100 dark:border-red-800",
  slight: "bg-orange-100 text-orange-900 border-orange-300 dark:bg-orange-950 dark:text-orange-100 dark:border-orange-800",
  fair: "bg-amber-100 text-amber-900 border-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:border-amber-800",
  moderate: "bg-yellow-50 text-yellow-900 border-yellow-300 dark:bg-yellow-950 dark:text-yellow-100 dark:border-yellow-800",
  substantial: "bg-lime-100 text-lime-900 border-lime-300 dark:bg-lime-950 dark:text-lime-100 dark:border-lime-800",
  "almost perfect": "bg-green-100 text-green-900 border-green-300 dark:bg-green-950 dark:text-green-100 dark:border-green-800",
};

export function KappaValue({ kappa }: { kappa: number }) {
  const band = kappaBand(kappa);
  return (
    <span className={`inline-flex items-baseline gap-1.5 rounded border px-1.5 py-0.5 tabular-nums ${BAND_STYLE[band]}`}>
      <span>{formatKappa(kappa)}</span>
      <span className="text-xs">{band}</span>
    </span>
  );
}

/** What the pooled headline covers, in a plain sentence (the cells it leaves out included). */
export function coverageLine(pooled: PooledAgreement): string {
  const covered = `Over ${plural(pooled.codes, "code", "codes")} and ${plural(pooled.sources, "source", "sources")} that at least one coder coded (${plural(pooled.codedCells, "code × source cell", "code × source cells")}, ${plural(pooled.length, "character", "characters")})`;
  const left =
    pooled.uncodedCells === 0
      ? "every code × source cell compared was coded by someone."
      : `${plural(pooled.uncodedCells, "code × source cell", "code × source cells")} nobody coded ${pooled.uncodedCells === 1 ? "is" : "are"} left out.`;
  return `${covered}; ${left}`;
}
