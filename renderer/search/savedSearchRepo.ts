/**
 * Saved searches, behind the calls the Search view needs: the project's journaled saved-search records
 * (renderer/db/savedSearches.ts), so saving, renaming and deleting are undoable, in the audit trail and
 * in bundles like any other record.
 */
import { nameKey } from "../../shared/coding/codeTree";
import type { SavedSearchId } from "../../shared/ids";
import { useLive } from "../db/live";
import type { OpenProject } from "../db/projects";
import { deleteSavedSearch as deleteRecord, listSavedSearches, renameSavedSearch as renameRecord, saveSearch } from "../db/savedSearches";
import type { SavedSearchFields } from "./searchState";

export interface SavedSearchRow extends SavedSearchFields {
  id: string;
}

/** The saved search with this name (names compare as code names do: case and spacing ignored). */
export function findSavedByName(rows: readonly SavedSearchRow[], name: string): SavedSearchRow | undefined {
  const key = nameKey(name);
  return rows.find((r) => nameKey(r.name) === key);
}

/** Saves the search; a saved search of the same name is replaced (the view asks first). */
export async function saveSavedSearch(project: OpenProject, fields: SavedSearchFields): Promise<void> {
  await saveSearch(project, fields);
}

export function renameSavedSearch(project: OpenProject, id: string, name: string): Promise<void> {
  return renameRecord(project, id as SavedSearchId, name);
}

export function deleteSavedSearch(project: OpenProject, id: string): Promise<void> {
  return deleteRecord(project, id as SavedSearchId);
}

/** The project's saved searches, by name; undefined while loading. */
export function useSavedSearches(project: OpenProject): SavedSearchRow[] | undefined {
  return useLive(
    async () =>
      (await listSavedSearches(project)).map((s) => ({
        id: s.id,
        name: s.name,
        query: s.query,
        regex: s.regex,
        matchCase: s.matchCase,
        wholeWords: s.wholeWords,
        scope: s.scope,
        notes: s.notes,
      })),
    [project],
  );
}
