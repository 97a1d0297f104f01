import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { promises as realFs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDialogOptions } from "electron";
import { openFiles, type DirentLike, type OpenFilesFs } from "../../../electron/files/openFiles";
import { HostError } from "../../../electron/ipc/errors";
import type { OpenFilesRequest } from "../../../shared/ipc/contract";

const docs = [{ name: "Documents", extensions: ["docx", "txt"] }];
const folderReq: OpenFilesRequest = { title: "Import folder", filters: docs, multiple: false, directory: true };

/** In-memory tree: string = file contents, object = folder, Error = unreadable. */
type Tree = { [name: string]: string | Tree | Error };

function memFs(tree: Tree): OpenFilesFs & { reads: string[] } {
  const reads: string[] = [];
  const lookup = (p: string): string | Tree | Error | undefined => {
    let node: string | Tree | Error | undefined = tree;
    for (const part of p.split("/").filter(Boolean)) {
      if (typeof node !== "object" || node instanceof Error) return undefined;
      node = node[part];
    }
    return node;
  };
  const enoent = (p: string) => Object.assign(new Error(`ENOENT ${p}`), { code: "ENOENT" });
  return {
    reads,
    stat: (p) => {
      const n = lookup(p);
      if (n === undefined) return Promise.reject(enoent(p));
      const isFile = typeof n === "string" || n instanceof Error;
      return Promise.resolve({ size: typeof n === "string" ? n.length : 0, isFile: () => isFile, isDirectory: () => !isFile });
    },
    realpath: (p) => Promise.resolve(p),
    readdir: (p) => {
      const n = lookup(p);
      if (n === undefined || typeof n === "string" || n instanceof Error) return Promise.reject(enoent(p));
      return Promise.resolve(
        Object.entries(n).map(([name, v]): DirentLike => ({
          name,
          isFile: () => typeof v === "string" || v instanceof Error,
          isDirectory: () => typeof v === "object" && !(v instanceof Error),
          isSymbolicLink: () => false,
        })),
      );
    },
    readFile: (p) => {
      reads.push(p);
      const n = lookup(p);
      if (n instanceof Error) return Promise.reject(n);
      if (typeof n !== "string") return Promise.reject(enoent(p));
      return Promise.resolve(new TextEncoder().encode(n));
    },
  };
}

const dialog = (filePaths: string[], canceled = false) => {
  const calls: OpenDialogOptions[] = [];
  return {
    calls,
    showOpenDialog: (o: OpenDialogOptions) => {
      calls.push(o);
      return Promise.resolve({ canceled, filePaths });
    },
  };
};

const names = (r: { files: { path: string }[] }) => r.files.map((f) => f.path);

describe("openFiles: folder import", () => {
  const tree: Tree = {
    study: {
      "b.docx": "BBB",
      "a.txt": "AAA",
      "~$a.docx": "lock",
      ".hidden.txt": "h",
      "notes.pdf": "pdf",
      sub: { "c.DOCX": "CCC", deeper: { "d.txt": "DDD" } },
      "locked.txt": Object.assign(new Error("denied"), { code: "EACCES" }),
    },
  };

  it("reads matching files recursively, sorted, including lock and hidden files", async () => {
    const fs = memFs(tree);
    const d = dialog(["/study"]);
    const res = await openFiles(folderReq, { ...d, fs });
    expect(res.canceled).toBe(false);
    expect(names(res)).toEqual([
      "study/.hidden.txt",
      "study/a.txt",
      "study/b.docx",
      "study/sub/c.DOCX",
      "study/sub/deeper/d.txt",
      "study/~$a.docx",
    ]);
    expect(res.files.map((f) => f.name)).toContain("~$a.docx");
    expect(res.files.find((f) => f.name === "a.txt")?.bytes).toEqual(new TextEncoder().encode("AAA"));
    expect(res.unreadable).toEqual([{ name: "locked.txt", path: "study/locked.txt", reason: expect.stringContaining("permission") }]);
    expect(d.calls[0]?.properties).toContain("openDirectory");
  });

  it("refuses more files than the limit, before reading any", async () => {
    const fs = memFs(tree);
    const err = await openFiles(folderReq, { ...dialog(["/study"]), fs, limits: { maxFiles: 3, maxBytes: 1e9 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe("too-many-files");
    expect(fs.reads).toEqual([]);
  });

  it("refuses a folder larger than the size cap, before reading any", async () => {
    const fs = memFs(tree);
    const err = await openFiles(folderReq, { ...dialog(["/study"]), fs, limits: { maxFiles: 100, maxBytes: 10 } }).catch((e: unknown) => e);
    expect((err as HostError).code).toBe("too-large");
    expect((err as HostError).message).toMatch(/smaller batches/);
    expect(fs.reads).toEqual([]);
  });

  it("returns canceled when the dialog is dismissed", async () => {
    expect(await openFiles(folderReq, { ...dialog([], true), fs: memFs(tree) })).toEqual({ files: [], canceled: true });
  });
});

describe("openFiles: file selection", () => {
  it("reads the selected files in order, shows bare names, and sets dialog properties", async () => {
    const fs = memFs({ d: { "x.txt": "X", "y.docx": "Y" } });
    const d = dialog(["/d/y.docx", "/d/x.txt"]);
    const res = await openFiles({ title: "Import", filters: docs, multiple: true }, { ...d, fs });
    expect(names(res)).toEqual(["y.docx", "x.txt"]);
    expect(fs.reads).toEqual(["/d/y.docx", "/d/x.txt"]);
    expect(res.unreadable).toBeUndefined();
    expect(d.calls[0]?.properties).toEqual(["openFile", "dontAddToRecent", "multiSelections"]);
    expect(d.calls[0]?.filters).toEqual(docs);
  });

  it("reports a file that vanished instead of dropping it", async () => {
    const res = await openFiles({ title: "Import", filters: docs, multiple: true }, { ...dialog(["/gone.txt"]), fs: memFs({}) });
    expect(res.files).toEqual([]);
    expect(res.unreadable?.[0]).toMatchObject({ name: "gone.txt", path: "gone.txt", reason: expect.stringContaining("no longer exists") });
  });
});

describe("openFiles: real file system", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "margin-open-"));
    await mkdir(path.join(dir, "sub"));
    await writeFile(path.join(dir, "one.txt"), "one");
    await writeFile(path.join(dir, "sub", "two.docx"), "two");
    await writeFile(path.join(dir, "sub", "skip.png"), "png");
    await symlink(dir, path.join(dir, "sub", "loop")); // must not recurse forever
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("walks a real folder, follows symlinks without looping", async () => {
    const fs = {
      stat: (p: string) => realFs.stat(p),
      readdir: (p: string, o: { withFileTypes: true }) => realFs.readdir(p, o),
      readFile: (p: string) => realFs.readFile(p),
      realpath: (p: string) => realFs.realpath(p),
    };
    const res = await openFiles(folderReq, { ...dialog([dir]), fs });
    const top = path.basename(dir);
    expect(res.files.map((f) => f.path)).toEqual([`${top}/one.txt`, `${top}/sub/two.docx`]);
    expect(res.files.every((f) => !f.path.includes(os.tmpdir()))).toBe(true); // no absolute paths
    expect(new TextDecoder().decode(res.files[1]?.bytes)).toBe("two");
    // A plain Uint8Array covering exactly the file, so IPC copies only the file.
    expect(res.files[0]?.bytes.buffer.byteLength).toBe(3);
  });
});
