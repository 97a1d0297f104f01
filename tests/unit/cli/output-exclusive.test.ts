/**
 * Issue 13 item 9: the CLI's temporary output file is created exclusively (O_EXCL, flag "wx") and
 * owner-only, flushed with fsync before the rename; the calls are recorded through a wrapped node:fs.
 */
import * as fs from "node:fs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const calls: string[] = [];
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return {
    ...real,
    openSync: (file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
      calls.push(`open ${path.basename(String(file)).replace(/\.part-.*/, ".part")} ${String(flags)} ${typeof mode === "number" ? mode.toString(8) : String(mode)}`);
      return real.openSync(file, flags ?? "r", mode);
    },
    fsyncSync: (fd: number) => {
      calls.push("fsync");
      real.fsyncSync(fd);
    },
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      calls.push(`rename to ${path.basename(String(to))}`);
      real.renameSync(from, to);
    },
  };
});

const { writeOutputFile } = await import("../../../cli/output");
const dir = mkdtempSync(path.join(tmpdir(), "margin-cli-excl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI output temporary file", () => {
  it("is opened with O_EXCL and mode 0600, fsynced, then renamed into place", () => {
    writeOutputFile(path.join(dir, "out.margin"), new TextEncoder().encode("bundle"));
    expect(calls).toEqual(["open .out.margin.part wx 600", "fsync", "rename to out.margin"]);
    expect(readFileSync(path.join(dir, "out.margin"), "utf8")).toBe("bundle");
  });
});
