// file:save — ask where to save, then write atomically: the bytes go to a new
// temp file in the destination folder, are flushed to disk, and only then
// renamed over the target. A crash, full disk or pulled USB stick leaves either
// the old file or the new one, never a half-written export.

import path from "node:path";
import type { SaveDialogOptions } from "electron";
import type { SaveFileRequest, SaveFileResponse } from "../../shared/ipc/contract";
import { HostError, describeFsError, errnoCode } from "../ipc/errors";

export interface FileHandleLike {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface SaveFileFs {
  /** Called with flag "wx": fail rather than reuse an existing file. */
  open(filePath: string, flags: "wx"): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(filePath: string): Promise<void>;
}

export interface SaveFileDeps {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  /** Folder the dialog opens in (e.g. the user's Documents). */
  defaultDirectory: string;
  fs: SaveFileFs;
  /** Random, file-name-safe; makes temp names unique across concurrent saves. */
  randomSuffix(): string;
  path?: Pick<typeof path, "join" | "dirname" | "basename">;
}

export function tempPathFor(target: string, suffix: string, p: Pick<typeof path, "join" | "dirname"> = path): string {
  // Same folder as the target, so the final rename never crosses a volume (and stays atomic).
  return p.join(p.dirname(target), `.margin-save-${suffix}.tmp`);
}

export async function saveFile(req: SaveFileRequest, deps: SaveFileDeps): Promise<SaveFileResponse> {
  const p = deps.path ?? path;
  const choice = await deps.showSaveDialog({
    defaultPath: p.join(deps.defaultDirectory, req.suggestedName),
    filters: req.filters,
    properties: ["showOverwriteConfirmation", "createDirectory", "dontAddToRecent"],
  });
  const target = choice.filePath;
  if (choice.canceled || target === undefined || target === "") return { saved: false };

  const temp = tempPathFor(target, deps.randomSuffix(), p);
  let created = false;
  try {
    const handle = await deps.fs.open(temp, "wx");
    created = true;
    try {
      await handle.writeFile(req.data);
      await handle.sync(); // on disk before it can replace the old file
    } finally {
      await handle.close();
    }
    await deps.fs.rename(temp, target);
    created = false;
    return { saved: true, path: target };
  } catch (err) {
    // Only remove a temp file we created ("wx" guarantees it is ours).
    if (created) await deps.fs.unlink(temp).catch(() => undefined);
    const code = errnoCode(err);
    if (code === "EPERM" || code === "EACCES" || code === "EBUSY") {
      throw new HostError(
        code === "EBUSY" ? "file-busy" : "permission-denied",
        `Could not save ${p.basename(target)}. It may be open in another program, read-only, or in a folder you cannot write to.`,
      );
    }
    if (err instanceof HostError) throw err;
    const info = describeFsError(err);
    throw new HostError(info.code, info.message);
  }
}
