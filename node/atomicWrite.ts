/**
 * The one atomic file write for the Node runtimes (Electron's main process and the CLI): the bytes go to
 * a new temporary file in the target's own folder (so the rename never crosses a volume), are flushed to
 * disk, and only then renamed over the target; then the folder itself is flushed so the rename survives
 * a power cut. A crash, full disk or pulled USB stick leaves the old file or the new one, never half of
 * one. The file system comes in as a parameter so tests can fail any step.
 */
import { promises as fs } from "node:fs";
import path from "node:path";

export interface AtomicFileHandle {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface AtomicWriteFs {
  /** Called with flag "wx": fail rather than reuse an existing file (or write through a planted symlink). */
  open(filePath: string, flags: "wx", mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(filePath: string): Promise<void>;
  /** Flushes a folder's entries, so a rename in it is on disk; absent where it cannot be done. */
  syncFolder?(folder: string): Promise<void>;
}

export interface AtomicWrite {
  /** The temporary file: in the target's folder, with a name unique to this write. */
  tempPath: string;
  /** Permission bits of the new file (e.g. 0o600); the platform default when absent. */
  mode?: number;
}

/**
 * Writes `data` to `target` atomically. On any failure the temporary file this call created is removed,
 * the target is untouched, and the file system's own error is thrown for the caller to put in its words.
 */
export async function writeFileAtomically(target: string, data: Uint8Array, fsys: AtomicWriteFs, write: AtomicWrite): Promise<void> {
  let created = false;
  try {
    const handle = write.mode === undefined ? await fsys.open(write.tempPath, "wx") : await fsys.open(write.tempPath, "wx", write.mode);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync(); // on disk before it can replace the old file
    } finally {
      await handle.close();
    }
    await fsys.rename(write.tempPath, target);
    created = false;
  } catch (error) {
    // Only a temporary file this call created is removed: with "wx" an existing one is never ours.
    if (created) await fsys.unlink(write.tempPath).catch(() => undefined);
    throw error;
  }
  await fsys.syncFolder?.(path.dirname(target));
}

/**
 * Flushes a folder through node:fs. Best effort: Windows cannot open a folder for fsync, and the file is
 * already complete under its name by now, so a failure here is not worth failing the save over.
 */
export async function syncFolderBestEffort(folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported here (Windows, some network file systems): the rename stands as it is.
  }
}

/** node:fs/promises as an AtomicWriteFs, the folder flushed where the platform allows. */
export const nodeAtomicWriteFs: AtomicWriteFs = {
  open: (filePath, flags, mode) => fs.open(filePath, flags, mode),
  rename: (from, to) => fs.rename(from, to),
  unlink: (filePath) => fs.unlink(filePath),
  syncFolder: syncFolderBestEffort,
};
