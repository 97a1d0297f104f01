/**
 * Issue 13 item 6: a .qdpx or .qdc with a huge codebook is imported in linear time or refused with
 * the limit, naming the file. Fixtures are generated (./manyCodes.ts); the timings are in
 * tests/bench/codebook-import-bench.ts, not here.
 */
import { strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { MAX_IMPORTED_CODES } from "../../../../shared/codebook/plan";
import { RefiError } from "../../../../shared/refi/errors";
import { importQdpx } from "../../../../shared/refi/import";
import { planCodebookQdc } from "../../../../shared/refi/qdc";
import { qdeWithCodes, qdpxWithCodes } from "./manyCodes";

describe("codebook size on REFI import", () => {
  it(`refuses a .qdpx of ${MAX_IMPORTED_CODES + 1} codes with the limit and the file name`, async () => {
    const refused = await importQdpx(qdpxWithCodes(MAX_IMPORTED_CODES + 1), "huge.qdpx").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefiError);
    expect((refused as RefiError).message).toBe("“huge.qdpx” has 20,001 codes; Margin imports at most 20,000 codes from one file.");
  }, 30_000);

  it("imports 3,000 codes with every palette colour used evenly", async () => {
    const result = await importQdpx(qdpxWithCodes(3000), "big.qdpx");
    expect(result.tables.codes).toHaveLength(3000);
    const counts = new Map<string, number>();
    for (const c of result.tables.codes) counts.set(c.colour, (counts.get(c.colour) ?? 0) + 1);
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
  });

  it(`refuses a .qdc codebook of ${MAX_IMPORTED_CODES + 1} codes in the plan`, () => {
    const qdc = qdeWithCodes(MAX_IMPORTED_CODES + 1)
      .replace(/<Project [^>]*>/, '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">')
      .replace("</CodeBook></Project>", "</CodeBook>")
      .replace("<CodeBook><Codes>", "<Codes>");
    const planned = planCodebookQdc(strToU8(qdc), "huge.qdc", []);
    expect(planned).toEqual({ ok: false, message: "“huge.qdc” has 20,001 codes; Margin imports at most 20,000 codes from one file." });
  }, 30_000);

  it("gives each code of a .qdc its own line in one pass over the file", () => {
    const qdc = qdeWithCodes(120, 10)
      .replace(/></g, ">\n<")
      .replace(/<Project [^>]*>/, '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">')
      .replace("</CodeBook>\n</Project>", "</CodeBook>")
      .replace("<CodeBook>\n<Codes>", "<Codes>");
    const planned = planCodebookQdc(strToU8(qdc), "lines.qdc", []);
    if (!planned.ok) throw new Error(planned.message);
    const lines = qdc.split("\n");
    for (const create of planned.plan.create) expect(lines[create.line - 1]).toContain(`name="${create.name}"`);
  });
});
