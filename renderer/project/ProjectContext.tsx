import { createContext, useContext } from "react";
import type { OpenProject } from "../db/projects";

const ProjectContext = createContext<OpenProject | null>(null);

export const ProjectProvider = ProjectContext.Provider;

/** The open project: pass it to repository functions in renderer/db. */
export function useProject(): OpenProject {
  const project = useContext(ProjectContext);
  if (!project) throw new Error("useProject outside a project");
  return project;
}
