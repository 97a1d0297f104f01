import type { ReactNode } from "react";

export interface RecordColumn {
  name: string;
  /** Right-aligned, for numbers. */
  numeric?: boolean;
  /** Named for screen readers only, e.g. the column of buttons. */
  hidden?: boolean;
}

/** A list of records (backups, team members) as a table: a header row of column names, then RecordRows. */
export function RecordTable({
  columns,
  className,
  children,
}: {
  columns: readonly RecordColumn[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className ? `${className} w-full text-left` : "w-full text-left"}>
      <thead>
        <tr className="border-b border-slate-300 dark:border-slate-700">
          {columns.map((column) =>
            column.hidden ? (
              <th key={column.name} className="py-1">
                <span className="sr-only">{column.name}</span>
              </th>
            ) : (
              <th key={column.name} className={column.numeric ? "py-1 text-right font-medium" : "py-1 font-medium"}>
                {column.name}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

export function RecordRow({ children }: { children: ReactNode }) {
  return <tr className="border-b border-slate-200 dark:border-slate-800">{children}</tr>;
}
