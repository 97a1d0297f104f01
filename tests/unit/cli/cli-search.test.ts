/**
 * `margin search`: the bundle is opened as the other commands open it (main(), a real encrypted file),
 * and the hits are the ones the shared search core finds (shared/search/), printed as KWIC CSV or JSON.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli";
import { runSearch, type SearchArgs } from "../../../cli/commands/search";
import { generateIdentity, writeBundle } from "../../../shared/bundle";
import { INFO, sampleProject } from "../shared/bundle/fixtures";

let dir = "";
const file = (name: string) => path.join(dir, name);
const run = runCli;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "margin-cli-search-"));
  const id = await generateIdentity();
  writeFileSync(file("key.txt"), `# public key: ${id.recipient}\n${id.identity}\n`);
  writeFileSync(file("p.margin"), await writeBundle(sampleProject(), INFO, { recipients: [id.recipient] }));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("margin search (through main, on an encrypted bundle)", () => {
  it("prints KWIC CSV on stdout, folding accents, and the count on stderr", async () => {
    const r = await run("search", file("p.margin"), "--identity", file("key.txt"), "--query", "unicode OR quotes");
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split("\r\n");
    expect(lines[0]).toBe('"Source","Location","Left context","Hit","Right context","Start","End"');
    expect(lines[1]).toMatch(/^"Interview src-1","paragraph 1",".*It was hard\. ","Ünïcödé"," ✓ and emoji 🎉\.",/);
    expect(lines[2]).toMatch(/^"Interview src-2","paragraph 1",".*and “","quotes","”\.",/);
    expect(lines).toHaveLength(3);
    expect(r.out.charCodeAt(0)).not.toBe(0xfeff); // no byte-order mark on a terminal
    expect(r.err).toBe("2 hits in 2 sources.");
  });

  it("writes JSON to --out; a bad regular expression is refused with nothing written", async () => {
    const r = await run(
      "search",
      file("p.margin"),
      "-i",
      file("key.txt"),
      "--query",
      "hand\\w+",
      "--regex",
      "--format",
      "json",
      "--out",
      file("hits.json"),
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`Wrote 1 hit in 1 source to ${file("hits.json")} (JSON).`);
    const json = JSON.parse(readFileSync(file("hits.json"), "utf8")) as {
      total: number;
      hits: { hit: string; sourceName: string; start: number }[];
    };
    expect(json.total).toBe(1);
    expect(json.hits[0]).toMatchObject({ hit: "handover", sourceName: "Interview src-1", start: 16 });
    const bad = await run("search", file("p.margin"), "-i", file("key.txt"), "--query", "(hand", "--regex", "--out", file("bad.csv"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^margin search: This is not a regular expression Margin can read/);
    expect(existsSync(file("bad.csv"))).toBe(false);
  });

  it("needs --query, and is listed in the help", async () => {
    const r = await run("search", file("p.margin"), "-i", file("key.txt"));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/--query is required/);
    expect((await run("help")).out).toMatch(/margin search p\.margin/);
  });
});

describe("runSearch (in-process)", () => {
  const call = async (args: Partial<SearchArgs>) => {
    const written = new Map<string, string>();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSearch(
      sampleProject(),
      { query: "the", format: "csv", ...args },
      {
        writeFile: async (p, bytes) => void written.set(p, new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)),
        stdout: (l) => out.push(l),
        stderr: (l) => err.push(l),
      },
    );
    return { code, written, out: out.join("\n"), err: err.join("\n") };
  };

  it("match case, whole words and sort apply", async () => {
    // src-1 says "We talked about handover between the ward and the community team."
    expect((await call({ query: "we" })).err).toBe("2 hits in 1 source."); // We, betWEen
    expect((await call({ query: "we", matchCase: true })).err).toBe("1 hit in 1 source.");
    expect((await call({ query: "we", wholeWords: true })).err).toBe("1 hit in 1 source.");
    expect((await call({ query: "hand", wholeWords: true })).err).toBe("0 hits in 0 sources.");
    const byPosition = await call({ query: "e", sort: "position" });
    const starts = byPosition.out
      .split("\r\n")
      .slice(1)
      .map((l) => Number(/"(\d+)","\d+"$/.exec(l)?.[1]));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("CSV files get the byte-order mark; bad flags are refused", async () => {
    const r = await call({ out: "hits.csv" });
    expect(r.written.get("hits.csv")?.charCodeAt(0)).toBe(0xfeff);
    expect((await call({ format: "xml" })).code).toBe(2);
    expect((await call({ sort: "size" })).err).toMatch(/--sort must be one of source, position, hit/);
    expect((await call({ query: '"open' })).err).toMatch(/quotation mark is not closed/);
  });
});
