import type { ReactNode } from "react";

/** The layout NVivo users know: navigator on the left, the document in the centre, codes and memos on the right. */
export function WorkspaceLayout({ navigator, document, side }: { navigator: ReactNode; document: ReactNode; side: ReactNode }) {
  return (
    <div className="grid min-h-0 flex-1 grid-cols-[minmax(16rem,22rem)_minmax(0,1fr)_minmax(14rem,20rem)]">
      <nav aria-label="Project navigator" className="flex min-h-0 flex-col border-r border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900">
        {navigator}
      </nav>
      <main className="flex min-h-0 flex-col">{document}</main>
      <aside aria-label="Codes and memos" className="flex min-h-0 flex-col border-l border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900">
        {side}
      </aside>
    </div>
  );
}
