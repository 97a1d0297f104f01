import type { ReactNode } from "react";
import type { MemoLinkTarget } from "../../shared/memos/links";
import { useLive } from "../db/live";
import { describeLinkTarget } from "../db/memos";
import { useProject, useSession } from "../project/ProjectContext";
import { followTarget, targetHref } from "./targetLinks";

/** A margin: link in a memo: opens the source, code, coding, case or memo it names, inside the app. */
export function MemoLink({ target, children }: { target: MemoLinkTarget; children: ReactNode }) {
  const project = useProject();
  const session = useSession();
  const projectId = project.entry.id;
  const info = useLive(() => describeLinkTarget(project, target), [project, target.kind, target.id]);
  const label = children ?? info?.name ?? `${target.kind}`;
  if (info && !info.exists) {
    return (
      <span>
        <span className="line-through">{label}</span> <span className="text-slate-600 dark:text-slate-400">({info.name})</span>
      </span>
    );
  }
  const href = targetHref(projectId, target.kind, target.id, info?.sourceId ?? null, info?.range ?? null);
  if (!href) return <span>{label}</span>;
  return (
    <a
      href={href}
      onClick={() => followTarget(projectId, session, target.kind, target.id)}
      className="text-blue-800 underline underline-offset-2 hover:text-blue-950 dark:text-sky-300 dark:hover:text-sky-100"
    >
      {label}
    </a>
  );
}
