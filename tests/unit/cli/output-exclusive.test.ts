/**
 * Issue 13 item 9: the CLI's temporary output file is created exclusively (O_EXCL, flag "wx") and
 * owner-only, flushed with fsync before the rename; the calls are recorded through a wrapped node:fs
 * (node/atomicWrite.ts's nodeAtomicWriteFs, which the CLI writes through). Issue 15: the folder is
 * flushed after the rename too.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeAtomicWriteFs, type AtomicWriteFs } from "../../../node/atomicWrite";
import { writeOutputFile } from "../../../cli/output";

const calls: string[] = [];
const recorded: AtomicWriteFs = {
  open: async (file, flags, mode) => {
    calls.push(
      `open ${path.basename(file).replace(/\.part-.*/, ".part")} ${flags} ${typeof mode === "number" ? mode.toString(8) : String(mode)}`,
    );
    const handle = await nodeAtomicWriteFs.open(file, flags, mode);
    return {
      writeFile: (data) => handle.writeFile(data),
      sync: async () => {
        calls.push("fsync");
        await handle.sync();
      },
      close: () => handle.close(),
    };
  },
  rename: async (from, to) => {
    calls.push(`rename to ${path.basename(to)}`);
    await nodeAtomicWriteFs.rename(from, to);
  },
  unlink: (file) => nodeAtomicWriteFs.unlink(file),
  syncFolder: async (folder) => {
    calls.push(`fsync folder ${folder === dir ? "of the output" : folder}`);
    await nodeAtomicWriteFs.syncFolder?.(folder);
  },
};

const dir = mkdtempSync(path.join(tmpdir(), "margin-cli-excl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI output temporary file", () => {
  it("is opened with O_EXCL and mode 0600, fsynced, then renamed into place", async () => {
    await writeOutputFile(path.join(dir, "out.margin"), new TextEncoder().encode("bundle"), recorded);
    expect(calls).toEqual(["open .out.margin.part wx 600", "fsync", "rename to out.margin", "fsync folder of the output"]);
    expect(readFileSync(path.join(dir, "out.margin"), "utf8")).toBe("bundle");
  });
});
