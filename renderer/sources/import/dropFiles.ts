import type { PickedFile } from "../../host/host";
import { pickedFromFiles } from "../../host/webHost";

/**
 * Every file in a drop, including the contents of dropped folders (read recursively), so a researcher
 * can drop a whole "Transcripts" folder. Works in Chromium and Electron.
 */
export async function filesFromDataTransfer(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((entry) => entry === null)) return pickedFromFiles(transfer.files);
  const files: PickedFile[] = [];
  for (const entry of entries) if (entry) await collect(entry, files);
  return files;
}

async function collect(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    const [picked] = pickedFromFiles([file]);
    if (picked) out.push({ ...picked, path: entry.fullPath.replace(/^\//, "") });
    return;
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most ~100 entries per call; keep reading until it returns none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await collect(child, out);
    }
  }
}
