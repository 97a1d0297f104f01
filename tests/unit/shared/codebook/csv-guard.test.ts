/**
 * Issue 13 item 9: the codebook CSV guards cells starting with a tab or carriage return against
 * formula injection, as the other CSVs do (one shared test, startsLikeFormula), and import undoes it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportCodebookCsv, planCodebookCsv } from "../../../../shared/codebook/csv";
import { MAX_IMPORTED_CODES, type PlanCode } from "../../../../shared/codebook/plan";
import { parseDescription } from "../../../../shared/codebook/description";

const code = (id: string, name: string, description: string): PlanCode => ({
  id,
  parentId: null,
  name,
  order: 0,
  isCategory: false,
  deleted: false,
  description,
  colour: "#0072B2",
});

/** The cells of the exported data row (one code), quotes removed. */
function cellsOf(csv: string): string[] {
  const row = csv.replace(/^\uFEFF/, "").split("\r\n")[1] ?? "";
  const cells: string[] = [];
  for (const m of row.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
    const raw = m[1] ?? "";
    cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (m[2] === "") break;
  }
  return cells;
}

describe("codebook CSV formula guard", () => {
  it("guards a cell starting with a tab or a carriage return (a code name from another tool or a bundle)", () => {
    expect(cellsOf(exportCodebookCsv([code("a", "\t=cmd|' -C calc'!A0", "")]))[0]).toBe("'\t=cmd|' -C calc'!A0");
    expect(cellsOf(exportCodebookCsv([code("a", "\r@SUM(1+1)", "")]))[0]).toBe("'\r@SUM(1+1)");
  });

  it("every text cell that a spreadsheet would run is guarded, and import gives the same text back", () => {
    const risky = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "'=", "''+", "'\t", "");
    const word = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /^[A-Za-z][A-Za-z ]*[A-Za-z]$|^[A-Za-z]$/.test(s));
    fc.assert(
      fc.property(risky, word, risky, word, (p1, w1, p2, w2) => {
        const definition = `${p1}${w1}`;
        const example = `${p2}${w2}`;
        const description = `${definition}\n\nExample: ${example}`;
        const csv = exportCodebookCsv([code("a", "Access", description)]);
        for (const cell of cellsOf(csv).slice(1, 5)) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
        const planned = planCodebookCsv("codebook.csv", csv, []);
        if (!planned.ok) throw new Error(planned.message);
        const back = parseDescription(planned.plan.create[0]?.description ?? "");
        const expected = parseDescription(description);
        expect(back.definition).toBe(expected.definition);
        expect(back.example).toBe(expected.example);
      }),
    );
  });

  it(`refuses a codebook CSV of more than ${MAX_IMPORTED_CODES} codes with the limit`, () => {
    const rows = Array.from({ length: MAX_IMPORTED_CODES + 1 }, (_, i) => `Code ${i}`);
    const planned = planCodebookCsv("huge.csv", `Path\r\n${rows.join("\r\n")}\r\n`, []);
    expect(planned).toEqual({ ok: false, message: "“huge.csv” has 20,001 codes; Margin imports at most 20,000 codes from one file." });
  });
});
