// dialog:openFiles — show the native open dialog and read the chosen files (or
// every matching file under a chosen folder). Dialog and file system are
// injected so the logic is tested without Electron.
//
// Nothing is silently dropped: Word lock files (~$x.docx) and hidden files that
// match the filters are returned for the importer to report; files that match
// but cannot be read are listed in `unreadable`.

import path from "node:path";
import type { OpenDialogOptions } from "electron";
import { Limits, type OpenFilesRequest, type OpenFilesResponse, type OpenedFile, type UnreadableFile } from "../../shared/ipc/contract";
import { exactBytes } from "../ipc/bytes";
import { HostError, describeFsError } from "../ipc/errors";

export interface StatLike {
  size: number;
  isFile(): boolean;
  isDirectory(): boolean;
}

export interface DirentLike {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface OpenFilesFs {
  stat(filePath: string): Promise<StatLike>;
  readdir(dirPath: string, options: { withFileTypes: true }): Promise<DirentLike[]>;
  readFile(filePath: string): Promise<Uint8Array>;
  realpath(filePath: string): Promise<string>;
}

export interface OpenFilesDeps {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  fs: OpenFilesFs;
  path?: Pick<typeof path, "join" | "basename" | "relative" | "sep">;
  /** Overridable for tests. */
  limits?: { maxFiles: number; maxBytes: number };
  /** Parallel reads; network home drives are slow, so a few in flight helps. */
  concurrency?: number;
}

const MAX_DEPTH = 64;

function extensionMatcher(req: OpenFilesRequest): (name: string) => boolean {
  const exts = new Set(req.filters.flatMap((f) => f.extensions.map((e) => e.toLowerCase())));
  if (exts.size === 0 || exts.has("*")) return () => true;
  return (name) => {
    const dot = name.lastIndexOf(".");
    return dot >= 0 && exts.has(name.slice(dot + 1).toLowerCase());
  };
}

function tooMany(max: number): HostError {
  return new HostError("too-many-files", `More than ${max.toLocaleString("en-GB")} files were selected. Import them in smaller batches.`);
}

function tooLarge(maxBytes: number): HostError {
  const mib = Math.round(maxBytes / (1024 * 1024));
  return new HostError("too-large", `The selected files add up to more than ${mib} MB. Import them in smaller batches.`);
}

export async function openFiles(req: OpenFilesRequest, deps: OpenFilesDeps): Promise<OpenFilesResponse> {
  const p = deps.path ?? path;
  const { maxFiles, maxBytes } = deps.limits ?? { maxFiles: Limits.maxOpenFileCount, maxBytes: Limits.maxPayloadBytes };
  const matches = extensionMatcher(req);
  const unreadable: UnreadableFile[] = [];
  // What the renderer sees as `path`: like the web host's webkitRelativePath
  // ("Study/sub/a.docx") for folders, the bare name for picked files. Absolute
  // paths (which contain the user's name) never leave the main process.
  let shownPath = (filePath: string): string => p.basename(filePath);
  const noteUnreadable = (filePath: string, err: unknown): void => {
    unreadable.push({ name: p.basename(filePath), path: shownPath(filePath), reason: describeFsError(err).message });
  };

  const options: OpenDialogOptions = {
    title: req.title,
    filters: req.filters,
    properties:
      req.directory === true
        ? ["openDirectory", "dontAddToRecent"]
        : ["openFile", "dontAddToRecent", ...(req.multiple ? (["multiSelections"] as const) : [])],
  };
  const choice = await deps.showOpenDialog(options);
  if (choice.canceled || choice.filePaths.length === 0) return { files: [], canceled: true };

  // 1. Decide which files to read (bounded by count).
  let candidates: string[];
  if (req.directory === true) {
    const root = choice.filePaths[0];
    if (root === undefined) return { files: [], canceled: true };
    shownPath = (filePath) => [p.basename(root), ...p.relative(root, filePath).split(p.sep)].join("/");
    candidates = await walk(root, deps.fs, p, matches, maxFiles, noteUnreadable);
  } else {
    if (choice.filePaths.length > maxFiles) throw tooMany(maxFiles);
    candidates = choice.filePaths;
  }

  // 2. Check sizes before reading anything, so an oversized import fails fast.
  const sized: { filePath: string; size: number }[] = [];
  let total = 0;
  for (const filePath of candidates) {
    try {
      const st = await deps.fs.stat(filePath);
      if (!st.isFile()) {
        noteUnreadable(filePath, Object.assign(new Error("not a file"), { code: "EISDIR" }));
        continue;
      }
      total += st.size;
      if (total > maxBytes) throw tooLarge(maxBytes);
      sized.push({ filePath, size: st.size });
    } catch (err) {
      if (err instanceof HostError) throw err;
      noteUnreadable(filePath, err);
    }
  }

  // 3. Read, a few at a time, keeping the original order.
  const results: (OpenedFile | null)[] = new Array<OpenedFile | null>(sized.length).fill(null);
  let readTotal = 0;
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (!stopped && next < sized.length) {
      const index = next++;
      const item = sized[index];
      if (item === undefined) continue;
      try {
        const data = await deps.fs.readFile(item.filePath);
        readTotal += data.byteLength; // files can grow between stat and read
        if (readTotal > maxBytes) throw tooLarge(maxBytes);
        results[index] = { name: p.basename(item.filePath), path: shownPath(item.filePath), bytes: exactBytes(data) };
      } catch (err) {
        if (err instanceof HostError) {
          stopped = true;
          throw err;
        }
        noteUnreadable(item.filePath, err);
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(deps.concurrency ?? 8, sized.length)) }, worker);
  await Promise.all(workers);

  const files = results.filter((f): f is OpenedFile => f !== null);
  return unreadable.length > 0 ? { files, canceled: false, unreadable } : { files, canceled: false };
}

/** Depth-first, name-sorted walk. Follows symlinks but never visits a real folder twice (no loops). */
async function walk(
  root: string,
  fs: OpenFilesFs,
  p: Pick<typeof path, "join">,
  matches: (name: string) => boolean,
  maxFiles: number,
  noteUnreadable: (filePath: string, err: unknown) => void,
): Promise<string[]> {
  const found: string[] = [];
  const visited = new Set<string>();

  const visit = async (dir: string, depth: number, isRoot: boolean): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    let entries: DirentLike[];
    try {
      const real = await fs.realpath(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isRoot) throw err; // the chosen folder itself is unreadable: the whole import fails
      noteUnreadable(dir, err);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = p.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = await fs.stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          if (matches(entry.name)) noteUnreadable(full, err); // dangling link to a matching file
          continue;
        }
      }
      if (isDir) {
        await visit(full, depth + 1, false);
      } else if (isFile && matches(entry.name)) {
        found.push(full);
        if (found.length > maxFiles) throw tooMany(maxFiles);
      }
    }
  };

  await visit(root, 0, true);
  return found;
}
