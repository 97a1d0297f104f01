/**
 * Issue 13 item 6: applying a codebook import plan gives new codes palette colours in linear time
 * (the old apply rescanned every code's colour for each new code) and the same colours as before.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { freshIndexedDb } from "./helpers";
import { applyCodebookPlan, listCodes } from "../../../../renderer/db/codes";
import { CODE_COLOURS, nextCodeColour } from "../../../../shared/coding/palette";
import { planCodebookCsv } from "../../../../shared/codebook/csv";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);
afterEach(() => vi.restoreAllMocks());

describe("codebook plan apply colours", () => {
  it("gives 1,000 new codes the least-used colours, reading colours a bounded number of times per code", async () => {
    const p = await newProject();
    const n = 1000;
    const csv = `Path,Colour\r\nFirst,${CODE_COLOURS[0]}\r\n${Array.from({ length: n - 1 }, (_, i) => `Code ${i},`).join("\r\n")}\r\n`;
    const planned = planCodebookCsv("codebook.csv", csv, []);
    if (!planned.ok) throw new Error(planned.message);
    const lower = vi.spyOn(String.prototype, "toLowerCase");
    expect(await applyCodebookPlan(p, planned.plan, "codebook.csv")).toEqual({ created: n, updated: 0 });
    const calls = lower.mock.calls.length;
    lower.mockRestore();
    // Linear: the old apply lower-cased every earlier colour for each new code (about n²/2 = 500,000).
    expect(calls).toBeLessThan(10 * n);
    const codes = (await listCodes(p)).sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt));
    const used: string[] = [];
    for (const code of planned.plan.create) {
      const made = codes.find((c) => c.name === code.name);
      expect(made?.colour).toBe(code.colour ?? nextCodeColour(used));
      used.push(made?.colour ?? "");
    }
  });
});
