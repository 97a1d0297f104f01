import { plural } from "../../shared/text/plural";
import type { Summary } from "../../shared/agreement";
import type { CodeSummary } from "./computeComparison";
import { formatAlpha, formatPercent, formatShare, KappaValue, SHARE_PARTS } from "./format";

const TH = "border-b border-slate-300 px-2 py-1 text-left font-semibold dark:border-slate-700";
const COLUMNS = ["Code", "Sources coded", "Agreement", "Kappa", "A only", "B only", "A and B", "Neither"] as const;
const TD = "border-b border-slate-200 px-2 py-1 tabular-nums dark:border-slate-800";

function Cells({ s, showAlpha }: { s: Summary; showAlpha: boolean }) {
  // No cells to average: saying "kappa 1" here would call a code nobody used perfect agreement.
  if (s.cells === 0) {
    return (
      <td className={`${TD} text-slate-700 dark:text-slate-300`} colSpan={showAlpha ? 7 : 6}>
        Neither A nor B coded it: nothing to compare
      </td>
    );
  }
  return (
    <>
      <td className={TD}>{formatPercent(s.agreement)}</td>
      <td className={TD}>
        <KappaValue kappa={s.kappa} />
      </td>
      {SHARE_PARTS.map((part) => (
        <td key={part} className={TD}>
          {formatShare(s.counts[part], s.length)}
        </td>
      ))}
      {showAlpha && <td className={TD}>{formatAlpha(s.alpha)}</td>}
    </>
  );
}

/** One row per compared code (averaged over sources, weighted by length) and one for all codes. */
export function CodeSummaryTable({
  byCode,
  overall,
  countUncoded,
  showAlpha,
  codeLabel,
}: {
  byCode: readonly CodeSummary[];
  overall: Summary;
  /** Cells nobody coded count in the averages as kappa 1 (NVivo's way); otherwise only coded sources do. */
  countUncoded: boolean;
  showAlpha: boolean;
  codeLabel: (id: string) => string;
}) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="px-2 py-1 text-left text-sm font-semibold">
        Agreement by code (averages over {countUncoded ? "all sources, those nobody coded as kappa 1" : "the sources someone coded"},
        weighted by source length)
      </caption>
      <thead>
        <tr>
          {COLUMNS.map((name) => (
            <th key={name} scope="col" className={TH}>
              {name}
            </th>
          ))}
          {showAlpha && (
            <th scope="col" className={TH}>
              Alpha
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {byCode.map((s) => (
          <tr key={s.codeId}>
            <th scope="row" className={`${TD} text-left font-normal`}>
              {codeLabel(s.codeId)}
            </th>
            <td className={TD}>
              {s.scopeSources - s.uncodedSources} of {s.scopeSources}
            </td>
            <Cells s={s} showAlpha={showAlpha} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="font-semibold">
          <th scope="row" className={`${TD} text-left`}>
            All codes
          </th>
          <td className={TD}>{plural(byCode.length, "code")}</td>
          <Cells s={overall} showAlpha={showAlpha} />
        </tr>
      </tfoot>
    </table>
  );
}
