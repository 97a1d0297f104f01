import path from "node:path";
import { describe, expect, it } from "vitest";
import { saveFile, type FileHandleLike, type SaveFileDeps } from "../../../electron/files/saveFile";
import { HostError } from "../../../electron/ipc/errors";

const data = new TextEncoder().encode("exported project");
const filters = [{ name: "Margin project", extensions: ["margin"] }];

function fakeFs(options: { failWrite?: boolean; failRename?: string } = {}) {
  const files = new Map<string, Uint8Array>();
  const log: string[] = [];
  const fs: SaveFileDeps["fs"] = {
    open: (p, flags) => {
      log.push(`open ${path.basename(p)} ${flags}`);
      if (files.has(p)) return Promise.reject(Object.assign(new Error("exists"), { code: "EEXIST" }));
      files.set(p, new Uint8Array());
      const handle: FileHandleLike = {
        writeFile: (d) => {
          log.push("write");
          if (options.failWrite === true) {
            files.set(p, d.slice(0, 3)); // partial write
            return Promise.reject(Object.assign(new Error("disk full"), { code: "ENOSPC" }));
          }
          files.set(p, d);
          return Promise.resolve();
        },
        sync: () => {
          log.push("sync");
          return Promise.resolve();
        },
        close: () => {
          log.push("close");
          return Promise.resolve();
        },
      };
      return Promise.resolve(handle);
    },
    rename: (from, to) => {
      log.push(`rename ${path.basename(from)} -> ${path.basename(to)}`);
      if (options.failRename !== undefined) return Promise.reject(Object.assign(new Error("rename"), { code: options.failRename }));
      const body = files.get(from);
      if (body === undefined) return Promise.reject(Object.assign(new Error("missing"), { code: "ENOENT" }));
      files.delete(from);
      files.set(to, body);
      return Promise.resolve();
    },
    unlink: (p) => {
      log.push(`unlink ${path.basename(p)}`);
      files.delete(p);
      return Promise.resolve();
    },
  };
  return { fs, files, log };
}

function deps(
  fs: SaveFileDeps["fs"],
  filePath: string | null = "/home/u/Documents/study.margin",
): SaveFileDeps & { dialogCalls: unknown[] } {
  const dialogCalls: unknown[] = [];
  return {
    dialogCalls,
    defaultDirectory: "/home/u/Documents",
    fs,
    randomSuffix: () => "r4nd0m",
    showSaveDialog: (options) => {
      dialogCalls.push(options);
      return Promise.resolve(filePath === null ? { canceled: true, filePath: "" } : { canceled: false, filePath });
    },
  };
}

describe("saveFile", () => {
  it("writes a temp file in the same folder, syncs, then renames over the target", async () => {
    const { fs, files, log } = fakeFs();
    files.set("/home/u/Documents/study.margin", new TextEncoder().encode("old"));
    const d = deps(fs);
    const res = await saveFile({ suggestedName: "study.margin", data, filters }, d);
    expect(res).toEqual({ saved: true, path: "/home/u/Documents/study.margin" });
    expect(log).toEqual(["open .margin-save-r4nd0m.tmp wx", "write", "sync", "close", "rename .margin-save-r4nd0m.tmp -> study.margin"]);
    expect(files.get("/home/u/Documents/study.margin")).toEqual(data);
    expect([...files.keys()]).toEqual(["/home/u/Documents/study.margin"]);
    expect(d.dialogCalls[0]).toMatchObject({ defaultPath: path.join("/home/u/Documents", "study.margin"), filters });
  });

  it("does nothing when the dialog is cancelled", async () => {
    const { fs, log } = fakeFs();
    expect(await saveFile({ suggestedName: "a.txt", data, filters }, deps(fs, null))).toEqual({ saved: false });
    expect(log).toEqual([]);
  });

  it("removes the temp file and keeps the old file when the write fails", async () => {
    const { fs, files, log } = fakeFs({ failWrite: true });
    files.set("/home/u/Documents/study.margin", new TextEncoder().encode("old"));
    const err = await saveFile({ suggestedName: "study.margin", data, filters }, deps(fs)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe("disk-full");
    expect(log).toContain("close");
    expect(log.at(-1)).toBe("unlink .margin-save-r4nd0m.tmp");
    expect([...files.keys()]).toEqual(["/home/u/Documents/study.margin"]);
    expect(new TextDecoder().decode(files.get("/home/u/Documents/study.margin"))).toBe("old");
  });

  it("removes the temp file and explains when the target is locked (rename fails)", async () => {
    const { fs, files } = fakeFs({ failRename: "EBUSY" });
    const err = await saveFile({ suggestedName: "study.margin", data, filters }, deps(fs)).catch((e: unknown) => e);
    expect((err as HostError).code).toBe("file-busy");
    expect((err as HostError).message).toContain("study.margin");
    expect(files.size).toBe(0);
  });

  it("never deletes a pre-existing file that happens to have the temp name", async () => {
    const { fs, files, log } = fakeFs();
    files.set("/home/u/Documents/.margin-save-r4nd0m.tmp", new TextEncoder().encode("someone else's"));
    await expect(saveFile({ suggestedName: "study.margin", data, filters }, deps(fs))).rejects.toBeInstanceOf(HostError);
    expect(log.some((l) => l.startsWith("unlink"))).toBe(false);
    expect(files.has("/home/u/Documents/.margin-save-r4nd0m.tmp")).toBe(true);
  });
});
