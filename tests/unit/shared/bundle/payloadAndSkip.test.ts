import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { nodeChunkOpener, nodeSha256 } from "../../../../cli/keys";
import { BundleError, bundleFromZip, generateIdentity, readBundle, writeBundle, type OpenedBundle } from "../../../../shared/bundle";
import { listZip } from "../../../../shared/bundle/zipEntries";
import { planMerge } from "../../../../shared/merge";
import { PROJECT_TABLE_NAMES, type ProjectTables } from "../../../../shared/model/tables";
import { rng } from "../../../fixtures/docx/synthetic";
import { coding, INFO, sampleProject, source } from "./fixtures";
import { manifestOf } from "../model/forge";

/** The sample project plus a long transcript that compresses poorly: several age chunks, many inflate chunks. */
function projectWithLongSource(): ProjectTables {
  const t = sampleProject();
  const random = rng(11);
  let text = "";
  for (let i = 0; i < 400_000; i++) text += random() < 0.15 ? " " : String.fromCharCode(97 + Math.floor(random() * 26));
  const long = source("src-3", text);
  t.sources.push(long.source);
  t.sourceContent.push(long.content);
  t.codings.push(coding("cod-9", "src-3", "code-1", 100, 250));
  return t;
}

const me = await generateIdentity();
const tables = projectWithLongSource();
const sealed = await writeBundle(tables, INFO, { recipients: [me.recipient] });
const key = { identities: [me.identity] };

function withoutContent(t: ProjectTables) {
  const out: Record<string, unknown> = {};
  for (const name of PROJECT_TABLE_NAMES) if (name !== "sourceContent") out[name] = t[name];
  return out;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BundleError) return e.code;
    throw e;
  }
  return "opened";
}

describe("age payload opened chunk by chunk", () => {
  it("the native (node:crypto) and portable chunk openers read the same tables", async () => {
    expect(sealed.length).toBeGreaterThan(3 * 64 * 1024);
    const portable = await readBundle(sealed, key);
    const native = await readBundle(sealed, key, { chunkOpener: nodeChunkOpener, hasher: nodeSha256 });
    expect(native.tables).toEqual(portable.tables);
    expect(portable.tables.sourceContent.map((c) => c.text.length)).toEqual(tables.sourceContent.map((c) => c.text.length));
  });

  it("both openers tell a cut file from a changed one", async () => {
    for (const chunkOpener of [undefined, nodeChunkOpener]) {
      const options = chunkOpener ? { chunkOpener } : {};
      expect(await codeOf(readBundle(sealed.subarray(0, sealed.length - 10), key, options))).toBe("truncated");
      const flipped = sealed.slice();
      flipped[Math.floor(sealed.length / 3)]! ^= 1;
      expect(await codeOf(readBundle(flipped, key, options))).toBe("tampered");
      expect(await codeOf(readBundle(sealed, { identities: [(await generateIdentity()).identity] }, options))).toBe("wrong-key");
    }
  });
});

describe("transcripts the project already has are not read again", () => {
  const all = new Set(tables.sourceContent.map((c) => c.id));

  it("when the project has every source's text, the content table is left out and the merge plans the same", async () => {
    const full = await readBundle(sealed, key);
    const skipped = await readBundle(sealed, key, { skipContent: { projectId: INFO.projectId, sourceIds: all } });
    expect(skipped.tables.sourceContent).toEqual([]);
    expect(skipped.contentLeftOut.sort()).toEqual([...all].sort());
    expect(full.contentLeftOut).toEqual([]);
    expect(withoutContent(skipped.tables)).toEqual(withoutContent(full.tables));
    // The project the bundle came from, without one coding: both reads plan the same merge.
    const local = { ...tables, codings: tables.codings.filter((c) => c.id !== "cod-9") };
    const a = planMerge(local, full.tables);
    const b = planMerge(local, skipped.tables);
    expect(b.winners).toEqual(a.winners);
    expect(b.preview).toEqual(a.preview);
    expect(b.winners.codings.map((c) => c.id)).toEqual(["cod-9"]);
  });

  it("a source new to the project still brings its text; the others are skipped line by line", async () => {
    const known = new Set(["src-1", "src-3"]);
    const opened = await readBundle(sealed, key, { skipContent: { projectId: INFO.projectId, sourceIds: known } });
    expect(opened.tables.sourceContent.map((c) => c.id)).toEqual(["src-2"]);
    expect(opened.tables.sourceContent[0]).toEqual(tables.sourceContent.find((c) => c.id === "src-2"));
    expect(opened.contentLeftOut.sort()).toEqual(["src-1", "src-3"]);
    const local = {
      ...tables,
      sources: tables.sources.filter((s) => s.id !== "src-2"),
      sourceContent: tables.sourceContent.filter((c) => c.id !== "src-2"),
    };
    const plan = planMerge(local, opened.tables);
    expect(plan.winners.sources.map((s) => s.id)).toEqual(["src-2"]);
    expect(plan.winners.sourceContent.map((c) => c.id)).toEqual(["src-2"]);
  });

  it("every choice of known transcripts leaves out exactly those and parses the rest unchanged (Unicode, long lines)", async () => {
    const ids = tables.sourceContent.map((c) => c.id);
    for (let mask = 0; mask < 1 << ids.length; mask++) {
      const known = new Set(ids.filter((_, i) => mask & (1 << i)));
      const opened = await readBundle(sealed, key, { skipContent: { projectId: INFO.projectId, sourceIds: known } });
      expect(opened.tables.sourceContent).toEqual(tables.sourceContent.filter((c) => !known.has(c.id)));
      expect([...opened.contentLeftOut].sort()).toEqual([...known].sort());
    }
  });

  it("a bundle of another project is read whole (it may become a new project)", async () => {
    const opened = await readBundle(sealed, key, { skipContent: { projectId: "some-other-project", sourceIds: all } });
    expect(opened.tables.sourceContent).toHaveLength(3);
    expect(opened.contentLeftOut).toEqual([]);
  });

  it("content lines in another shape are parsed; hashes and counts are still checked for a table that is read", async () => {
    const lines = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r) + "\n").join("");
    const hex = async (text: string) => {
      const h = nodeSha256();
      h.update(strToU8(text));
      return Buffer.from(await h.digest()).toString("hex");
    };
    // src-2's line has its id last (another writer's key order); src-1's is in Margin's order.
    const [c1, c2] = [tables.sourceContent[0]!, tables.sourceContent[1]!];
    const { id: id2, ...rest2 } = c2;
    const content = JSON.stringify(c1) + "\n" + JSON.stringify({ ...rest2, id: id2 }) + "\n";
    const fileText = (t: string) => (t === "sourceContent" ? content : t === "sources" ? lines(tables.sources) : "");
    const zipOf = async (contentCount: number, contentSha: string) => {
      const entries: Record<string, { file: string; count: number; sha256: string }> = {};
      for (const t of PROJECT_TABLE_NAMES) {
        const count = t === "sourceContent" ? contentCount : t === "sources" ? tables.sources.length : 0;
        entries[t] = { file: `tables/${t}.ndjson`, count, sha256: t === "sourceContent" ? contentSha : await hex(fileText(t)) };
      }
      const manifest = manifestOf(entries);
      const files: Record<string, Uint8Array> = { "manifest.json": strToU8(JSON.stringify(manifest)) };
      for (const t of PROJECT_TABLE_NAMES) files[`tables/${t}.ndjson`] = strToU8(fileText(t));
      return zipSync(files);
    };
    const skipContent = { projectId: INFO.projectId, sourceIds: new Set(["src-1", "src-2"]) };
    const opened: OpenedBundle = await bundleFromZip(await zipOf(2, await hex(content)), { skipContent, hasher: nodeSha256 });
    // src-3 (in sources) is not known, so the content table is read: src-1 skipped, src-2 parsed.
    expect(opened.contentLeftOut).toEqual(["src-1"]);
    expect(opened.tables.sourceContent).toEqual([{ ...rest2, id: id2 }]);
    expect(await codeOf(bundleFromZip(await zipOf(3, await hex(content)), { skipContent, fileName: "x.margin" }))).toBe("tampered");
    expect(await codeOf(bundleFromZip(await zipOf(2, await hex(content + " ")), { skipContent, fileName: "x.margin" }))).toBe("tampered");
    // Damaged deflate data in the sources table: refused.
    const zip = await zipOf(2, await hex(content));
    const sourcesEntry = listZip(zip).find((e) => e.name === "tables/sources.ndjson");
    expect(sourcesEntry?.method).toBe(8);
    const damaged = zip.slice();
    const middle = (sourcesEntry?.data.byteOffset ?? 0) + Math.floor((sourcesEntry?.data.length ?? 0) / 2);
    for (let i = middle; i < middle + 8; i++) damaged[i] = (damaged[i] ?? 0) ^ 0xff;
    expect(await codeOf(bundleFromZip(damaged, { fileName: "x.margin", skipContent }))).toBe("tampered");
  });
});
