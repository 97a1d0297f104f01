import { describeError } from "../../shared/describeError";
import { useEffect, useState } from "react";
import type { CoderProfile } from "../db/profile";
import { backupBeforeUpgrade } from "../db/backups";
import { openProject, type OpenProject } from "../db/projects";
import { useHost } from "../host/HostContext";
import { AppHeader } from "../ui/AppHeader";
import { ProjectProvider } from "./ProjectContext";
import { UndoControls } from "./UndoControls";
import { ProjectScreen } from "./ProjectScreen";
import type { ProjectView, TextAnchor } from "../app/router";

/** Opens one project's database and lays out navigator | document | codes & memos. */
export function ProjectWorkspace({
  projectId,
  view,
  sourceId,
  at,
  profile,
  onOpenSettings,
}: {
  projectId: string;
  view: ProjectView;
  sourceId: string | null;
  at: TextAnchor | null;
  profile: CoderProfile;
  onOpenSettings: () => void;
}) {
  const [project, setProject] = useState<OpenProject | null>(null);
  const [error, setError] = useState<string | null>(null);
  const host = useHost();

  useEffect(() => {
    let live = true;
    // A schema upgrade rewrites the researcher's data: the on-disk version is backed up first.
    openProject(projectId, profile, { beforeUpgrade: backupBeforeUpgrade(profile, host) })
      .then((opened) => live && setProject(opened))
      .catch((e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [projectId, profile, host]);

  if (error) {
    return (
      <div className="flex min-h-screen flex-col">
        <AppHeader profile={profile} onOpenSettings={onOpenSettings} />
        <main className="p-8">
          <h1 className="text-lg font-semibold">This project could not be opened</h1>
          <p role="alert" className="mt-2">
            {error}
          </p>
          <a href="#/" className="mt-4 inline-block text-blue-800 underline dark:text-sky-300">
            Back to projects
          </a>
        </main>
      </div>
    );
  }
  if (!project) return <p className="p-8 text-slate-500">Opening project…</p>;
  return (
    <ProjectProvider value={project}>
      <div className="flex h-screen flex-col">
        <AppHeader profile={profile} onOpenSettings={onOpenSettings}>
          <span aria-hidden="true" className="text-slate-400">
            /
          </span>
          <h1 className="truncate text-sm font-medium">{project.entry.name}</h1>
          <div className="ml-auto">
            <UndoControls />
          </div>
        </AppHeader>
        <ProjectScreen view={view} sourceId={sourceId} at={at} />
      </div>
    </ProjectProvider>
  );
}
