import Dexie, { type DexieOptions, type Table } from "dexie";
import { REGISTRY_DB_NAME, REGISTRY_SCHEMA_V1 } from "./schema";

export interface ProjectEntry {
  id: string;
  name: string;
  createdAt: string;
  lastOpenedAt: string | null;
  sourceCount: number;
  /** Tombstone: a deleted project is hidden and its database kept until the researcher purges it. */
  deletedAt: string | null;
}

export interface CoderProfile {
  id: string;
  name: string;
  initials: string;
  colour: string;
}

export type SettingsRow =
  | { key: "profile"; value: CoderProfile }
  | { key: "theme"; value: "light" | "dark" | "system" };

export class RegistryDatabase extends Dexie {
  projects!: Table<ProjectEntry, string>;
  settings!: Table<SettingsRow, string>;

  constructor(options: DexieOptions = {}) {
    super(REGISTRY_DB_NAME, { chromeTransactionDurability: "strict", ...options });
    this.version(1).stores(REGISTRY_SCHEMA_V1);
  }
}

let registry: RegistryDatabase | undefined;

export function registryDatabase(): RegistryDatabase {
  registry ??= new RegistryDatabase();
  return registry;
}

/** Tests swap in a fresh registry. */
export function resetRegistryDatabase(): void {
  registry?.close();
  registry = undefined;
}
