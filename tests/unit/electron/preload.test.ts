// electron/preload.ts exposes exactly window.margin, built from named functions.
import { describe, expect, it, vi } from "vitest";
import { MARGIN_API_FUNCTIONS } from "../helpers/marginApi";

const fake = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
}));

vi.mock("electron", () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.push([key, api]) },
  ipcRenderer: fake.ipcRenderer,
}));

describe("electron/preload.ts", () => {
  it("exposes only window.margin with its named functions, never ipcRenderer", async () => {
    await import("../../../electron/preload");
    expect(fake.exposed).toHaveLength(1);
    const [key, api] = fake.exposed[0] ?? [];
    expect(key).toBe("margin");
    const record = api as Record<string, unknown>;
    expect(Object.keys(record).sort()).toEqual(MARGIN_API_FUNCTIONS);
    expect(Object.values(record).every((v) => typeof v === "function")).toBe(true);
    expect(Object.values(record)).not.toContain(fake.ipcRenderer);
  });
});
