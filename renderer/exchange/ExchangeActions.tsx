import { useEffect, useState } from "react";
import { autoBackupIfDue } from "../db/backups";
import { listCoders } from "../db/codings";
import { useLive } from "../db/live";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { BackupsDialog } from "./BackupsDialog";
import { ExportBundleDialog } from "./ExportBundleDialog";
import { ImportBundleDialog } from "./ImportBundleDialog";
import { TeamDialog } from "./TeamDialog";
import { useMyKey } from "./useMyKey";

type Open = "team" | "export" | "import" | "backups" | null;

/** How often to look at the journal for an automatic backup; the backup itself waits for idle time. */
const CHECK_EVERY_MS = 60_000;

/** The project's team-exchange commands (navigator), and the automatic backup. */
export function ExchangeActions() {
  const [open, setOpen] = useState<Open>(null);
  const host = useHost();
  const project = useProject();
  // Make this coder's key on opening a project (first need), so it is ready before anyone asks for it.
  useMyKey();
  useAutoBackup();
  // The desktop File menu's Export… (Ctrl+E) exports a bundle of the open project.
  useEffect(() => host.onMenuCommand((command) => command === "export" && setOpen("export")), [host]);
  const item = (target: Exclude<Open, null>, label: string) => (
    <li>
      <button
        type="button"
        onClick={() => setOpen(target)}
        className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        {label}
      </button>
    </li>
  );
  return (
    <section aria-labelledby="team-exchange-heading" className="border-t border-slate-200 p-2 dark:border-slate-800">
      <h2 id="team-exchange-heading" className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
        Team exchange
      </h2>
      <ul className="flex flex-col gap-0.5">
        {item("team", "Team…")}
        {item("export", "Export bundle…")}
        {item("import", "Import bundle…")}
        {item("backups", "Backups…")}
      </ul>
      <TeamDialog open={open === "team"} onClose={() => setOpen(null)} project={project} />
      <ExportBundleDialog open={open === "export"} onClose={() => setOpen(null)} onOpenTeam={() => setOpen("team")} />
      <ImportBundleDialog open={open === "import"} onClose={() => setOpen(null)} />
      <BackupsDialog open={open === "backups"} onClose={() => setOpen(null)} />
    </section>
  );
}

function useAutoBackup(): void {
  const project = useProject();
  const host = useHost();
  const coders = useLive(() => listCoders(project), [project]);
  const myName = coders?.find((c) => c.id === project.ctx.coderId)?.name ?? "";
  useEffect(() => {
    let running = false;
    const check = () => {
      if (running) return;
      running = true;
      const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 1000));
      idle(() => {
        autoBackupIfDue(project, host, myName)
          .catch((e: unknown) => console.warn("Automatic backup failed", e))
          .finally(() => {
            running = false;
          });
      });
    };
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [project, host, myName]);
}
