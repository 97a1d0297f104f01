import { newId } from "../../shared/ids";
import { registryDatabase, type CoderProfile } from "./registry";

export type { CoderProfile };

/** Coder colours: distinguishable for common colour-vision deficiencies (Okabe–Ito palette). */
export const CODER_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

export async function getProfile(): Promise<CoderProfile | undefined> {
  const row = await registryDatabase().settings.get("profile");
  return row?.key === "profile" ? row.value : undefined;
}

export function cleanInitials(initials: string): string {
  return initials.replace(/[^\p{L}\p{N}]/gu, "").slice(0, 4).toUpperCase();
}

export async function saveProfile(input: { name: string; initials: string }, existing?: CoderProfile): Promise<CoderProfile> {
  const name = input.name.replace(/\s+/g, " ").trim();
  const initials = cleanInitials(input.initials);
  if (!name) throw new Error("Please enter your name.");
  if (!initials) throw new Error("Please enter your initials.");
  const profile: CoderProfile = {
    id: existing?.id ?? newId(),
    name: name.slice(0, 120),
    initials,
    colour: existing?.colour ?? CODER_COLOURS[Math.floor(Math.random() * CODER_COLOURS.length)] ?? "#0072B2",
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
