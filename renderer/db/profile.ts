import { defaultCoderColour } from "../../shared/coding/coderLooks";
import { newId } from "../../shared/ids";
import { registryDatabase, type CoderProfile } from "./registry";

export type { CoderProfile };

export { CODER_COLOURS } from "../../shared/coding/coderLooks";

export async function getProfile(): Promise<CoderProfile | undefined> {
  const row = await registryDatabase().settings.get("profile");
  return row?.key === "profile" ? row.value : undefined;
}

export function cleanInitials(initials: string): string {
  return initials
    .replace(/[^\p{L}\p{N}]/gu, "")
    .slice(0, 4)
    .toUpperCase();
}

export async function saveProfile(input: { name: string; initials: string }, existing?: CoderProfile): Promise<CoderProfile> {
  const name = input.name.replace(/\s+/g, " ").trim();
  const initials = cleanInitials(input.initials);
  if (!name) throw new Error("Please enter your name.");
  if (!initials) throw new Error("Please enter your initials.");
  const id = existing?.id ?? newId();
  const profile: CoderProfile = {
    id,
    name: name.slice(0, 120),
    initials,
    colour: existing?.colour ?? defaultCoderColour(id),
  };
  await registryDatabase().settings.put({ key: "profile", value: profile });
  return profile;
}

export type Theme = "light" | "dark" | "system";

export async function getTheme(): Promise<Theme> {
  const row = await registryDatabase().settings.get("theme");
  return row?.key === "theme" ? row.value : "system";
}

export async function saveTheme(theme: Theme): Promise<void> {
  await registryDatabase().settings.put({ key: "theme", value: theme });
}
