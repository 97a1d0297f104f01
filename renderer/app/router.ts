import { useSyncExternalStore } from "react";

/** Hash routes keep working from app://margin/index.html and from the web host alike. */
export type ProjectView = "sources" | "cases" | "source";

export type Route =
  | { name: "home" }
  | { name: "project"; projectId: string; view: ProjectView; sourceId: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(safeDecode);
  if (parts[0] !== "project" || !parts[1]) return { name: "home" };
  const projectId = parts[1];
  if (parts[2] === "source" && parts[3]) return { name: "project", projectId, view: "source", sourceId: parts[3] };
  if (parts[2] === "cases") return { name: "project", projectId, view: "cases", sourceId: null };
  return { name: "project", projectId, view: "sources", sourceId: null };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function routeHref(route: Route): string {
  if (route.name === "home") return "#/";
  const base = `#/project/${encodeURIComponent(route.projectId)}`;
  if (route.view === "source" && route.sourceId) return `${base}/source/${encodeURIComponent(route.sourceId)}`;
  if (route.view === "cases") return `${base}/cases`;
  return base;
}

export function sourceHref(projectId: string, sourceId: string): string {
  return routeHref({ name: "project", projectId, view: "source", sourceId });
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
