import { useSyncExternalStore } from "react";

/** Hash routes keep working from app://margin/index.html and from the web host alike. */
export type ProjectView = "sources" | "cases" | "source" | "memos" | "retrieval" | "audit";

const SIMPLE_VIEWS = ["cases", "memos", "retrieval", "audit"] as const;

export type Route =
  | { name: "home" }
  | { name: "project"; projectId: string; view: ProjectView; sourceId: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(safeDecode);
  if (parts[0] !== "project" || !parts[1]) return { name: "home" };
  const projectId = parts[1];
  if (parts[2] === "source" && parts[3]) return { name: "project", projectId, view: "source", sourceId: parts[3] };
  const simple = SIMPLE_VIEWS.find((v) => v === parts[2]);
  if (simple) return { name: "project", projectId, view: simple, sourceId: null };
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
  if (route.view !== "sources" && route.view !== "source") return `${base}/${route.view}`;
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
