import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import Dexie from "dexie";
import { resetRegistryDatabase } from "../../../../renderer/db/registry";
import { closeAllProjectDatabases } from "../../../../renderer/db/projectDb";
import { closeBackupsDatabase, type BackupHost } from "../../../../renderer/db/backups";

/** A fresh in-memory IndexedDB for each test, so tests never see each other's projects. */
export function freshIndexedDb(): void {
  resetRegistryDatabase();
  closeAllProjectDatabases();
  const factory = new IDBFactory();
  globalThis.indexedDB = factory;
  Dexie.dependencies.indexedDB = factory;
}

/** freshIndexedDb, with the backups database closed first so no backup outlives its test. */
export function freshIndexedDbAndBackups(): void {
  closeBackupsDatabase();
  freshIndexedDb();
}

/** The web build's host: no OS key protection and no backup folder (backups live in IndexedDB). */
export const webHost: BackupHost = { keyProtection: null, backupStore: null };
