/**
 * Saved searches, behind the four calls the Search view needs. Until the project database has its
 * saved-search table (schema v2), they are kept in this browser's localStorage per project; wiring
 * them to the journaled records is this one file.
 */
import { useSyncExternalStore } from "react";
import type { OpenProject } from "../db/projects";
import type { SavedSearchFields } from "./searchState";

export interface SavedSearchRow extends SavedSearchFields {
  id: string;
}

const listeners = new Set<() => void>();
const cache = new Map<string, SavedSearchRow[]>();
const keyOf = (project: OpenProject) => `margin:saved-searches:${project.entry.id}`;

function read(project: OpenProject): SavedSearchRow[] {
  const key = keyOf(project);
  const cached = cache.get(key);
  if (cached) return cached;
  let rows: SavedSearchRow[] = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
    if (Array.isArray(parsed)) rows = parsed as SavedSearchRow[];
  } catch {
    rows = [];
  }
  cache.set(key, rows);
  return rows;
}

function write(project: OpenProject, rows: SavedSearchRow[]): void {
  const sorted = [...rows].sort((a, b) => a.name.localeCompare(b.name, "en-GB", { sensitivity: "base", numeric: true }));
  localStorage.setItem(keyOf(project), JSON.stringify(sorted));
  cache.set(keyOf(project), sorted);
  for (const listener of listeners) listener();
}

const sameName = (a: string, b: string) => a.trim().localeCompare(b.trim(), "en-GB", { sensitivity: "base" }) === 0;

export function findSavedByName(rows: readonly SavedSearchRow[], name: string): SavedSearchRow | undefined {
  return rows.find((r) => sameName(r.name, name));
}

/** Saves the search; a saved search of the same name is replaced (the view asks first). */
export async function saveSavedSearch(project: OpenProject, fields: SavedSearchFields): Promise<void> {
  if (fields.name.trim() === "") throw new Error("Give the search a name.");
  const rows = read(project);
  const same = findSavedByName(rows, fields.name);
  const row: SavedSearchRow = { ...fields, id: same?.id ?? crypto.randomUUID() };
  write(project, [...rows.filter((r) => r !== same), row]);
  return Promise.resolve();
}

export async function renameSavedSearch(project: OpenProject, id: string, name: string): Promise<void> {
  const rows = read(project);
  if (name.trim() === "") throw new Error("Give the search a name.");
  const other = findSavedByName(rows, name);
  if (other && other.id !== id) throw new Error(`There is already a saved search called “${name.trim()}”.`);
  write(
    project,
    rows.map((r) => (r.id === id ? { ...r, name: name.trim() } : r)),
  );
  return Promise.resolve();
}

export async function deleteSavedSearch(project: OpenProject, id: string): Promise<void> {
  write(
    project,
    read(project).filter((r) => r.id !== id),
  );
  return Promise.resolve();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The project's saved searches, by name; undefined while loading. */
export function useSavedSearches(project: OpenProject): SavedSearchRow[] | undefined {
  return useSyncExternalStore(subscribe, () => read(project));
}
