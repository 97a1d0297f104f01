import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import Dexie from "dexie";
import { resetRegistryDatabase } from "../../../../renderer/db/registry";
import { closeAllProjectDatabases } from "../../../../renderer/db/projectDb";

/** A fresh in-memory IndexedDB for each test, so tests never see each other's projects. */
export function freshIndexedDb(): void {
  resetRegistryDatabase();
  closeAllProjectDatabases();
  const factory = new IDBFactory();
  globalThis.indexedDB = factory;
  Dexie.dependencies.indexedDB = factory;
}
