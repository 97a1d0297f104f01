/**
 * The CLI commands behind `margin export-qdpx` and `margin export-qdc`: files written through the
 * injected io, the position convention chosen, clear errors for wrong names and conventions.
 */
import { describe, expect, it } from "vitest";
import { runExportQdc } from "../../../../cli/commands/export-qdc";
import { runExportQdpx } from "../../../../cli/commands/export-qdpx";
import type { RefiExportIo } from "../../../../cli/io";
import type { PositionConvention } from "../../../../shared/refi/export";
import { importQdpx } from "../../../../shared/refi/import";
import { sampleTables, schemaAvailable, unzip, utf8, validateWithXsd } from "../model/exportHelpers";

function memoryIo(): RefiExportIo & { files: Map<string, Uint8Array>; lines: string[] } {
  const files = new Map<string, Uint8Array>();
  const lines: string[] = [];
  return {
    files,
    lines,
    writeFile: (path, bytes) => {
      files.set(path, bytes);
      return Promise.resolve();
    },
    log: (line) => lines.push(line),
    projectName: "Ward study",
    appVersion: "0.1.0",
    now: () => new Date("2026-11-26T12:00:00Z"),
  };
}

describe("CLI: export-qdpx and export-qdc", () => {
  it("export-qdpx writes a valid .qdpx that imports back, and logs what it wrote", async () => {
    const { tables, ids } = sampleTables();
    const io = memoryIo();
    const summary = await runExportQdpx(tables, { out: "out/ward.qdpx", convention: "codepoints" }, io);
    expect(summary.codings).toBe(4);
    const bytes = io.files.get("out/ward.qdpx");
    if (!bytes) throw new Error("nothing written");
    const files = unzip(bytes);
    // Code points default to LF text files with no BOM.
    expect(Array.from(files[`sources/${ids.s1}.txt`]?.subarray(0, 3) ?? [])).toEqual(Array.from(new TextEncoder().encode("Int")));
    if (schemaAvailable) expect(validateWithXsd(utf8(files["project.qde"]), "Project").ok).toBe(true);
    expect(io.lines[0]).toBe("Wrote out/ward.qdpx: 2 sources, 4 codes, 4 codings, 5 memos, 2 cases, 4 attributes, 2 coders.");
    expect(io.lines[1]).toBe("Positions: Unicode code points (QDA-XML standard); text files with LF line breaks.");
    const back = await importQdpx(bytes, "ward.qdpx");
    expect(back.report.positionConvention).toMatch(/code points/);
    const c3 = back.tables.codings.find(
      (c) => c.start > 0 && back.tables.sourceContent.some((s) => s.text.slice(c.start, c.end).startsWith("😀")),
    );
    expect(c3).toBeDefined();
  });

  it("export-qdpx defaults to NVivo's convention, which Margin reads back in the same unit", async () => {
    const { tables } = sampleTables();
    const io = memoryIo();
    await runExportQdpx(tables, { out: "w.qdpx" }, io);
    expect(io.lines[1]).toBe("Positions: UTF-16 code units (NVivo); text files with CRLF line breaks.");
    const back = await importQdpx(io.files.get("w.qdpx") ?? new Uint8Array(), "w.qdpx");
    expect(back.report.positionConvention).toMatch(/UTF-16/);
    expect(
      back.tables.codings.map((c) => back.tables.sourceContent.find((s) => s.id === c.sourceId)?.text.slice(c.start, c.end)).sort(),
    ).toEqual(tables.codings.map((c) => tables.sourceContent.find((s) => s.id === c.sourceId)?.text.slice(c.start, c.end)).sort());
  });

  it("refuses a wrong extension or convention before writing anything", async () => {
    const { tables } = sampleTables();
    const io = memoryIo();
    await expect(runExportQdpx(tables, { out: "ward.zip" }, io)).rejects.toThrow(/“ward\.zip” does not end in \.qdpx/);
    await expect(runExportQdpx(tables, { out: "w.qdpx", convention: "bytes" as PositionConvention }, io)).rejects.toThrow(
      /Unknown position convention “bytes”/,
    );
    await expect(runExportQdc(tables, { out: "codes.xml" }, io)).rejects.toThrow(/does not end in \.qdc/);
    expect(io.files.size).toBe(0);
  });

  it("export-qdc writes a valid codebook", async () => {
    const { tables } = sampleTables();
    const io = memoryIo();
    expect(await runExportQdc(tables, { out: "codes.qdc" }, io)).toEqual({ codes: 4 });
    if (schemaAvailable) expect(validateWithXsd(io.files.get("codes.qdc") ?? new Uint8Array(), "Codebook").ok).toBe(true);
    expect(io.lines).toEqual(["Wrote codes.qdc: 4 codes."]);
  });
});
