import { useState, type ReactNode } from "react";
import type { ProjectView } from "../app/router";
import { Button } from "../ui/Button";

/** Which panels a view shows; remembered per view, so hiding the code panel in Reports leaves it in a source. */
interface Panels {
  navigator: boolean;
  side: boolean;
}

/** Views where the codes are worked with show the code panel at first; the others give its room to the view. */
const SIDE_AT_FIRST: ReadonlySet<ProjectView> = new Set(["source", "sources", "retrieval", "memos"]);

/** Coding comparison needs the width for its table of figures beside its form: the navigator folds at first. */
const NAVIGATOR_FOLDED_AT_FIRST: ReadonlySet<ProjectView> = new Set(["comparison"]);

const storageKey = (view: ProjectView) => `margin:panels:${view}`;

export function readPanels(view: ProjectView): Panels {
  const fallback = { navigator: !NAVIGATOR_FOLDED_AT_FIRST.has(view), side: SIDE_AT_FIRST.has(view) };
  try {
    const raw = window.localStorage.getItem(storageKey(view));
    if (!raw) return fallback;
    const parsed = JSON.parse(raw) as Partial<Panels>;
    return {
      navigator: typeof parsed.navigator === "boolean" ? parsed.navigator : fallback.navigator,
      side: typeof parsed.side === "boolean" ? parsed.side : fallback.side,
    };
  } catch {
    return fallback;
  }
}

function usePanels(view: ProjectView): [Panels, (patch: Partial<Panels>) => void] {
  const [state, setState] = useState<{ view: ProjectView; panels: Panels }>(() => ({ view, panels: readPanels(view) }));
  // A new view reads its own remembered panels (state reset during render, not in an effect).
  const current = state.view === view ? state.panels : readPanels(view);
  if (state.view !== view) setState({ view, panels: current });
  const update = (patch: Partial<Panels>) => {
    const panels = { ...current, ...patch };
    setState({ view, panels });
    try {
      window.localStorage.setItem(storageKey(view), JSON.stringify(panels));
    } catch {
      // Storage full or refused: the choice lasts for this visit only.
    }
  };
  return [current, update];
}

/**
 * The layout NVivo users know: navigator on the left, the document in the centre, codes and memos on
 * the right. Either panel can be folded away so a 1366 px laptop gives the working column the room.
 */
export function WorkspaceLayout({
  view,
  navigator,
  document,
  side,
}: {
  view: ProjectView;
  navigator: ReactNode;
  document: ReactNode;
  side: ReactNode;
}) {
  const [panels, setPanels] = usePanels(view);
  const columns = `${panels.navigator ? "minmax(12rem,16rem)" : "2.75rem"} minmax(0,1fr) ${panels.side ? "minmax(14rem,18rem)" : "2.75rem"}`;
  return (
    <div className="grid min-h-0 flex-1" style={{ gridTemplateColumns: columns }}>
      <nav
        aria-label="Project navigator"
        className="flex min-h-0 flex-col border-r border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900"
      >
        <PanelToggle
          open={panels.navigator}
          openAlign="justify-end"
          label={panels.navigator ? "Collapse navigator" : "Expand navigator"}
          arrow={panels.navigator ? "«" : "»"}
          onToggle={() => setPanels({ navigator: !panels.navigator })}
        />
        {panels.navigator && <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">{navigator}</div>}
      </nav>
      <main className="flex min-h-0 min-w-0 flex-col">{document}</main>
      <aside
        aria-label="Codes and memos"
        className="flex min-h-0 flex-col border-l border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900"
      >
        <PanelToggle
          open={panels.side}
          openAlign="justify-start"
          label={panels.side ? "Hide code panel" : "Show code panel"}
          arrow={panels.side ? "»" : "«"}
          onToggle={() => setPanels({ side: !panels.side })}
        />
        {panels.side && side}
      </aside>
    </div>
  );
}

/** The collapse/expand button at the top of a side panel; a collapsed panel keeps it centred in its strip. */
function PanelToggle({
  open,
  openAlign,
  label,
  arrow,
  onToggle,
}: {
  open: boolean;
  openAlign: "justify-start" | "justify-end";
  label: string;
  arrow: string;
  onToggle: () => void;
}) {
  return (
    <div className={`flex shrink-0 p-1 ${open ? openAlign : "justify-center"}`}>
      <Button variant="ghost" aria-expanded={open} aria-label={label} title={label} onClick={onToggle}>
        <span aria-hidden="true">{arrow}</span>
      </Button>
    </div>
  );
}
