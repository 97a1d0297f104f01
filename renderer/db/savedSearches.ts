/**
 * Saved searches (issue 16 item 2): a search kept by name so it can be run again. One record per name
 * (names compare as code names do, nameKey): saving under a name in use updates that search.
 */
import { nameKey } from "../../shared/coding/codeTree";
import type { SavedSearchId } from "../../shared/ids";
import { isLive, type Live } from "../../shared/model/live";
import type { SavedSearchRecord } from "../../shared/model/records";
import { cleanName } from "../../shared/text/names";
import { writeChanges } from "./changes";
import type { OpenProject } from "./projects";

export const MAX_SEARCH_NAME = 200;

/** What a saved search holds besides its record metadata. */
export type SavedSearchFields = Omit<SavedSearchRecord, "id" | "createdAt" | "updatedAt" | "updatedBy" | "deleted">;

function cleanSearchName(name: string): string {
  const clean = cleanName(name);
  if (!clean) throw new Error("A saved search needs a name.");
  if (clean.length > MAX_SEARCH_NAME) throw new Error(`Keep the name of a saved search under ${MAX_SEARCH_NAME} characters.`);
  return clean;
}

/** Live saved searches, by name. */
export async function listSavedSearches(project: OpenProject): Promise<Live<SavedSearchRecord>[]> {
  return (await project.db.savedSearches.toArray()).filter(isLive).sort((a, b) => a.name.localeCompare(b.name));
}

async function liveWithName(project: OpenProject, name: string, exceptId: string | null): Promise<Live<SavedSearchRecord> | undefined> {
  const key = nameKey(name);
  return (await listSavedSearches(project)).find((s) => s.id !== exceptId && nameKey(s.name) === key);
}

/**
 * Saves a search under its name: a live search of the same name is updated (the newest-stamped one
 * when replicas made two), otherwise a new one is made. One undo step.
 */
export async function saveSearch(project: OpenProject, search: SavedSearchFields): Promise<SavedSearchRecord> {
  const name = cleanSearchName(search.name);
  // A plain-JSON copy: the scope is stored as given, without any extra object the caller holds.
  const fields: SavedSearchFields = {
    name,
    query: search.query,
    regex: search.regex,
    matchCase: search.matchCase,
    wholeWords: search.wholeWords,
    scope: JSON.parse(JSON.stringify(search.scope)) as SavedSearchFields["scope"],
    notes: { memos: search.notes.memos, annotations: search.notes.annotations },
  };
  return writeChanges(project.db, project.ctx, `Saved search “${name}”`, async (w) => {
    const same = (await listSavedSearches(project))
      .filter((s) => nameKey(s.name) === nameKey(name))
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
    if (same) return w.update<SavedSearchRecord>("savedSearches", same.id, fields);
    return w.create<SavedSearchRecord>("savedSearches", fields);
  });
}

export async function renameSavedSearch(project: OpenProject, id: SavedSearchId, name: string): Promise<void> {
  const clean = cleanSearchName(name);
  await writeChanges(project.db, project.ctx, `Renamed saved search “${clean}”`, async (w) => {
    const current = await project.db.savedSearches.get(id);
    if (!current || current.deleted) throw new Error("That saved search no longer exists.");
    if (current.name === clean) return;
    const clash = await liveWithName(project, clean, id);
    if (clash) throw new Error(`There is already a saved search called “${clash.name}”.`);
    await w.update<SavedSearchRecord>("savedSearches", id, { name: clean });
  });
}

/** Deletes (tombstones) a saved search; undo brings it back. */
export async function deleteSavedSearch(project: OpenProject, id: SavedSearchId): Promise<void> {
  const current = await project.db.savedSearches.get(id);
  if (!current || current.deleted) throw new Error("That saved search no longer exists.");
  await writeChanges(project.db, project.ctx, `Deleted saved search “${current.name}”`, (w) =>
    w.remove<SavedSearchRecord>("savedSearches", id),
  );
}
