import { describe, expect, it } from "vitest";
import {
  cleanOptions,
  formatAttributeValue,
  inferAttributeType,
  isIsoDate,
  parseAttributeValue,
  parseNumber,
} from "../../../../shared/cases/values";

const role = { type: "category" as const, options: ["Nurse", "GP"] };

describe("attribute values", () => {
  it("parses numbers as researchers write them", () => {
    expect(parseNumber("42")).toBe(42);
    expect(parseNumber(" -3.5 ")).toBe(-3.5);
    expect(parseNumber(".5")).toBe(0.5);
    expect(parseNumber("3,5")).toBeNull();
    expect(parseNumber("3,5", true)).toBe(3.5);
    expect(parseNumber("1,234.5")).toBeNull();
    expect(parseNumber("forty")).toBeNull();
    expect(parseNumber("1e3")).toBeNull();
  });

  it("accepts only real yyyy-mm-dd dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("07/03/2024")).toBe(false);
  });

  it("validates against the type, empty meaning no value", () => {
    expect(parseAttributeValue("  ", { type: "number", options: [] })).toEqual({ ok: true, value: null });
    expect(parseAttributeValue(" 41 ", { type: "number", options: [] })).toEqual({ ok: true, value: 41 });
    expect(parseAttributeValue("about 40", { type: "number", options: [] })).toEqual({
      ok: false,
      message: expect.stringContaining("“about 40” is not a number"),
    });
    expect(parseAttributeValue("2021-03-07", { type: "date", options: [] })).toEqual({ ok: true, value: "2021-03-07" });
    // UK day-first input is accepted and stored as yyyy-mm-dd (issue 14 item 12b).
    expect(parseAttributeValue("07/03/2021", { type: "date", options: [] })).toEqual({ ok: true, value: "2021-03-07" });
    expect(parseAttributeValue("7.3.2021", { type: "date", options: [] })).toEqual({ ok: true, value: "2021-03-07" });
    expect(parseAttributeValue("31/02/2021", { type: "date", options: [] })).toEqual({
      ok: false,
      message: expect.stringContaining("dd/mm/yyyy"),
    });
    expect(parseAttributeValue(" free  text ", { type: "text", options: [] })).toEqual({ ok: true, value: "free  text" });
  });

  it("matches category options ignoring case, and adds new ones only when asked", () => {
    expect(parseAttributeValue("nurse", role)).toEqual({ ok: true, value: "Nurse" });
    expect(parseAttributeValue("Manager", role)).toEqual({ ok: false, message: "“Manager” is not one of the options (“Nurse”, “GP”)." });
    expect(parseAttributeValue("Manager", role, { allowNewOption: true })).toEqual({ ok: true, value: "Manager", newOption: "Manager" });
  });

  it("infers types from a column", () => {
    expect(inferAttributeType(["34", "41", ""]).type).toBe("number");
    expect(inferAttributeType(["34,5", "41"], { decimalComma: true }).type).toBe("number");
    expect(inferAttributeType(["2021-03-07", "2019-11-30"]).type).toBe("date");
    expect(inferAttributeType(["Nurse", "GP", "nurse", "Band 10", "Band 2", "GP", "Nurse", "GP"])).toEqual({
      type: "category",
      options: ["Band 2", "Band 10", "GP", "Nurse"],
    });
    expect(inferAttributeType(["Trust A", "Trust B", "Trust C"]).type).toBe("text");
    expect(inferAttributeType(["", " "]).type).toBe("text");
  });

  it("cleans option lists and formats values", () => {
    expect(cleanOptions([" Nurse", "nurse", "", "GP "])).toEqual(["Nurse", "GP"]);
    expect(formatAttributeValue(3.5)).toBe("3.5");
    expect(formatAttributeValue(null)).toBe("");
    expect(formatAttributeValue(undefined)).toBe("");
  });
});
