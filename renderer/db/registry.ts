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

/** This coder's age identity. The secret is wrapped by the OS keychain when the host offers one. */
export interface StoredIdentity {
  /** Public key, "age1…". */
  recipient: string;
  protection: "os-keychain" | "none";
  /** "AGE-SECRET-KEY-1…" when protection is "none". */
  identity?: string;
  /** safeStorage ciphertext of the secret when protection is "os-keychain". */
  wrapped?: Uint8Array;
  createdAt: string;
}

/** A team member in the address book shared by every project on this machine. */
export interface TeamMember {
  recipient: string;
  name: string;
  addedAt: string;
}

/** Per project: the journal position of the last automatic backup (counted from there). */
export interface BackupState {
  lastSeq: number;
  at: string;
}

export type SettingsRow =
  | { key: "profile"; value: CoderProfile }
  | { key: "theme"; value: "light" | "dark" | "system" }
  | { key: "identity"; value: StoredIdentity }
  /** Keys this coder used before switching to a saved one: kept so bundles and backups sent to them still open. */
  | { key: "retired-identities"; value: StoredIdentity[] }
  | { key: "team"; value: TeamMember[] }
  | { key: `backup:${string}`; value: BackupState };

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
