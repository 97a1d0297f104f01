/** Where things live inside the bundle's zip, shared by the writer, the reader and the docs. */
import { PROJECT_TABLE_NAMES, type ProjectTableName } from "../model/tables";

export const MANIFEST_FILE = "manifest.json";

export function tableFile(table: ProjectTableName): string {
  return `tables/${table}.ndjson`;
}

export const TABLE_BY_FILE: ReadonlyMap<string, ProjectTableName> = new Map(PROJECT_TABLE_NAMES.map((t) => [tableFile(t), t]));

/** age's magic line: every binary age file starts with it. */
export const AGE_MAGIC = "age-encryption.org/v1\n";
export const AGE_ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
