// backup:write/list/read/delete — encrypted project backups under
// <userData>/backups/<projectId>/<backup-…>.margin. Names arrive validated
// (shared/backups/names.ts) and are checked again here: a path can never leave
// the backups folder. Writes are atomic (node/atomicWrite.ts).

import path from "node:path";
import { isBackupFileName, isBackupProjectId } from "../../shared/backups/names";
import {
  Limits,
  backupTooLargeMessage,
  type BackupFileInfo,
  type BackupListResponse,
  type BackupRef,
  type BackupWriteRequest,
} from "../../shared/ipc/contract";
import { writeFileAtomically, type AtomicFileHandle, type AtomicWriteFs } from "../../node/atomicWrite";
import { HostError, describeFsError, errnoCode } from "../ipc/errors";

export type BackupFileHandle = AtomicFileHandle;

export interface BackupFs extends AtomicWriteFs {
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  readdir(dir: string): Promise<string[]>;
  stat(filePath: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(filePath: string): Promise<Uint8Array>;
}

export interface BackupStoreDeps {
  /** <userData>/backups */
  root: string;
  fs: BackupFs;
  randomSuffix(): string;
}

function folderFor(deps: BackupStoreDeps, projectId: string): string {
  if (!isBackupProjectId(projectId)) throw new HostError("invalid-request", "That is not a project id.");
  return path.join(deps.root, projectId);
}

function fileFor(deps: BackupStoreDeps, ref: BackupRef): string {
  if (!isBackupFileName(ref.fileName)) throw new HostError("invalid-request", "That is not a backup file name.");
  const folder = folderFor(deps, ref.projectId);
  const file = path.join(folder, ref.fileName);
  // Belt and braces: the pattern already forbids separators and dots-only names.
  if (path.dirname(file) !== folder) throw new HostError("invalid-request", "That is not a backup file name.");
  return file;
}

function fsError(err: unknown): HostError {
  if (err instanceof HostError) return err;
  const info = describeFsError(err);
  return new HostError(info.code, info.message);
}

export async function writeBackup(req: BackupWriteRequest, deps: BackupStoreDeps): Promise<{ written: true }> {
  const target = fileFor(deps, req);
  // Checked here too, not only by the IPC validator: nothing over the limit is ever written, so
  // every backup on disk can be read back in one IPC message.
  if (req.data.byteLength > Limits.maxBackupBytes) throw new HostError("too-large", backupTooLargeMessage(req.data.byteLength));
  const folder = path.dirname(target);
  try {
    await deps.fs.mkdir(folder, { recursive: true });
    await writeFileAtomically(target, req.data, deps.fs, { tempPath: path.join(folder, `.backup-${deps.randomSuffix()}.tmp`) });
    return { written: true };
  } catch (err) {
    throw fsError(err);
  }
}

export async function listBackups(req: { projectId: string }, deps: BackupStoreDeps): Promise<BackupListResponse> {
  const folder = folderFor(deps, req.projectId);
  let names: string[];
  try {
    names = await deps.fs.readdir(folder);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return { backups: [] };
    throw fsError(err);
  }
  const backups: BackupFileInfo[] = [];
  for (const fileName of names.filter(isBackupFileName)) {
    try {
      const stat = await deps.fs.stat(path.join(folder, fileName));
      if (stat.isFile()) backups.push({ fileName, size: stat.size });
    } catch {
      // Vanished between readdir and stat (retention running elsewhere): not listed.
    }
  }
  return { backups };
}

export async function readBackup(req: BackupRef, deps: BackupStoreDeps): Promise<{ data: Uint8Array }> {
  const file = fileFor(deps, req);
  try {
    // Size first: a file over the limit was not written by Margin (or is damaged), and reading it
    // could exhaust memory or break the IPC reply.
    const stat = await deps.fs.stat(file);
    if (!stat.isFile()) throw new HostError("not-found", `The backup ${req.fileName} is not a file.`);
    if (stat.size > Limits.maxBackupBytes) throw oversizedBackup(req.fileName);
    const data = await deps.fs.readFile(file);
    if (data.byteLength > Limits.maxBackupBytes) throw oversizedBackup(req.fileName); // grew after stat
    return { data: new Uint8Array(data) };
  } catch (err) {
    throw fsError(err);
  }
}

function oversizedBackup(fileName: string): HostError {
  const mib = Limits.maxBackupBytes / (1024 * 1024);
  return new HostError(
    "too-large",
    `The backup ${fileName} is larger than ${mib} MB, which Margin never writes: it may be damaged. It was not opened.`,
  );
}

export async function deleteBackup(req: BackupRef, deps: BackupStoreDeps): Promise<{ deleted: boolean }> {
  const file = fileFor(deps, req);
  try {
    await deps.fs.unlink(file);
    return { deleted: true };
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return { deleted: false };
    throw fsError(err);
  }
}
