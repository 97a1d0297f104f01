/**
 * Issue 13 item 5: an authentic bundle (right hashes, right counts) may still unpack to far more than a
 * project: millions of tiny records, or a few bytes that inflate to gigabytes. Reading counts both as
 * the tables stream and stops at the limit. Limits are lowered here so the generated bombs stay small;
 * the last test pins the defaults to the numbers documented in docs/bundle-format.md.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleFromZip, generateIdentity, readBundle } from "../../../../shared/bundle";
import { BUNDLE_LIMITS } from "../../../../shared/bundle/limits";
import { PROJECT_TABLE_NAMES } from "../../../../shared/model/tables";
import { coding, memo, source, stamp } from "./fixtures";
import { streamedTableZip, refused } from "../model/forge";

const tiny = (i: number) => JSON.stringify(coding(`c${i}`, "src-1", "code-1", 0, 1, stamp(i)));

describe("item 5: what a bundle unpacks to is bounded", () => {
  it("more records than a table may hold, declared honestly: refused before anything is inflated", async () => {
    const zip = streamedTableZip("codings", 20_000, tiny);
    const e = await refused(
      bundleFromZip(zip, { fileName: "many.margin", limits: { records: { ...BUNDLE_LIMITS.records, codings: 10_000 } } }),
      "too-large",
    );
    expect(e.message).toBe(
      "“many.margin” says tables/codings.ndjson holds 20,000 records; Margin reads at most 10,000 codings from one bundle (see “Limits” in docs/bundle-format.md), so nothing was imported.",
    );
  });

  it("more records than declared (the manifest lies): reading stops at the limit", async () => {
    const zip = streamedTableZip("codings", 20_000, tiny, 10);
    const e = await refused(
      bundleFromZip(zip, { fileName: "lying.margin", limits: { records: { ...BUNDLE_LIMITS.records, codings: 10_000 } } }),
      "too-large",
    );
    expect(e.message).toMatch(
      /^“lying\.margin” holds more than 10,000 records in tables\/codings\.ndjson: more than Margin reads from one bundle/,
    );
  });

  it("a compression bomb: a few KB that inflate past the byte limit are refused while inflating", async () => {
    // 16K memos of 1 KB each, all alike but their ids: ~16 MiB that deflate to well under 1 MB.
    const body = "a".repeat(800);
    const zip = streamedTableZip("memos", 16 * 1024, (i) => JSON.stringify(memo(`m${i}`, "project", "proj-1", body, stamp(i))));
    expect(zip.length).toBeLessThan(1024 * 1024);
    const e = await refused(bundleFromZip(zip, { fileName: "bomb.margin", limits: { totalBytes: 4 * 1024 * 1024 } }), "too-large");
    expect(e.message).toMatch(/^“bomb\.margin” unpacks to more than 4,194,304 bytes in all \(reading stopped in tables\/memos\.ndjson\)/);
  });

  it("through age as well: an encrypted bundle of many records is refused the same way", async () => {
    const me = await generateIdentity();
    const { Encrypter } = await import("age-encryption");
    const enc = new Encrypter();
    enc.addRecipient(me.recipient);
    const sealed = await enc.encrypt(streamedTableZip("codings", 5_000, tiny, 1));
    await refused(
      readBundle(sealed, { identities: [me.identity] }, { limits: { records: { ...BUNDLE_LIMITS.records, codings: 1_000 } } }),
      "too-large",
    );
  });

  it("one record longer than the line limit is refused while it is still arriving, in either line reader", async () => {
    const long = JSON.stringify(memo("m-long", "project", "proj-1", "b".repeat(3 * 1024 * 1024), stamp(1)));
    const zip = streamedTableZip("memos", 1, () => long);
    const e = await refused(bundleFromZip(zip, { fileName: "long.margin", limits: { lineLength: 1024 * 1024 } }), "too-large");
    expect(e.message).toMatch(/^“long\.margin” has a record longer than 1,048,576 characters \(line 1 of tables\/memos\.ndjson\)/);
    // The content table read with transcripts to skip splits lines on bytes: the same limit holds.
    const content = JSON.stringify({
      id: "src-x",
      text: "c".repeat(3 * 1024 * 1024),
      blocks: [],
      marks: [],
      turns: [],
      timestamps: [],
      warnings: [],
    });
    const zip2 = streamedTableZip("sourceContent", 1, () => content, 1, { sources: [source("src-x", "c").source] });
    await refused(
      bundleFromZip(zip2, { limits: { lineLength: 1024 * 1024 }, skipContent: { projectId: "proj-1", sourceIds: new Set(["src-y"]) } }),
      "too-large",
    );
  });

  it("a manifest larger than its limit is refused", async () => {
    const zip = streamedTableZip("codings", 1, tiny);
    await refused(bundleFromZip(zip, { limits: { manifestBytes: 100 } }), "too-large");
  });

  it("the default limits are the numbers in docs/bundle-format.md", () => {
    const doc = readFileSync(path.resolve(__dirname, "../../../../docs/bundle-format.md"), "utf8");
    const section = doc.slice(doc.indexOf("### Limits"));
    const row = (label: string) => {
      const match = new RegExp(`^\\| ${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\| ([\\d,]+)`, "m").exec(section);
      expect(match, `no row “${label}” in the Limits table`).not.toBeNull();
      return Number((match?.[1] ?? "").replaceAll(",", ""));
    };
    expect(row("all tables, uncompressed bytes")).toBe(BUNDLE_LIMITS.totalBytes);
    expect(row("manifest.json, uncompressed bytes")).toBe(BUNDLE_LIMITS.manifestBytes);
    expect(row("one record (line), characters")).toBe(BUNDLE_LIMITS.lineLength);
    for (const table of PROJECT_TABLE_NAMES) expect(row(`\`${table}\` records`)).toBe(BUNDLE_LIMITS.records[table]);
  });
});
