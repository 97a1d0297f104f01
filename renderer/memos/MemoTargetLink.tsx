import type { MemoTargetInfo } from "../db/memos";
import { useProject, useSession } from "../project/ProjectContext";
import { followTarget, KIND_WORDS, targetHref } from "./targetLinks";

/** "Code: Workarounds / Shadow charting", with the name a link that opens it. */
export function MemoTargetLink({ target }: { target: MemoTargetInfo }) {
  const project = useProject();
  const session = useSession();
  const projectId = project.entry.id;
  if (target.kind === "project") return <span>Project memo</span>;
  const kind = KIND_WORDS[target.kind];
  if (target.name === null) {
    return (
      <span>
        {kind}: <span className="italic">deleted</span>
      </span>
    );
  }
  const href = targetHref(projectId, target.kind, target.id, target.sourceId);
  return (
    <span className="min-w-0 truncate">
      {kind}:{" "}
      {href ? (
        <a
          href={href}
          onClick={() => followTarget(projectId, session, target.kind, target.id)}
          className="text-blue-800 underline-offset-2 hover:underline dark:text-sky-300"
        >
          {target.name}
        </a>
      ) : (
        target.name
      )}
    </span>
  );
}
