import type { PooledAgreement } from "../../shared/agreement";
import { coverageLine, formatAlpha, KappaValue } from "./format";

/**
 * The headline: kappa and alpha pooled over the characters of the cells someone coded, with what it
 * covers written under it. Cells nobody coded are never in it, whatever the table's averages do, so
 * two coders who never coded the same text cannot read "almost perfect" here.
 */
export function OverallAgreement({
  pooled,
  countUncoded,
  observers,
}: {
  pooled: PooledAgreement;
  countUncoded: boolean;
  observers: number;
}) {
  return (
    <section aria-label="Overall agreement" className="shrink-0 rounded border border-slate-300 px-3 py-2 text-sm dark:border-slate-700">
      <h3 className="font-semibold">Overall agreement (pooled over coded text)</h3>
      {pooled.kappa === null ? (
        <p>Neither A nor B coded these codes in these sources, so there is no agreement to measure.</p>
      ) : (
        <>
          <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <span>
              Kappa <KappaValue kappa={pooled.kappa} />
            </span>
            <span className="tabular-nums">
              Krippendorff’s alpha {formatAlpha(pooled.alpha)}
              {observers > 2 && (
                <span className="text-xs text-slate-600 dark:text-slate-400"> (each of the {observers} coders separately)</span>
              )}
            </span>
          </p>
          <p className="text-slate-700 dark:text-slate-300">{coverageLine(pooled)}</p>
          {countUncoded && pooled.uncodedCells > 0 && (
            <p className="text-xs text-slate-700 dark:text-slate-300">
              The averages below count those cells as complete agreement (kappa 1), as NVivo does, so they read higher than this figure.
            </p>
          )}
        </>
      )}
    </section>
  );
}
