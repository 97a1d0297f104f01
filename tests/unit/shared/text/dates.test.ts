import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDate, ukDateToIso } from "../../../../shared/text/dates";

describe("dates written one way (issue 14 item 12b)", () => {
  it("writes en-GB dates by default", () => {
    expect(formatDate("2026-12-07T17:40:00Z")).toBe("7 Dec 2026");
    expect(formatDate(new Date(Date.UTC(2026, 11, 7, 12, 5)), "dateTime").startsWith("7 Dec 2026, ")).toBe(true);
    expect(formatDate("not a date")).toBe("not a date");
  });

  it("reads UK day-first dates", () => {
    expect(ukDateToIso("07/12/2026")).toBe("2026-12-07");
    expect(ukDateToIso("7-12-2026")).toBe("2026-12-07");
    expect(ukDateToIso("29/02/2023")).toBeNull();
    expect(ukDateToIso("2026-12-07")).toBeNull();
  });

  it("no screen formats a date in the browser's own locale", () => {
    const files = readdirSync("renderer", { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(`renderer/${file}`, "utf8");
      expect(text, file).not.toMatch(/Intl\.DateTimeFormat\(|new Date\([^)]*\)\.toLocale(?:Date|Time)?String\(|toLocaleDateString\(/);
    }
  });

  it("the screens that show dates use the one formatter, not the browser's locale", () => {
    for (const path of [
      "renderer/audit/AuditTable.tsx",
      "renderer/retrieval/SegmentRow.tsx",
      "renderer/exchange/messages.ts",
      "renderer/home/HomeScreen.tsx",
      "renderer/sources/viewer/SourceSidePanel.tsx",
      "renderer/sources/SourcesTable.tsx",
    ]) {
      const text = readFileSync(path, "utf8");
      expect(text, path).not.toMatch(/Intl\.DateTimeFormat\(undefined|toLocaleString\(undefined|toLocaleDateString\(\)/);
      expect(text, path).toMatch(/formatDate/);
    }
  });
});
