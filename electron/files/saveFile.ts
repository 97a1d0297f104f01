// file:save — ask where to save, then write atomically (node/atomicWrite.ts): a
// temp file in the destination folder, flushed, renamed over the target. A crash,
// full disk or pulled USB stick leaves either the old file or the new one, never a
// half-written export.

import path from "node:path";
import type { SaveDialogOptions } from "electron";
import type { SaveFileRequest, SaveFileResponse } from "../../shared/ipc/contract";
import { writeFileAtomically, type AtomicFileHandle, type AtomicWriteFs } from "../../node/atomicWrite";
import { HostError, describeFsError, errnoCode } from "../ipc/errors";

export type FileHandleLike = AtomicFileHandle;

export type SaveFileFs = AtomicWriteFs;

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

  try {
    await writeFileAtomically(target, req.data, deps.fs, { tempPath: tempPathFor(target, deps.randomSuffix(), p) });
    return { saved: true, path: target };
  } catch (err) {
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
