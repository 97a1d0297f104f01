import type { ReactNode } from "react";
import type { ImportPlan } from "../../shared/cases/plan";

/** One titled list of findings, scrollable (and reachable by keyboard) when long. */
function Findings({ title, count, children, open = true }: { title: string; count: number; children: ReactNode; open?: boolean }) {
  if (count === 0) return null;
  const label = `${title} (${count})`;
  return (
    <details open={open} className="mt-3">
      <summary className="cursor-pointer font-semibold">{label}</summary>
      <ul
        aria-label={label}
        tabIndex={0}
        className="mt-1 max-h-40 overflow-auto rounded border border-slate-300 px-2 py-1 dark:border-slate-700"
      >
        {children}
      </ul>
    </details>
  );
}

const quote = (text: string) => `“${text}”`;

/** What the preview reports by line number: rows with no source, rows left out, values that do not fit. */
export function ImportFindings({ plan }: { plan: ImportPlan }) {
  return (
    <>
      <Findings title="Unmatched rows" count={plan.unmatchedRows.length}>
        {plan.unmatchedRows.map((r) => (
          <li key={r.line}>
            Line {r.line}: {r.value ? `${quote(r.value)} ${r.reason}` : r.reason}. Its case is still added, without a source.
          </li>
        ))}
      </Findings>
      <Findings title="Rows left out" count={plan.skippedRows.length + plan.unreadableRows.length}>
        {plan.unreadableRows.map((p) => (
          <li key={`u${p.line}`}>{p.message} It was left out.</li>
        ))}
        {plan.skippedRows.map((r) => (
          <li key={`s${r.line}`}>
            Line {r.line} {r.reason}.
          </li>
        ))}
      </Findings>
      <Findings title="Values that will not be set" count={plan.invalidValues.length}>
        {plan.invalidValues.map((v) => (
          <li key={`${v.line}:${v.column}`}>
            Line {v.line}, {v.column}: {v.message}
          </li>
        ))}
      </Findings>
      <Findings title="Sources with no row in the file" count={plan.sourcesWithoutRow.length} open={false}>
        {plan.sourcesWithoutRow.map((s) => (
          <li key={s.id}>{s.name}</li>
        ))}
      </Findings>
    </>
  );
}
