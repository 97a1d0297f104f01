/** The name a project's bundle is offered under: "<project name> <yyyy-mm-dd>.margin", safe on every OS. */
export function bundleFileName(projectName: string, now: Date): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
  const safe = projectName.replace(/[<>:"/\\|?*\u0000-\u001f]/g, "").replace(/\s+/g, " ").trim().slice(0, 80) || "project";
  return `${safe} ${now.toISOString().slice(0, 10)}.margin`;
}
