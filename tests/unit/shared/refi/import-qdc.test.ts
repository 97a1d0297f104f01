/** .qdc codebooks (and the <CodeBook> inside real .qde files) -> the codebook import plan. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { planCodebookQdc } from "../../../../shared/refi/qdc";

const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));
const QDPX_DIR = path.resolve(repoRoot, "../shared/corpus/qdpx");
const present = fs.existsSync(QDPX_DIR);
if (!present) console.warn(`NOTICE: ${QDPX_DIR} is absent; the .qdc tests on real codebooks are skipped.`);

const HAND_MADE = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
  <Codes>
    <Code guid="0f6a3b1e-1c2d-4e5f-8a9b-000000000001" name="Technology" isCodable="false" color="#0072B2">
      <Description>How the system works
When to use: any mention of the software</Description>
      <Code guid="0f6a3b1e-1c2d-4e5f-8a9b-000000000002" name="Usability" isCodable="true" color="#D55E00"/>
      <Code guid="0f6a3b1e-1c2d-4e5f-8a9b-000000000003" name="Interoperability" isCodable="true" color="pink"/>
    </Code>
    <Code guid="0f6a3b1e-1c2d-4e5f-8a9b-000000000004" name="Organisation" isCodable="true"/>
  </Codes>
</CodeBook>`;

describe(".qdc codebook import", () => {
  it("a hand-made .qdc: hierarchy, colours, descriptions, bad colour reported by line", () => {
    const planned = planCodebookQdc(strToU8(HAND_MADE), "framework.qdc", []);
    if (!planned.ok) throw new Error(planned.message);
    const { plan } = planned;
    expect(plan.create.map((c) => c.path.join("/"))).toEqual([
      "Technology",
      "Technology/Usability",
      "Technology/Interoperability",
      "Organisation",
    ]);
    expect(plan.create[0]?.colour).toBe("#0072b2");
    expect(plan.create[0]?.description).toBe("How the system works\n\nWhen to use: any mention of the software");
    expect(plan.create[1]?.parent).toEqual({ newRef: plan.create[0]?.ref });
    expect(plan.problems).toEqual([
      { line: 8, message: "Line 8: “pink” is not a #RRGGBB colour, so the code keeps its colour.", skipped: false },
    ]);
  });

  it("importing it again into a project that has the codes creates nothing", () => {
    const first = planCodebookQdc(strToU8(HAND_MADE), "framework.qdc", []);
    if (!first.ok) throw new Error(first.message);
    const ids = new Map<string, string>();
    const existing = first.plan.create.map((c, i) => {
      ids.set(c.ref, `id-${i}`);
      const parent = c.parent && "newRef" in c.parent ? (ids.get(c.parent.newRef) ?? null) : null;
      return {
        id: `id-${i}`,
        parentId: parent,
        name: c.name,
        order: c.order,
        description: c.description,
        colour: c.colour ?? "#000000",
        isCategory: false,
        deleted: false,
      };
    });
    const again = planCodebookQdc(strToU8(HAND_MADE), "framework.qdc", existing);
    if (!again.ok) throw new Error(again.message);
    expect(again.plan.create).toHaveLength(0);
    expect(again.plan.matched).toHaveLength(4);
  });

  it("bad files: not XML, wrong root, no codes", () => {
    const bad = planCodebookQdc(strToU8("<CodeBook><Codes><Code></Codes></CodeBook>"), "broken.qdc", []);
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.message).toMatch(/“broken\.qdc” has malformed XML at line 1/);
    const wrong = planCodebookQdc(strToU8("<Codebook/>"), "wrong.qdc", []);
    expect(!wrong.ok && wrong.message).toMatch(/root element is <Codebook>, not <CodeBook>/);
    const empty = planCodebookQdc(strToU8(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>`), "empty.qdc", []);
    expect(!empty.ok && empty.message).toMatch(/has no codes/);
  });
});

describe.skipIf(!present)(".qdc from the <CodeBook> of real exports", () => {
  for (const [file, codes, withColour] of [
    ["nvivo-win12.6_oltas0517.qdpx", 152, 0],
    ["atlasti8.4_standard-project_no-sources.qdpx", 14, 13],
    ["qc1.3.2_demo.qdpx", 262, 0],
  ] as const) {
    it(file, () => {
      const zip = unzipSync(new Uint8Array(fs.readFileSync(path.join(QDPX_DIR, file))));
      const qdeName = Object.keys(zip).find((n) => /^[^/]+\.qde$/i.test(n)) ?? "";
      const qde = new TextDecoder().decode(zip[qdeName]);
      const element = /<CodeBook>[\s\S]*<\/CodeBook>/.exec(qde)?.[0] ?? "";
      const qdc = `<?xml version="1.0" encoding="utf-8"?>\n${element.replace("<CodeBook>", '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">')}`;
      const planned = planCodebookQdc(strToU8(qdc), "extracted.qdc", []);
      if (!planned.ok) throw new Error(planned.message);
      // Same count as <Code> elements; sibling codes with the same name would be matched, not duplicated.
      expect(planned.codes).toBe((element.match(/<Code\b[\s>/]/g) ?? []).length);
      expect(planned.codes).toBe(codes);
      expect(planned.plan.create.length + planned.plan.problems.filter((p) => p.skipped).length).toBe(codes);
      // ATLAS.ti gives every code but "milk" a colour; NVivo and qc none.
      expect(planned.plan.create.filter((c) => c.colour !== null)).toHaveLength(withColour);
      // The whole .qde is accepted as a codebook file too.
      const fromQde = planCodebookQdc(zip[qdeName] ?? new Uint8Array(), qdeName, []);
      expect(fromQde.ok && fromQde.codes).toBe(codes);
    });
  }
});
