// docs/security.md lists every IPC channel and the preload function that calls it. This test keeps the
// table honest: a channel or a preload function added without its row (or a row left behind) fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMarginApi, type IpcRendererLike } from "../../../../electron/preloadApi";
import { Channels, INVOKE_CHANNELS } from "../../../../shared/ipc/contract";

const DOC = path.resolve(__dirname, "../../../../docs/security.md");

/** The rows of the markdown table whose header starts with `| <firstHeader> |`, as cells. */
function tableRows(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => new RegExp(`^\\|\\s*${firstHeader}\\s*\\|`).test(line));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, line.lastIndexOf("|"))
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

function code(cell: string | undefined): string {
  return /`([^`]+)`/.exec(cell ?? "")?.[1] ?? "";
}

/** Which channel each exposed preload function really uses, found by calling it against a fake ipcRenderer. */
async function preloadChannels(): Promise<Map<string, string>> {
  let used: string | undefined;
  const ipc: IpcRendererLike = {
    invoke: (channel) => {
      used = channel;
      return Promise.resolve({ ok: true, value: {} });
    },
    on: (channel) => {
      used = channel;
    },
    removeListener: () => undefined,
  };
  const api = createMarginApi(ipc) as unknown as Record<string, (arg?: unknown) => unknown>;
  const out = new Map<string, string>();
  for (const [name, fn] of Object.entries(api)) {
    used = undefined;
    await fn(name === "onMenuCommand" ? () => undefined : {});
    out.set(name, used ?? "(none)");
  }
  return out;
}

describe("docs/security.md matches the IPC contract", () => {
  const doc = readFileSync(DOC, "utf8");
  const rows = tableRows(doc, "Channel").map(([channel, fn]) => [code(channel), code(fn)] as const);

  it("has one row per channel of the contract, and no other", () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map(([channel]) => channel).sort()).toEqual(Object.values(Channels).sort());
  });

  it("names, for each channel, the preload function that calls it; the preload exposes no other", async () => {
    const actual = [...(await preloadChannels())].map(([fn, channel]) => [channel, fn] as const);
    expect([...rows].sort()).toEqual(actual.sort());
  });

  it("states the number of invoke channels the contract has", () => {
    const words = [
      "zero",
      "one",
      "two",
      "three",
      "four",
      "five",
      "six",
      "seven",
      "eight",
      "nine",
      "ten",
      "eleven",
      "twelve",
      "thirteen",
      "fourteen",
      "fifteen",
    ];
    const counts = [...doc.matchAll(/\b(\w+) (?:narrow, validated operations|invoke channels)\b/g)].map((m) => m[1]);
    expect(counts.length).toBeGreaterThan(0);
    for (const count of counts) expect(words.indexOf(count ?? "")).toBe(INVOKE_CHANNELS.length);
  });

  it("keeps a 'Limits on what Margin reads' table with the backup and IPC rows", () => {
    expect(doc).toMatch(/^## Limits on what Margin reads$/m);
    const limits = tableRows(doc, "Input class");
    expect(limits.every((row) => row.length === 3 && row.every((cell) => cell !== ""))).toBe(true);
    const inputs = limits.map(([input]) => input ?? "");
    expect(inputs).toEqual(expect.arrayContaining(["`backup:write` data", "IPC: any request from the renderer"]));
  });
});

describe("the table reader", () => {
  it("notices a missing row: the doc without its backup:delete row no longer matches the contract", () => {
    const doc = readFileSync(DOC, "utf8");
    const without = doc
      .split("\n")
      .filter((line) => !line.startsWith("| `backup:delete`"))
      .join("\n");
    expect(without).not.toBe(doc);
    const channels = tableRows(without, "Channel").map(([channel]) => code(channel));
    expect(channels).toHaveLength(Object.values(Channels).length - 1);
    expect(channels.sort()).not.toEqual(Object.values(Channels).sort());
  });
});
