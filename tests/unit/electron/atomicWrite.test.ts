/**
 * node/atomicWrite.ts: the one atomic write of Electron's main process and the CLI. A fake file system
 * fails each step in turn; the old file must survive every failure and no temporary file may be left.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeAtomicWriteFs, writeFileAtomically, type AtomicWriteFs } from "../../../node/atomicWrite";

type Step = "open" | "write" | "sync" | "close" | "rename";

function fakeFs(failAt?: Step) {
  const files = new Map<string, Uint8Array>([["/study/report.html", new TextEncoder().encode("old")]]);
  const log: string[] = [];
  const fail = (step: Step) => {
    if (step === failAt) throw Object.assign(new Error(`${step} failed`), { code: "EIO" });
  };
  const fs: AtomicWriteFs = {
    open: async (p, flags, mode) => {
      log.push(`open ${p} ${flags}${mode === undefined ? "" : ` ${mode.toString(8)}`}`);
      fail("open");
      if (files.has(p)) throw Object.assign(new Error("exists"), { code: "EEXIST" });
      files.set(p, new Uint8Array());
      return {
        writeFile: async (data) => {
          log.push("write");
          files.set(p, data.slice(0, 1)); // half the bytes are down when it fails
          fail("write");
          files.set(p, data);
        },
        sync: async () => {
          log.push("sync");
          fail("sync");
        },
        close: async () => {
          log.push("close");
          fail("close");
        },
      };
    },
    rename: async (from, to) => {
      log.push(`rename ${from} -> ${to}`);
      fail("rename");
      const data = files.get(from);
      if (data === undefined) throw new Error("no such file");
      files.delete(from);
      files.set(to, data);
    },
    unlink: async (p) => {
      log.push(`unlink ${p}`);
      files.delete(p);
    },
    syncFolder: async (folder) => {
      log.push(`sync folder ${folder}`);
    },
  };
  return { fs, files, log };
}

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));
const write = { tempPath: "/study/.report.tmp" };

describe("writeFileAtomically", () => {
  it("writes a temporary file, flushes it, renames it over the target, then flushes the folder", async () => {
    const { fs, files, log } = fakeFs();
    await writeFileAtomically("/study/report.html", new TextEncoder().encode("new"), fs, { ...write, mode: 0o600 });
    expect(log).toEqual([
      "open /study/.report.tmp wx 600",
      "write",
      "sync",
      "close",
      "rename /study/.report.tmp -> /study/report.html",
      "sync folder /study",
    ]);
    expect(text(files.get("/study/report.html"))).toBe("new");
    expect([...files.keys()]).toEqual(["/study/report.html"]);
  });

  it.each(["write", "sync", "close", "rename"] as const)(
    "a failure at %s leaves the old file whole and no temporary file",
    async (step) => {
      const { fs, files, log } = fakeFs(step);
      await expect(writeFileAtomically("/study/report.html", new TextEncoder().encode("new"), fs, write)).rejects.toThrow(`${step} failed`);
      expect(text(files.get("/study/report.html"))).toBe("old");
      expect([...files.keys()]).toEqual(["/study/report.html"]);
      expect(log).toContain("unlink /study/.report.tmp");
      expect(log.some((l) => l.startsWith("sync folder"))).toBe(false);
    },
  );

  it("never flushes before writing, and never renames an unflushed file", async () => {
    const { fs, log } = fakeFs();
    await writeFileAtomically("/study/report.html", new Uint8Array([1]), fs, write);
    expect(log.indexOf("sync")).toBeGreaterThan(log.indexOf("write"));
    expect(log.findIndex((l) => l.startsWith("rename"))).toBeGreaterThan(log.indexOf("close"));
  });

  it("does not remove a temporary file it did not create", async () => {
    const { fs, files, log } = fakeFs();
    files.set("/study/.report.tmp", new TextEncoder().encode("someone else's"));
    await expect(writeFileAtomically("/study/report.html", new Uint8Array([1]), fs, write)).rejects.toThrow("exists");
    expect(text(files.get("/study/.report.tmp"))).toBe("someone else's");
    expect(log.some((l) => l.startsWith("unlink"))).toBe(false);
  });
});

describe("writeFileAtomically on the real file system", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "margin-atomic-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("replaces the old file and leaves only the target", async () => {
    const target = path.join(dir, "codebook.qdc");
    writeFileSync(target, "old");
    await writeFileAtomically(target, new TextEncoder().encode("new"), nodeAtomicWriteFs, { tempPath: path.join(dir, ".codebook.tmp") });
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["codebook.qdc"]);
  });

  it("fails into a missing folder with the file system's own error, writing nothing", async () => {
    const target = path.join(dir, "missing", "x.margin");
    await expect(
      writeFileAtomically(target, new Uint8Array([1]), nodeAtomicWriteFs, { tempPath: path.join(dir, "missing", ".x.tmp") }),
    ).rejects.toMatchObject({ code: "ENOENT" });
  });
});
