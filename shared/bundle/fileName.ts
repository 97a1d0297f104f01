import { safeFileName } from "../text/fileName";

/** The name a project's bundle is offered under: "<project name> <yyyy-mm-dd>.margin", safe on every OS. */
export function bundleFileName(projectName: string, now: Date): string {
  return `${safeFileName(projectName, "project")} ${now.toISOString().slice(0, 10)}.margin`;
}
