import { newId } from "../../shared/ids";
import type { CoderRecord } from "../../shared/model/records";
import { openWriteContext, writeChanges, type WriteContext } from "./changes";
import { closeProjectDatabase, projectDatabase, type ProjectDatabase } from "./projectDb";
import { History } from "./history";
import { registryDatabase, type CoderProfile, type ProjectEntry } from "./registry";

export type { ProjectEntry };

export const MAX_PROJECT_NAME = 120;

export function cleanProjectName(name: string): string {
  const trimmed = name.replace(/\s+/g, " ").trim();
  if (!trimmed) throw new Error("A project needs a name.");
  if (trimmed.length > MAX_PROJECT_NAME) throw new Error(`Keep the project name under ${MAX_PROJECT_NAME} characters.`);
  return trimmed;
}

/** Live projects, most recently opened first. */
export async function listProjects(): Promise<ProjectEntry[]> {
  const all = await registryDatabase().projects.toArray();
  return all
    .filter((p) => p.deletedAt === null)
    .sort((a, b) => (b.lastOpenedAt ?? b.createdAt).localeCompare(a.lastOpenedAt ?? a.createdAt));
}

export async function listDeletedProjects(): Promise<ProjectEntry[]> {
  const all = await registryDatabase().projects.toArray();
  return all.filter((p) => p.deletedAt !== null).sort((a, b) => (b.deletedAt ?? "").localeCompare(a.deletedAt ?? ""));
}

export async function getProject(id: string): Promise<ProjectEntry | undefined> {
  return registryDatabase().projects.get(id);
}

/** `id` is given when the project comes from a team bundle: later bundles must match it. */
export async function createProject(name: string, profile: CoderProfile, now = new Date(), id: string = newId()): Promise<ProjectEntry> {
  const entry: ProjectEntry = {
    id,
    name: cleanProjectName(name),
    createdAt: now.toISOString(),
    lastOpenedAt: null,
    sourceCount: 0,
    deletedAt: null,
  };
  const db = projectDatabase(entry.id);
  await db.open();
  await db.meta.put({ key: "project", projectId: entry.id, name: entry.name, createdAt: entry.createdAt });
  await registryDatabase().projects.add(entry);
  return entry;
}

export async function renameProject(id: string, name: string): Promise<void> {
  const clean = cleanProjectName(name);
  const updated = await registryDatabase().projects.update(id, { name: clean });
  if (!updated) throw new Error("That project no longer exists.");
  const db = projectDatabase(id);
  await db.meta.update("project", { name: clean });
}

/** Hides the project; its database is kept so the researcher can restore it. */
export async function deleteProject(id: string, now = new Date()): Promise<void> {
  await registryDatabase().projects.update(id, { deletedAt: now.toISOString() });
  closeProjectDatabase(id);
}

export async function restoreProject(id: string): Promise<void> {
  await registryDatabase().projects.update(id, { deletedAt: null });
}

export async function setProjectSourceCount(id: string, sourceCount: number): Promise<void> {
  await registryDatabase().projects.update(id, { sourceCount });
}

export interface OpenProject {
  entry: ProjectEntry;
  db: ProjectDatabase;
  ctx: WriteContext;
  /** Undo/redo of this window's changes. */
  history: History;
}

export interface OpenProjectOptions {
  now?: Date;
  /**
   * Runs before this window first opens the project's database, which is when Dexie upgrades an older
   * schema and so rewrites the researcher's data. The app passes the backup of the on-disk version
   * (backupBeforeUpgrade in ./backups); a failure stops the opening.
   */
  beforeUpgrade?: (entry: ProjectEntry) => Promise<unknown>;
}

/** Opens a project for this coder: records the visit and makes sure the coder is in its coders table. */
export async function openProject(
  id: string,
  profile: CoderProfile,
  { now = new Date(), beforeUpgrade }: OpenProjectOptions = {},
): Promise<OpenProject> {
  const entry = await getProject(id);
  if (!entry || entry.deletedAt !== null) throw new Error("That project no longer exists.");
  const db = projectDatabase(id);
  if (!db.isOpen() && beforeUpgrade) await beforeUpgrade(entry);
  await db.open();
  // Joining the project is not something the researcher should be able to undo: no history yet.
  const ctx = await openWriteContext(db, profile.id);
  const known = await db.coders.get(profile.id);
  if (!known) {
    await writeChanges(db, ctx, "Joined project", (w) =>
      w.create<CoderRecord>(
        "coders",
        { name: profile.name, initials: profile.initials, colour: profile.colour, publicKey: null },
        profile.id,
      ),
    );
  } else if (known.name !== profile.name || known.initials !== profile.initials) {
    await writeChanges(db, ctx, "Updated coder profile", (w) =>
      w.update<CoderRecord>("coders", profile.id, { name: profile.name, initials: profile.initials }),
    );
  }
  const opened = { ...entry, lastOpenedAt: now.toISOString() };
  await registryDatabase().projects.put(opened);
  const history = new History();
  return { entry: opened, db, ctx: { ...ctx, onCommit: history.record }, history };
}
