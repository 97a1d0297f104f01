import { useSyncExternalStore } from "react";

/** Hash routes keep working from app://margin/index.html and from the web host alike. */
export type ProjectView =
  "sources" | "cases" | "source" | "memos" | "retrieval" | "comparison" | "audit" | "reports" | "search" | "speakers" | "words";

const SIMPLE_VIEWS = ["cases", "memos", "retrieval", "comparison", "audit", "reports", "search", "speakers", "words"] as const;

/** A place in a source's text to show and select on opening (retrieval "Open in source", memo links). */
export interface TextAnchor {
  start: number;
  end: number;
}

export type Route =
  | { name: "home" }
  | {
      name: "project";
      projectId: string;
      view: ProjectView;
      sourceId: string | null;
      at?: TextAnchor | null;
      /** The Search view's query to run on opening (word frequency's "search this word"). */
      query?: string | null;
    };

export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const parts = path.split("/").filter(Boolean).map(safeDecode);
  if (parts[0] !== "project" || !parts[1]) return { name: "home" };
  const projectId = parts[1];
  if (parts[2] === "source" && parts[3]) return { name: "project", projectId, view: "source", sourceId: parts[3], at: parseAnchor(query) };
  const simple = SIMPLE_VIEWS.find((v) => v === parts[2]);
  if (simple === "search") return { name: "project", projectId, view: simple, sourceId: null, query: parseQueryParam(query) };
  if (simple) return { name: "project", projectId, view: simple, sourceId: null };
  return { name: "project", projectId, view: "sources", sourceId: null };
}

function parseAnchor(query: string): TextAnchor | null {
  const match = /(?:^|&)at=(\d+)-(\d+)(?:&|$)/.exec(query);
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start <= end ? { start, end } : null;
}

function parseQueryParam(query: string): string | null {
  const value = new URLSearchParams(query).get("q");
  return value === null || value === "" ? null : value;
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
  if (route.view === "source" && route.sourceId) {
    const at = route.at ? `?at=${route.at.start}-${route.at.end}` : "";
    return `${base}/source/${encodeURIComponent(route.sourceId)}${at}`;
  }
  if (route.view === "search" && route.query) return `${base}/search?${new URLSearchParams({ q: route.query }).toString()}`;
  if (route.view !== "sources" && route.view !== "source") return `${base}/${route.view}`;
  return base;
}

export function sourceHref(projectId: string, sourceId: string, at?: TextAnchor): string {
  return routeHref({ name: "project", projectId, view: "source", sourceId, at: at ?? null });
}

/** The Search view, optionally running `query` on opening. */
export function searchHref(projectId: string, query?: string): string {
  return routeHref({ name: "project", projectId, view: "search", sourceId: null, query: query ?? null });
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
