/** The formulas and where they come from, so a researcher can report them (and check them). */
export function HowCalculated() {
  return (
    <details className="rounded border border-slate-300 px-3 py-2 text-sm dark:border-slate-700">
      <summary className="cursor-pointer font-semibold">How is this calculated?</summary>
      {/* Scrolls inside itself so opening the help never pushes the results out of view. */}
      <div tabIndex={0} role="region" aria-label="How coding comparison is calculated" className="mt-2 flex max-h-56 flex-col gap-2 overflow-auto text-slate-800 dark:text-slate-200">
        <p>
          Margin compares coding character by character, as NVivo’s coding comparison query does. For each code in each source of N characters it counts
          the characters coded by both A and B (a), by A only (b), by B only (c) and by neither (d). When A or B is a group of coders, text counts as coded
          when anyone in the group coded it; overlapping codings count once.
        </p>
        <ul className="list-disc pl-5">
          <li>Agreement = (a + d) / N.</li>
          <li>
            Cohen’s kappa = (Po − Pe) / (1 − Pe), where Po = (a + d) / N and Pe = ((a + b)(a + c) + (c + d)(b + d)) / N², the agreement expected by chance.
            When both sides coded nothing (or everything) they agree completely and kappa is 1, as NVivo reports it.
          </li>
          <li>
            Averages over sources are weighted by source length, so a long transcript weighs more than a short note. A source where neither side coded
            a code is complete agreement (kappa 1) and by default counts in its average, which can make a rarely used code look better than it is: untick “Count sources neither side coded”
            to average only over the sources someone coded. “All codes” pools every code’s sources the same way.
          </li>
          <li>
            With more than two coders, Krippendorff’s alpha (nominal) treats every coder separately: each character is a unit and each coder’s value is coded
            or not coded; alpha = 1 − Do/De from the coincidence matrix, pooled over all characters compared. It is “n/a” when nobody coded anything.
          </li>
          <li>Kappa readings follow Landis &amp; Koch (1977): below 0 poor, up to 0.20 slight, 0.40 fair, 0.60 moderate, 0.80 substantial, above almost perfect.</li>
        </ul>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Sources: NVivo help, “Run a Coding Comparison query” (QSR International / Lumivero); J. Cohen (1960), “A coefficient of agreement for nominal
          scales”; K. Krippendorff (2011), “Computing Krippendorff’s Alpha-Reliability”; J. R. Landis and G. G. Koch (1977), Biometrics 33:159–174.
        </p>
      </div>
    </details>
  );
}
