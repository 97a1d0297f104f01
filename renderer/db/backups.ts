/**
 * Automatic encrypted backups: a whole-project bundle locked to my own key, kept OUTSIDE the project's
 * database (Electron: userData/backups/<projectId>/ through the host; browser: the separate
 * "margin-backups" IndexedDB database), so losing or damaging the project database never takes its
 * backups with it. Taken after every N changes, before every merge, before a schema migration, and
 * before restoring over a project. Retention: shared/backups/retention.ts.
 */
import Dexie, { type Table } from "dexie";
import type { OpenedBundle } from "../../shared/bundle";
import { backupFileName, parseBackupFileName, type BackupReason } from "../../shared/backups/names";
import { backupsToDelete } from "../../shared/backups/retention";
import type { RecordMeta, SourceContentRecord } from "../../shared/model/records";
import { STAMPED_TABLES, type ProjectTables } from "../../shared/model/tables";
import { stableStringify } from "../../shared/merge";
import type { BackupFile, HostBackupStore, KeyProtection } from "../host/host";
import { writeChanges } from "./changes";
import { lastJournalSeq } from "./journalQueries";
import { bundleCodec } from "./exchange/codec";
import { readProjectTables, readTableInRanges } from "./projectTables";
import { ensureIdentity, mySecretKeys } from "./identity";
import type { OpenProject } from "./projects";
import { registryDatabase, type CoderProfile, type ProjectEntry } from "./registry";
import { PROJECT_SCHEMA_VERSION, projectDbName } from "./schema";

export const BACKUP_EVERY_CHANGES = 200;
export const BACKUPS_DB_NAME = "margin-backups";

interface BackupRow {
  key: string;
  projectId: string;
  fileName: string;
  size: number;
}

interface BackupBlob {
  key: string;
  data: Uint8Array;
}

/** The browser's backup store: its own database, rows (for listing) apart from the bytes. */
class BackupsDatabase extends Dexie {
  files!: Table<BackupRow, string>;
  blobs!: Table<BackupBlob, string>;
  constructor() {
    super(BACKUPS_DB_NAME, { chromeTransactionDurability: "strict" });
    this.version(1).stores({ files: "&key, projectId", blobs: "&key" });
  }
}

let backupsDb: BackupsDatabase | undefined;

export function indexedDbBackupStore(): HostBackupStore {
  const db = () => (backupsDb ??= new BackupsDatabase());
  const key = (projectId: string, fileName: string) => `${projectId}/${fileName}`;
  return {
    async write(projectId, fileName, data) {
      const k = key(projectId, fileName);
      await db().transaction("rw", db().files, db().blobs, async () => {
        await db().blobs.put({ key: k, data });
        await db().files.put({ key: k, projectId, fileName, size: data.byteLength });
      });
    },
    async list(projectId) {
      const rows = await db().files.where("projectId").equals(projectId).toArray();
      return rows.map((r) => ({ fileName: r.fileName, size: r.size }));
    },
    async read(projectId, fileName) {
      const blob = await db().blobs.get(key(projectId, fileName));
      if (!blob) throw new Error(`The backup ${fileName} no longer exists.`);
      return blob.data;
    },
    async remove(projectId, fileName) {
      const k = key(projectId, fileName);
      await db().transaction("rw", db().files, db().blobs, async () => {
        await db().files.delete(k);
        await db().blobs.delete(k);
      });
    },
  };
}

/** Tests: forget the browser store's connection. */
export function closeBackupsDatabase(): void {
  backupsDb?.close();
  backupsDb = undefined;
}

export interface BackupHost {
  keyProtection: KeyProtection | null;
  backupStore: HostBackupStore | null;
}

/**
 * Before Dexie upgrades a project's database to a newer schema, back up what is on disk: opened without
 * a schema (so Dexie changes nothing), read at its own version, saved like any backup.
 * Returns the backup's name, or null when no migration is due.
 */
export async function backupBeforeMigration(
  projectId: string,
  projectName: string,
  coder: CoderProfile,
  targetVersion: number,
  host: BackupHost,
): Promise<string | null> {
  const name = projectDbName(projectId);
  if (!(await Dexie.exists(name))) return null;
  const old = new Dexie(name);
  try {
    await old.open();
    if (old.verno >= targetVersion) return null;
    return await backupDatabase({ projectId, projectName, db: old, coderId: coder.id, coderName: coder.name }, "migration", host);
  } finally {
    old.close();
  }
}

/**
 * openProject's beforeUpgrade hook (renderer/db/projects.ts): backs up the project as it is on disk when
 * opening it would upgrade its schema. The app passes its host, so the backup goes where all others go.
 */
export function backupBeforeUpgrade(coder: CoderProfile, host: BackupHost): (entry: ProjectEntry) => Promise<string | null> {
  return (entry) => backupBeforeMigration(entry.id, entry.name, coder, PROJECT_SCHEMA_VERSION, host);
}

function storeFor(host: BackupHost): HostBackupStore {
  return host.backupStore ?? indexedDbBackupStore();
}

export interface BackupEntry extends BackupFile {
  takenAt: string;
  reason: BackupReason;
}

export async function listBackups(projectId: string, host: BackupHost): Promise<BackupEntry[]> {
  const files = await storeFor(host).list(projectId);
  const out: BackupEntry[] = [];
  for (const file of files) {
    const name = parseBackupFileName(file.fileName);
    if (name) out.push({ ...file, takenAt: name.takenAt, reason: name.reason });
  }
  return out.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

/**
 * Takes a backup of a project database (any Dexie: also an older-version one before its migration).
 * Returns the backup's file name. Old backups beyond the retention policy are then removed.
 */
export async function backupDatabase(
  target: { projectId: string; projectName: string; db: Dexie; coderId: string; coderName: string },
  reason: BackupReason,
  host: BackupHost,
  now = new Date(),
): Promise<string> {
  return storeBackup(target.projectId, await packBackup(target, host, now), reason, host, now);
}

/** The project as a bundle locked to my own key; `withoutContent`: its records already read, so only the transcripts are read here. */
async function packBackup(
  target: { projectId: string; projectName: string; db: Dexie; coderId: string; coderName: string },
  host: BackupHost,
  now: Date,
  withoutContent?: ProjectTables,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const me = await ensureIdentity(host.keyProtection);
  signal?.throwIfAborted();
  const tables = withoutContent
    ? { ...withoutContent, sourceContent: await readTableInRanges(target.db.table<SourceContentRecord, string>("sourceContent")) }
    : await readProjectTables(target.db, { content: true });
  return bundleCodec().write(
    tables,
    {
      projectId: target.projectId,
      projectName: target.projectName,
      exporter: { coderId: target.coderId, name: target.coderName },
      kind: "whole",
      since: null,
      createdAt: now.toISOString(),
    },
    { recipients: [me.recipient] },
    undefined,
    signal ? { signal } : {},
  );
}

/** Saves a packed backup, then removes old backups beyond the retention policy. */
async function storeBackup(projectId: string, bytes: Uint8Array, reason: BackupReason, host: BackupHost, now: Date): Promise<string> {
  const fileName = backupFileName(now, reason);
  const store = storeFor(host);
  await store.write(projectId, fileName, bytes);
  const all = await listBackups(projectId, host);
  for (const old of backupsToDelete(all, now)) await store.remove(projectId, old.fileName);
  return fileName;
}

async function markBackedUp(project: OpenProject, lastSeq: number, now: Date): Promise<void> {
  await registryDatabase().settings.put({ key: `backup:${project.entry.id}`, value: { lastSeq, at: now.toISOString() } });
}

export async function backupProject(
  project: OpenProject,
  reason: BackupReason,
  host: BackupHost,
  coderName: string,
  now = new Date(),
): Promise<string> {
  const lastSeq = await lastJournalSeq(project);
  const fileName = await backupDatabase(
    { projectId: project.entry.id, projectName: project.entry.name, db: project.db, coderId: project.ctx.coderId, coderName },
    reason,
    host,
    now,
  );
  await markBackedUp(project, lastSeq, now);
  return fileName;
}

/** A backup packed ahead of time, saved only when `save` is called. */
export interface PreparedBackup {
  /** Saves it, if nothing was written to the project since it was packed; otherwise takes a fresh one. Returns its name. */
  save(): Promise<string>;
  /** Stops packing it (the preview was cancelled): nothing is saved, and the worker and its copy of the project go. */
  discard(): void;
}

/**
 * Packs a backup now and saves it later: the merge preview starts one, so pressing Merge does not wait
 * seconds for a seed-scale project to be read, packed and encrypted. Cancelling the merge saves nothing.
 * The journal tells whether the project changed in between; if it did (or packing failed), `save` backs
 * the project up afresh, so what is saved is always the project as it was just before the merge.
 * `read`: the project's records as the preview read them (then only the transcripts are read again).
 */
export function prepareBackup(
  project: OpenProject,
  reason: BackupReason,
  host: BackupHost,
  coderName: string,
  read?: { lastSeq: number; tables: ProjectTables },
  now = new Date(),
): PreparedBackup {
  const packing = new AbortController();
  const packed = (async () => {
    const lastSeq = read ? read.lastSeq : await lastJournalSeq(project);
    const target = {
      projectId: project.entry.id,
      projectName: project.entry.name,
      db: project.db,
      coderId: project.ctx.coderId,
      coderName,
    };
    return { lastSeq, bytes: await packBackup(target, host, now, read?.tables, packing.signal) };
  })().catch(() => null);
  return {
    discard() {
      packing.abort(new DOMException("The merge was cancelled.", "AbortError"));
    },
    async save() {
      const early = await packed;
      if (!early || early.lastSeq !== (await lastJournalSeq(project))) return backupProject(project, reason, host, coderName);
      const fileName = await storeBackup(project.entry.id, early.bytes, reason, host, now);
      await markBackedUp(project, early.lastSeq, now);
      return fileName;
    },
  };
}

/** Changes since the last backup, counted from the journal. */
export async function changesSinceBackup(project: OpenProject): Promise<number> {
  const row = await registryDatabase().settings.get(`backup:${project.entry.id}`);
  const lastSeq = row && row.key.startsWith("backup:") ? (row.value as { lastSeq: number }).lastSeq : 0;
  return project.db.journal.where("seq").above(lastSeq).count();
}

/** Takes an automatic backup when N changes have piled up; returns its name, or null when not due. */
export async function autoBackupIfDue(
  project: OpenProject,
  host: BackupHost,
  coderName: string,
  every = BACKUP_EVERY_CHANGES,
): Promise<string | null> {
  if ((await changesSinceBackup(project)) < every) return null;
  return backupProject(project, "auto", host, coderName);
}

export async function openBackup(projectId: string, fileName: string, host: BackupHost): Promise<OpenedBundle> {
  const bytes = await storeFor(host).read(projectId, fileName);
  return bundleCodec().read(bytes, { identities: await mySecretKeys(host.keyProtection) }, { fileName });
}

export async function backupBytes(projectId: string, fileName: string, host: BackupHost): Promise<Uint8Array> {
  return storeFor(host).read(projectId, fileName);
}

/**
 * Makes the project's content equal to the backup's, as NEW edits (fresh stamps) so the restored state
 * wins over older copies when the team merges again. One journaled batch: Undo puts it back.
 */
export async function restoreOver(project: OpenProject, backup: ProjectTables): Promise<void> {
  const { db, ctx } = project;
  const current = await readProjectTables(db, { content: false });
  await writeChanges(db, ctx, "Restored from backup", async (w) => {
    for (const name of STAMPED_TABLES) {
      const wanted = new Map<string, RecordMeta>(backup[name].map((r) => [r.id, r]));
      for (const record of current[name]) {
        const target = wanted.get(record.id);
        if (!target) {
          if (!record.deleted && !(name === "coders" && record.id === ctx.coderId)) await w.remove(name, record.id);
          continue;
        }
        wanted.delete(record.id);
        if (sameContent(record, target)) continue;
        const { id: _i, createdAt: _c, updatedAt: _u, updatedBy: _b, ...fields } = target;
        await w.update(name, record.id, fields as Partial<Omit<RecordMeta, keyof RecordMeta>>);
      }
      await w.putAllAsIs(name, [...wanted.values()]);
    }
    const have = new Set(await db.sourceContent.toCollection().primaryKeys());
    const missing = backup.sourceContent.filter((c) => !have.has(c.id));
    if (missing.length > 0) await db.sourceContent.bulkPut(missing);
  });
}

function sameContent(a: RecordMeta, b: RecordMeta): boolean {
  const { updatedAt: _ua, updatedBy: _ba, ...restA } = a;
  const { updatedAt: _ub, updatedBy: _bb, ...restB } = b;
  return stableStringify(restA) === stableStringify(restB);
}
