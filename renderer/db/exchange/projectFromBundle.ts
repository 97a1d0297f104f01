/** A project made from a bundle or a backup: its records written verbatim into a new, empty project. */
import { BundleError, type OpenedBundle } from "../../../shared/bundle";
import { newId } from "../../../shared/ids";
import { STAMPED_TABLES } from "../../../shared/merge";
import { checkAgainstProject, describeProblems } from "../../../shared/model/checkTables";
import { isLive } from "../../../shared/model/live";
import type { RecordMeta } from "../../../shared/model/records";
import { emptyProjectTables, type ProjectTables } from "../../../shared/model/tables";
import { writeChanges } from "../changes";
import { createProject, getProject, MAX_PROJECT_NAME, openProject, setProjectSourceCount, type OpenProject } from "../projects";
import type { CoderProfile } from "../registry";
import { stampExchangeWithSender } from "./stamps";

/** Writes a bundle's records into an empty project verbatim (a project made from a bundle or a backup). */
export async function fillEmptyProject(project: OpenProject, tables: ProjectTables, label: string): Promise<void> {
  const { db, ctx } = project;
  let newest: string | null = null;
  for (const name of STAMPED_TABLES) for (const r of tables[name]) if (newest === null || r.updatedAt > newest) newest = r.updatedAt;
  if (newest) ctx.clock.receive(newest);
  await writeChanges(db, ctx, label, async (w) => {
    for (const name of STAMPED_TABLES) await w.putAllAsIs<RecordMeta>(name, tables[name]);
    if (tables.sourceContent.length > 0) await db.sourceContent.bulkPut(tables.sourceContent);
  });
}

/**
 * A new project on this computer from a bundle, keeping the bundle's project id so later bundles from the
 * team merge into it. Refused when that project is already here (merge into it instead).
 */
export async function createProjectFromBundle(opened: OpenedBundle, profile: CoderProfile, asCopy = false): Promise<string> {
  // Opened for merging, some transcripts or records were left out: a project made from it would lack them.
  if (opened.contentLeftOut.length > 0 || opened.recordsLeftOut)
    throw new Error("This bundle was opened to merge into a project, not to make a new one. Import it again from the home screen.");
  // A delta's references were not checked on read (they may point into a project): here there is none.
  const against = checkAgainstProject(emptyProjectTables(), opened.tables);
  if (against.total > 0)
    throw new BundleError(
      "invalid-records",
      `The bundle holds records that point at what it does not have, so no project was made from it: ${describeProblems(against)}.`,
    );
  const id = asCopy ? newId() : opened.manifest.projectId;
  if (!asCopy && (await getProject(id))) {
    throw new Error(`The project “${opened.manifest.projectName}” is already on this computer. Open it and import the bundle there.`);
  }
  const name = asCopy ? `${opened.manifest.projectName} (restored)` : opened.manifest.projectName;
  const entry = await createProject(name.slice(0, MAX_PROJECT_NAME), profile, new Date(), id);
  const project = await openProject(entry.id, profile);
  await fillEmptyProject(
    project,
    opened.tables,
    asCopy ? "Restored from backup" : `Created from bundle by ${opened.manifest.exporter.name || "a team member"}`,
  );
  await setProjectSourceCount(entry.id, opened.tables.sources.filter(isLive).length);
  if (!asCopy) await stampExchangeWithSender(project, opened);
  return entry.id;
}
