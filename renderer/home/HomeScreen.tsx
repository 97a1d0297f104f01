import { useState } from "react";
import type { CoderProfile } from "../db/profile";
import {
  createProject,
  deleteProject,
  listDeletedProjects,
  listProjects,
  renameProject,
  restoreProject,
  type ProjectEntry,
} from "../db/projects";
import { useLive } from "../db/live";
import { navigate } from "../app/router";
import { Button } from "../ui/Button";
import { AppHeader } from "../ui/AppHeader";
import { DeleteProjectDialog, ProjectNameDialog } from "./ProjectDialogs";
import { OpenSampleProjectButton } from "../sample/OpenSampleProjectButton";
import { ImportRefiButton } from "../refi/ImportRefiButton";
import { ImportBundleAsProjectDialog } from "../exchange/ImportBundleDialog";
import { formatDate } from "../../shared/text/dates";

type Pending =
  { kind: "create" } | { kind: "import-bundle" } | { kind: "rename"; project: ProjectEntry } | { kind: "delete"; project: ProjectEntry };

export function HomeScreen({ profile, onOpenSettings }: { profile: CoderProfile; onOpenSettings: () => void }) {
  const projects = useLive(listProjects, []);
  const deleted = useLive(listDeletedProjects, []);
  const [pending, setPending] = useState<Pending | null>(null);

  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader profile={profile} onOpenSettings={onOpenSettings} />
      <main className="mx-auto w-full max-w-4xl flex-1 p-6">
        <div className="mb-4 flex items-center justify-between">
          <h1 className="text-xl font-semibold">Projects</h1>
          <div className="flex items-start gap-2">
            <OpenSampleProjectButton profile={profile} />
            <ImportRefiButton profile={profile} />
            <Button onClick={() => setPending({ kind: "import-bundle" })}>Import bundle…</Button>
            <Button variant="primary" onClick={() => setPending({ kind: "create" })}>
              New project
            </Button>
          </div>
        </div>
        {projects === undefined ? (
          <p className="text-slate-500">Loading projects…</p>
        ) : projects.length === 0 ? (
          <section aria-label="No projects yet" className="rounded-lg border border-dashed border-slate-400 p-8 text-center">
            <p className="font-medium">No projects yet.</p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              Create a project for your study, then import its transcripts — or open the sample project to see a coded study first.
            </p>
          </section>
        ) : (
          <table className="w-full border-collapse text-left text-sm" aria-label="Projects">
            <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Name
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Sources
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Last opened
                </th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) => (
                <tr key={project.id} className="border-b border-slate-200 dark:border-slate-800">
                  <td className="py-2 pr-3">
                    <a
                      href={`#/project/${project.id}`}
                      className="font-medium text-blue-800 underline-offset-2 hover:underline dark:text-sky-300"
                    >
                      {project.name}
                    </a>
                  </td>
                  <td className="py-2 pr-3 tabular-nums">{project.sourceCount}</td>
                  <td className="py-2 pr-3">{project.lastOpenedAt ? formatDate(project.lastOpenedAt, "dateTime") : "Never"}</td>
                  <td className="py-2 text-right">
                    <Button variant="ghost" aria-label={`Rename ${project.name}`} onClick={() => setPending({ kind: "rename", project })}>
                      Rename
                    </Button>
                    <Button variant="ghost" aria-label={`Delete ${project.name}`} onClick={() => setPending({ kind: "delete", project })}>
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {deleted && deleted.length > 0 && (
          <details className="mt-8">
            <summary className="cursor-pointer text-sm font-medium">Deleted projects ({deleted.length})</summary>
            <ul className="mt-2 flex flex-col gap-1">
              {deleted.map((project) => (
                <li key={project.id} className="flex items-center justify-between text-sm">
                  <span>{project.name}</span>
                  <Button variant="ghost" aria-label={`Restore ${project.name}`} onClick={() => void restoreProject(project.id)}>
                    Restore
                  </Button>
                </li>
              ))}
            </ul>
          </details>
        )}
      </main>
      {pending?.kind === "create" && (
        <ProjectNameDialog
          title="New project"
          submitLabel="Create project"
          initialName=""
          onClose={() => setPending(null)}
          onSubmit={async (name) => {
            const project = await createProject(name, profile);
            navigate({ name: "project", projectId: project.id, view: "sources", sourceId: null });
          }}
        />
      )}
      <ImportBundleAsProjectDialog open={pending?.kind === "import-bundle"} onClose={() => setPending(null)} />
      {pending?.kind === "rename" && (
        <ProjectNameDialog
          title={`Rename “${pending.project.name}”`}
          submitLabel="Rename"
          initialName={pending.project.name}
          onClose={() => setPending(null)}
          onSubmit={(name) => renameProject(pending.project.id, name)}
        />
      )}
      {pending?.kind === "delete" && (
        <DeleteProjectDialog
          projectName={pending.project.name}
          onClose={() => setPending(null)}
          onConfirm={() => deleteProject(pending.project.id)}
        />
      )}
    </div>
  );
}
