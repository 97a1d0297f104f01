import path from "node:path";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deleteBackup, listBackups, readBackup, writeBackup, type BackupStoreDeps } from "../../../../electron/backups/backupStore";
import { HostError } from "../../../../electron/ipc/errors";
import { Limits, backupTooLargeMessage } from "../../../../shared/ipc/contract";
import { keyProtectionLevel, protectKey, unprotectKey, type SafeStorageLike } from "../../../../electron/keys/keyProtection";

function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
    // Reversible stand-in for the OS: enough to show the wrapping is used and round-trips.
    encryptString: (text) => new Uint8Array(Buffer.from(`wrapped:${text}`).map((b) => b ^ 0x5a)),
    decryptString: (data) => {
      const text = Buffer.from(Buffer.from(data).map((b) => b ^ 0x5a)).toString();
      if (!text.startsWith("wrapped:")) throw new Error("bad");
      return text.slice(8);
    },
  };
}

describe("key protection (safeStorage injected)", () => {
  it("wraps and unwraps a secret", async () => {
    const storage = fakeSafeStorage(true);
    const { wrapped } = await protectKey({ secret: "AGE-SECRET-KEY-1XYZ" }, storage, "win32");
    expect(Buffer.from(wrapped).toString()).not.toContain("AGE-SECRET");
    expect(await unprotectKey({ wrapped }, storage)).toEqual({ secret: "AGE-SECRET-KEY-1XYZ" });
  });

  it("refuses when the OS offers no protection", async () => {
    await expect(protectKey({ secret: "k" }, fakeSafeStorage(false), "win32")).rejects.toMatchObject({ code: "unavailable" });
  });

  it("on Linux, counts only a real keyring as protected: basic_text (Chromium's built-in password) is not", () => {
    expect(keyProtectionLevel(fakeSafeStorage(true, "basic_text"), "linux")).toBe("no-keyring");
    expect(keyProtectionLevel(fakeSafeStorage(true, "unknown"), "linux")).toBe("no-keyring");
    expect(keyProtectionLevel(fakeSafeStorage(true), "linux")).toBe("no-keyring");
    for (const backend of ["gnome_libsecret", "kwallet", "kwallet5", "kwallet6"]) {
      expect(keyProtectionLevel(fakeSafeStorage(true, backend), "linux")).toBe("system-keyring");
    }
    expect(keyProtectionLevel(fakeSafeStorage(false, "gnome_libsecret"), "linux")).toBe("unavailable");
    // getSelectedStorageBackend is Linux-only: never consulted (nor needed) on Windows or macOS.
    expect(keyProtectionLevel(fakeSafeStorage(true, "basic_text"), "win32")).toBe("system-keyring");
    expect(keyProtectionLevel(fakeSafeStorage(true), "darwin")).toBe("system-keyring");
    const throwing: SafeStorageLike = {
      ...fakeSafeStorage(true),
      getSelectedStorageBackend: () => {
        throw new Error("not ready");
      },
    };
    expect(keyProtectionLevel(throwing, "linux")).toBe("no-keyring");
  });

  it("refuses to wrap a key with basic_text, saying there is no keyring, yet still unwraps a key wrapped that way before", async () => {
    const basic = fakeSafeStorage(true, "basic_text");
    const error: unknown = await protectKey({ secret: "AGE-SECRET-KEY-1XYZ" }, basic, "linux").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: "unavailable", message: expect.stringContaining("no system keyring") as unknown });
    const { wrapped } = await protectKey({ secret: "AGE-SECRET-KEY-1XYZ" }, fakeSafeStorage(true, "gnome_libsecret"), "linux");
    expect(await unprotectKey({ wrapped }, basic)).toEqual({ secret: "AGE-SECRET-KEY-1XYZ" });
  });

  it("reports a key wrapped elsewhere without the OS error text", async () => {
    const error: unknown = await unprotectKey({ wrapped: new Uint8Array([1, 2, 3]) }, fakeSafeStorage(true)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("permission-denied");
  });
});

describe("backup store (real temp folder)", () => {
  const projectId = "0196f3c2-1111-7aaa-8bbb-123456789abc";
  const fileName = "backup-20261126T191946123Z-merge.margin";
  let root: string;
  let deps: BackupStoreDeps;
  let n = 0;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "margin-backups-"));
    deps = {
      root: path.join(root, "backups"),
      fs: {
        mkdir: (d, o) => fs.mkdir(d, o),
        open: (p, f) => fs.open(p, f),
        rename: (a, b) => fs.rename(a, b),
        unlink: (p) => fs.unlink(p),
        readdir: (d) => fs.readdir(d),
        stat: (p) => fs.stat(p),
        readFile: (p) => fs.readFile(p),
      },
      randomSuffix: () => `t${n++}`,
    };
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("writes under backups/<projectId>/ with no temp file left, lists, reads and deletes", async () => {
    expect(await listBackups({ projectId }, deps)).toEqual({ backups: [] });
    await writeBackup({ projectId, fileName, data: new Uint8Array([7, 8, 9]) }, deps);
    expect(await readdir(path.join(root, "backups", projectId))).toEqual([fileName]);
    await writeFile(path.join(root, "backups", projectId, "stray.txt"), "x");
    expect(await listBackups({ projectId }, deps)).toEqual({ backups: [{ fileName, size: 3 }] });
    const { data } = await readBackup({ projectId, fileName }, deps);
    expect([...data]).toEqual([7, 8, 9]);
    expect(await deleteBackup({ projectId, fileName }, deps)).toEqual({ deleted: true });
    expect(await deleteBackup({ projectId, fileName }, deps)).toEqual({ deleted: false });
  });

  it("never touches a path outside the backups folder, even if validation were bypassed", async () => {
    await expect(readBackup({ projectId, fileName: "../../etc/passwd" }, deps)).rejects.toMatchObject({ code: "invalid-request" });
    await expect(listBackups({ projectId: "../.." }, deps)).rejects.toMatchObject({ code: "invalid-request" });
    await expect(writeBackup({ projectId: "..", fileName, data: new Uint8Array([1]) }, deps)).rejects.toMatchObject({
      code: "invalid-request",
    });
    expect(await readdir(root)).toEqual([]);
  });

  it("refuses a backup over the documented maximum with a plain message, writing nothing", async () => {
    // Allocated lazily by the OS and never touched: no 400 MB of real memory.
    const huge = new Uint8Array(new ArrayBuffer(Limits.maxBackupBytes + 1));
    const opened: string[] = [];
    const watching: BackupStoreDeps = { ...deps, fs: { ...deps.fs, open: (p, f) => (opened.push(p), deps.fs.open(p, f)) } };
    const error: unknown = await writeBackup({ projectId, fileName, data: huge }, watching).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: "too-large", message: backupTooLargeMessage(huge.byteLength) });
    expect((error as HostError).message).toMatch(/^This project's backup would be 401 MB, more than the 400 MB one backup can hold/);
    expect(opened).toEqual([]);
    expect(await readdir(root)).toEqual([]);
    expect(Limits.maxBackupBytes).toBe(400 * 1024 * 1024);
  });

  it("refuses to read a backup file over the maximum (not Margin's, or damaged) without reading it", async () => {
    let reads = 0;
    const planted: BackupStoreDeps = {
      ...deps,
      fs: {
        ...deps.fs,
        stat: () => Promise.resolve({ size: Limits.maxBackupBytes + 1, isFile: () => true }),
        readFile: (p) => (reads++, deps.fs.readFile(p)),
      },
    };
    const error: unknown = await readBackup({ projectId, fileName }, planted).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "too-large",
      message: expect.stringContaining(`The backup ${fileName} is larger than 400 MB`) as unknown,
    });
    expect(reads).toBe(0);
  });

  it("removes its temp file when the write fails", async () => {
    const failing: BackupStoreDeps = {
      ...deps,
      fs: { ...deps.fs, rename: () => Promise.reject(Object.assign(new Error("full"), { code: "ENOSPC" })) },
    };
    await expect(writeBackup({ projectId, fileName, data: new Uint8Array([1]) }, failing)).rejects.toMatchObject({ code: "disk-full" });
    expect(await readdir(path.join(root, "backups", projectId))).toEqual([]);
  });
});
