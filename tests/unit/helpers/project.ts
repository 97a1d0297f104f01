/**
 * "A coder profile and an open project", the setup most repository tests start from, written once
 * (as Excalidraw's test API helpers). The IndexedDB is fake (../db/helpers); call freshIndexedDb
 * before each test so tests never see each other's projects.
 */
import { saveProfile, type CoderProfile } from "../../../renderer/db/profile";
import { createProject, openProject, type OpenProject } from "../../../renderer/db/projects";
import { createSampleProject } from "../../../renderer/db/sample";

export { freshIndexedDb } from "../renderer/db/helpers";

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
