import { useSyncExternalStore } from "react";

/** Hash routes keep working from app://margin/index.html and from the web host alike. */
export type Route =
  | { name: "home" }
  | { name: "project"; projectId: string; sourceId: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "project" && parts[1]) {
    return { name: "project", projectId: parts[1], sourceId: parts[2] === "source" && parts[3] ? parts[3] : null };
  }
  return { name: "home" };
}

export function routeHref(route: Route): string {
  if (route.name === "home") return "#/";
  const base = `#/project/${encodeURIComponent(route.projectId)}`;
  return route.sourceId ? `${base}/source/${encodeURIComponent(route.sourceId)}` : base;
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
