import { createContext, useContext, useMemo, useRef, type ReactNode } from "react";
import type { OpenProject } from "../db/projects";
import { CodingSession } from "./codingSession";

const ProjectContext = createContext<OpenProject | null>(null);
const SessionContext = createContext<CodingSession | null>(null);

export function ProjectProvider({ value, children }: { value: OpenProject; children: ReactNode }) {
  const session = useRef<CodingSession | null>(null);
  session.current ??= new CodingSession();
  const project = useMemo(() => value, [value]);
  return (
    <ProjectContext.Provider value={project}>
      <SessionContext.Provider value={session.current}>{children}</SessionContext.Provider>
    </ProjectContext.Provider>
  );
}

/** The open project: pass it to repository functions in renderer/db. */
export function useProject(): OpenProject {
  const project = useContext(ProjectContext);
  if (!project) throw new Error("useProject outside a project");
  return project;
}

/** Selection, chosen code, recent codes and coding filters shared by the coding panels. */
export function useSession(): CodingSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a project");
  return session;
}
