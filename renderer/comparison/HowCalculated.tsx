/** The formulas and where they come from, so a researcher can report them (and check them). */
export function HowCalculated() {
  return (
    <details className="rounded border border-slate-300 px-3 py-2 text-sm dark:border-slate-700">
      <summary className="cursor-pointer font-semibold">How is this calculated?</summary>
      {/* Scrolls inside itself so opening the help never pushes the results out of view. */}
      <div
        tabIndex={0}
        role="region"
        aria-label="How coding comparison is calculated"
        className="mt-2 flex max-h-56 flex-col gap-2 overflow-auto text-slate-800 dark:text-slate-200"
      >
        <p>
          Margin compares coding character by character, as NVivo’s coding comparison query does. For each code in each source of N
          characters it counts the characters coded by both A and B (a), by A only (b), by B only (c) and by neither (d). When A or B is a
          group of coders, text counts as coded when anyone in the group coded it; overlapping codings count once.
        </p>
        <ul className="list-disc pl-5">
          <li>Agreement = (a + d) / N.</li>
          <li>
            Cohen’s kappa = (Po − Pe) / (1 − Pe), where Po = (a + d) / N and Pe = ((a + b)(a + c) + (c + d)(b + d)) / N², the agreement
            expected by chance. When both sides coded nothing (or everything) they agree completely and kappa is 1, as NVivo reports it.
          </li>
          <li>
            Overall agreement (the headline) pools the 2 × 2 table over every character of every code × source cell where A or B coded at
            least one character, and computes one kappa from it; alpha pools the same characters. Cells nobody coded are left out and
            counted under the figure: counting them as agreement would let two coders who never coded the same text look “almost perfect”.
          </li>
          <li>
            Averages over sources are weighted by source length, so a long transcript weighs more than a short note. By default they cover
            only the sources someone coded. NVivo reports a source where neither side coded a code as complete agreement (kappa 1); tick
            “Count sources neither side coded” to average those in too, for comparison with NVivo. “All codes” pools every code’s sources
            the same way.
          </li>
          <li>
            Krippendorff’s alpha (nominal) treats every coder separately: each character is a unit and each coder’s value is coded or not
            coded; alpha = 1 − Do/De from the coincidence matrix, pooled over all characters compared. It is “n/a” when nobody coded
            anything. Krippendorff advises relying on α ≥ 0.800 and drawing only tentative conclusions from 0.667 to 0.800. The table shows
            it per cell when more than two coders are compared.
          </li>
          <li>
            Kappa readings follow Landis &amp; Koch (1977): below 0 poor, up to 0.20 slight, 0.40 fair, 0.60 moderate, 0.80 substantial,
            above almost perfect.
          </li>
        </ul>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Sources: NVivo help, “Run a Coding Comparison query” (QSR International / Lumivero); J. Cohen (1960), “A coefficient of agreement
          for nominal scales”; K. Krippendorff (2004), Content Analysis: An Introduction to Its Methodology, 2nd ed., and (2011), “Computing
          Krippendorff’s Alpha-Reliability”; J. R. Landis and G. G. Koch (1977), Biometrics 33:159–174.
        </p>
      </div>
    </details>
  );
}
