/**
 * Issue 13 items 2 and 3: a bundle's records are checked on read — each transcript against its content
 * hash, every record against its schema, the checks across records — and the manifest must list the
 * eight tables and nothing else. Bundles here are forged by hand (forge.ts) with correct hashes: what
 * anyone holding a member's public key can make.
 */
import { describe, expect, it } from "vitest";
import { bundleFromZip, generateIdentity, readBundle, writeBundle } from "../../../../shared/bundle";
import { emptyProjectTables, type ProjectTableName, type ProjectTables } from "../../../../shared/model/tables";
import { coding, INFO, sampleProject, source, stamp, textHash } from "./fixtures";
import { DEEP, forgeZip, refused } from "../model/forge";

/** Tables as a forger sees them: any field may hold anything. */
type LooseTables = Record<ProjectTableName, Record<string, unknown>[]>;

/** sampleProject with one change made by `edit` (records as loose JSON, as a forger writes them). */
function forged(edit: (t: LooseTables) => void): ProjectTables {
  const t = structuredClone(sampleProject());
  edit(t as unknown as LooseTables);
  return t;
}

describe("item 2: every transcript is checked against its source's content hash", () => {
  it("a forged text under a real transcript's hash is refused, naming the file and the source", async () => {
    const tables = forged((t) => {
      t.sourceContent[0]!.text = "We never talked about handover. Forged, but just as long as before, padded to match!";
    });
    // The forger keeps the character count right; the hash still gives it away.
    const real = sampleProject().sourceContent[0]!.text;
    tables.sourceContent[0]!.text = tables.sourceContent[0]!.text.padEnd(real.length, ".").slice(0, real.length);
    expect(tables.sources[0]!.contentHash).toBe(textHash(real));
    const e = await refused(bundleFromZip(forgeZip(tables), { fileName: "forged.margin" }), "invalid-records");
    expect(e.message).toContain("“forged.margin”");
    expect(e.message).toContain("“Interview src-1”");
    expect(e.message).toMatch(/sourceContent “src-1”: text of source “Interview src-1” does not match the source's content hash/);

    // Encrypted to a member's key by someone who has it: age is satisfied, the hash is not.
    const me = await generateIdentity();
    const sealed = await writeBundle(tables, INFO, { recipients: [me.recipient] });
    await refused(readBundle(sealed, { identities: [me.identity] }, { fileName: "forged.margin" }), "invalid-records");
  });

  it("a transcript whose length differs from its source's count, or with no source, is refused", async () => {
    await refused(bundleFromZip(forgeZip(forged((t) => void (t.sources[0]!.charCount = 5)))), "invalid-records");
    const orphan = source("src-9", "Nobody's text.");
    await refused(
      bundleFromZip(forgeZip(forged((t) => void t.sourceContent.push(orphan.content as unknown as Record<string, unknown>)))),
      "invalid-records",
    );
  });

  it("the real transcript still matches: an honest bundle opens unchanged", async () => {
    const { tables } = await bundleFromZip(forgeZip(sampleProject()));
    expect(tables).toEqual(sampleProject());
  });
});

/** Each: what the adversary wrote, and the table, id and field the refusal must name. */
const MALFORMED: [string, (t: LooseTables) => void, RegExp][] = [
  ["a code whose name is null", (t) => void (t.codes[0]!.name = null), /codes “code-1”: name is null, not text/],
  ["a code whose name is a number", (t) => void (t.codes[0]!.name = 42), /codes “code-1”: name is number, not text/],
  ["a coding with a text offset", (t) => void (t.codings[0]!.start = "15"), /codings “cod-1”: start is text, not a whole number/],
  ["a coding with a negative offset", (t) => void (t.codings[0]!.start = -4), /codings “cod-1”: start is -4, not a whole number from 0/],
  ["a coding with a fractional offset", (t) => void (t.codings[0]!.end = 20.5), /codings “cod-1”: end is 20.5/],
  [
    "a coding past the end of its source",
    (t) => void (t.codings[0]!.end = 5000),
    /codings “cod-1”: end is 5000, past the end of source “Interview src-1”/,
  ],
  [
    "a coding that starts after it ends",
    (t) => void Object.assign(t.codings[0]!, { start: 30, end: 20 }),
    /codings “cod-1”: start is after the end \(30 > 20\)/,
  ],
  [
    "a live coding on a missing source",
    (t) => void (t.codings[0]!.sourceId = "src-nowhere"),
    /codings “cod-1”: sourceId points at source “src-nowhere”, which is not in the bundle/,
  ],
  [
    "a live coding on a missing code",
    (t) => void (t.codings[0]!.codeId = "code-nowhere"),
    /codings “cod-1”: codeId points at code “code-nowhere”/,
  ],
  ["caseIds as a string", (t) => void (t.sources[0]!.caseIds = "case-1"), /sources “src-1”: caseIds is text, not a list of case ids/],
  ["a memo body of 100k nested arrays", (t) => void (t.memos[0]!.body = DEEP), /memos “memo-1”: body is a list, not text/],
  ["a malformed stamp", (t) => void (t.codes[1]!.updatedAt = "!!!"), /codes “code-2”: updatedAt is not a clock stamp \(“!!!”\)/],
  ["a duplicate id", (t) => void t.codes.push({ ...t.codes[0]! }), /codes “code-1”: id appears more than once/],
  [
    "a record that is not an object",
    (t) => void t.memos.push(7 as unknown as Record<string, unknown>),
    /memos a record: \(record\) is number, not a record/,
  ],
  ["a record without an id", (t) => void delete t.cases[0]!.id, /cases a record: id is missing/],
  ["a deleted flag as text", (t) => void (t.coders[0]!.deleted = "false"), /coders “coder-a”: deleted is text, not true or false/],
  ["an unknown source kind", (t) => void (t.sources[1]!.kind = "podcast"), /sources “src-2”: kind is “podcast”, not one of interview/],
  ["a content hash that is not hex", (t) => void (t.sources[1]!.contentHash = "<script>"), /sources “src-2”: contentHash is not a SHA-256/],
  [
    "an attribute value that is an object",
    (t) => void (t.cases[0]!.values = { "attr-1": { nested: true } }),
    /cases “case-1”: values “attr-1” is an object, not text or a number/,
  ],
  [
    "a block past the end of the text",
    (t) => void ((t.sourceContent[1]!.blocks as { end: number }[])[0]!.end = 9999),
    /sourceContent “src-2”: blocks has a range ending at 9999/,
  ],
  [
    "a __proto__ field in a record",
    (t) => void Object.defineProperty(t.codes[0]!, "__proto__", { value: { polluted: true }, enumerable: true }),
    /codes “code-1”: __proto__ is a forbidden field name/,
  ],
  [
    "an unknown field nested 100k deep",
    (t) => void (t.codes[0]!.future = DEEP),
    /codes “code-1”: future is an unknown field nested more than 16 deep/,
  ],
];

describe("item 3: every record is checked against its schema, and refused with table, id and field", () => {
  it.each(MALFORMED)("%s", async (_what, edit, named) => {
    const e = await refused(bundleFromZip(forgeZip(forged(edit)), { fileName: "odd.margin" }), "invalid-records");
    expect(e.message).toContain("“odd.margin”");
    expect(e.message).toContain("nothing was imported");
    expect(e.message).toMatch(named);
  });

  it("lists the first problems and counts the rest", async () => {
    const tables = forged((t) => {
      for (const c of t.codings) c.start = "x";
      for (const c of t.codes) c.name = null;
    });
    const e = await refused(bundleFromZip(forgeZip(tables)), "invalid-records");
    expect(e.message).toMatch(/holds 5 records Margin cannot use/);
  });

  it("a table missing from the manifest is refused by name", async () => {
    const e = await refused(bundleFromZip(forgeZip(sampleProject(), { omit: ["codings"] }), { fileName: "short.margin" }), "bad-manifest");
    expect(e.message).toBe("“short.margin” has a manifest that does not list the table “codings”.");
  });

  it("an extra table such as __proto__ is refused, and nothing is polluted", async () => {
    for (const extra of ["__proto__", "constructor", "notes"]) {
      const tables = { ...sampleProject() } as unknown as Record<string, unknown[]>;
      Object.defineProperty(tables, extra, { value: [{ id: "x", polluted: true }], enumerable: true });
      const e = await refused(bundleFromZip(forgeZip(tables)), "bad-manifest");
      expect(e.message).toContain(`lists a table “${extra}” Margin does not know`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("unknown plain fields are kept (a newer Margin's optional field); missing required ones are not", async () => {
    const tables = forged((t) => void (t.codes[0]!.mergedInto = "code-2"));
    const { tables: out } = await bundleFromZip(forgeZip(tables));
    expect((out.codes[0] as unknown as Record<string, unknown>).mergedInto).toBe("code-2");
    await refused(bundleFromZip(forgeZip(forged((t) => void delete t.codes[0]!.colour))), "invalid-records");
  });

  it("a tombstoned coding may point at what is gone; a live one may not", async () => {
    const ok = forged((t) => Object.assign(t.codings[2]!, { codeId: "code-purged" }));
    expect(ok.codings[2]!.deleted).toBe(true);
    await bundleFromZip(forgeZip(ok));
  });

  it("a delta may point at records the project has: the read accepts it (the merge checks it, recordSchemas.test.ts)", async () => {
    const delta = emptyProjectTables();
    delta.codings.push(coding("cod-new", "src-1", "code-1", 0, 10, stamp(9)));
    const { tables } = await bundleFromZip(forgeZip(delta, { manifest: { kind: "delta", since: stamp(5) } }));
    expect(tables.codings).toHaveLength(1);
  });
});
