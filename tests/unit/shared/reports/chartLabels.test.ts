import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { abbreviateMiddle, rowLabels, slantedLabels } from "../../../../shared/reports/chartLabels";

describe("chart labels", () => {
  it("shortens from the middle, keeping a path's last part whole where it fits", () => {
    expect(abbreviateMiddle("Short", 10)).toBe("Short");
    const path = "Implementation barriers/Time pressures on clinical staff";
    const short = abbreviateMiddle(path, 40);
    expect(short.length).toBeLessThanOrEqual(40);
    expect(short.endsWith("Time pressures on clinical staff")).toBe(true);
    expect(path.startsWith(short.split("…")[0] ?? "")).toBe(true);
  });

  it("never gives more characters than asked, and always the start and end of the name", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.integer({ min: 4, max: 120 }), (text, max) => {
        const out = abbreviateMiddle(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 3));
        if (out === text) return;
        const [head = "", tail = ""] = out.split("…");
        expect(text.startsWith(head)).toBe(true);
        expect(text.endsWith(tail)).toBe(true);
      }),
    );
  });

  it("makes room for the labels it draws", () => {
    const rows = rowLabels(["A", "Implementation barriers/Time pressures on clinical staff during go-live week"], 11, 330);
    expect(rows.width).toBeLessThanOrEqual(340);
    for (const label of rows.labels) expect(label.length * 11 * 0.6).toBeLessThanOrEqual(rows.width);
    const columns = slantedLabels(["Interview 1 – Ward manager, North site, go-live week (long)"], 10, 200, 45);
    expect(columns.labels[0]?.length).toBeLessThanOrEqual(33);
    expect(columns.height).toBeGreaterThan(100);
    expect(columns.reach[0]).toBeGreaterThan(100);
  });
});
