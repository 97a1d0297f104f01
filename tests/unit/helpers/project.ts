/**
 * "A coder profile and an open project", the setup most repository tests start from, written once
 * (as Excalidraw's test API helpers). The IndexedDB is fake (../db/helpers); call freshIndexedDb
 * before each test so tests never see each other's projects.
 */
// First: it installs the fake IndexedDB before Dexie (imported by the modules below) loads.
export { freshIndexedDb } from "../renderer/db/helpers";
import { openWriteContext } from "../../../renderer/db/changes";
import { History } from "../../../renderer/db/history";
import { saveProfile, type CoderProfile } from "../../../renderer/db/profile";
import { ProjectDatabase } from "../../../renderer/db/projectDb";
import { createProject, openProject, type OpenProject } from "../../../renderer/db/projects";
import { createSampleProject } from "../../../renderer/db/sample";
import { addConvertedSource } from "../../../renderer/db/sources";
import type { ConvertedSource } from "../../../shared/import/types";

/** The researchers the tests use. */
export const AMIRA = { name: "Amira Patel", initials: "AP" } as const;
export const SAM = { name: "Sam Okafor", initials: "SO" } as const;

/** This computer's coder profile, saved (Amira unless told). */
export function saveCoder(person: { name: string; initials: string } = AMIRA): Promise<CoderProfile> {
  return saveProfile(person);
}

/** A new, empty project made and opened by `profile`. */
export async function openNewProject(profile: CoderProfile, name = "Study"): Promise<OpenProject> {
  return openProject((await createProject(name, profile)).id, profile);
}

/** The sample project (resources/sample) made and opened by `profile`. */
export async function openSampleProject(profile: CoderProfile): Promise<OpenProject> {
  return openProject((await createSampleProject(profile)).id, profile);
}

/** A saved profile (Amira unless told) and a new, empty project it has open. */
export async function profileAndProject(
  name = "Study",
  person: { name: string; initials: string } = AMIRA,
): Promise<{ profile: CoderProfile; project: OpenProject }> {
  const profile = await saveCoder(person);
  return { profile, project: await openNewProject(profile, name) };
}

/** A new, empty project opened by a freshly saved Amira: when the test needs only the project. */
export async function newProject(name = "Study"): Promise<OpenProject> {
  return (await profileAndProject(name)).project;
}

/** The coder id a bare project (below) writes as. */
export const BARE_CODER_ID = "0190a000-0000-7000-8000-000000000001";

/**
 * A project opened straight on its own database, with no registry entry and no profile: for repository
 * tests that need only the project's tables. `id` names the database (and the project).
 */
export async function openBareProject(id: string, coderId: string = BARE_CODER_ID): Promise<OpenProject> {
  const db = new ProjectDatabase(id);
  await db.open();
  const ctx = await openWriteContext(db, coderId);
  const entry = {
    id,
    name: "Test",
    createdAt: new Date().toISOString(),
    lastOpenedAt: null,
    sourceCount: 0,
    deletedAt: null,
  };
  return { entry, db, ctx, history: new History() };
}

/**
 * Imports a converted text with no marks, turns, timestamps or warnings (word count 1) as an interview,
 * and returns the new source's id; throws if the project already holds the same text.
 */
export async function importPlainSource(
  project: OpenProject,
  converted: Pick<ConvertedSource, "fileName" | "format" | "text" | "blocks" | "contentHash">,
): Promise<string> {
  const result = await addConvertedSource(
    project,
    { ...converted, marks: [], turns: [], timestamps: [], warnings: [], wordCount: 1, charCount: converted.text.length },
    { kind: "interview" },
  );
  if (result.status !== "imported") throw new Error("duplicate");
  return result.source.id;
}
