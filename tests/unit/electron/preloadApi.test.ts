import { describe, expect, it } from "vitest";
import { MARGIN_API_FUNCTIONS } from "../helpers/marginApi";
import { createMarginApi, type IpcRendererLike } from "../../../electron/preloadApi";
import { Channels, hostErrorCode, type MenuCommand } from "../../../shared/ipc/contract";

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(reply: unknown) {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invoked.push([channel, ...args]);
      return Promise.resolve(reply);
    },
    on: (channel, l) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(l);
    },
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l({ sender: "secret" }, ...args));
  return { ipc, invoked, emit, listeners };
}

describe("createMarginApi", () => {
  it("exposes exactly the named functions", () => {
    const api = createMarginApi(fakeIpc(null).ipc);
    expect(Object.keys(api).sort()).toEqual(MARGIN_API_FUNCTIONS);
  });

  it("invokes the right channel and unwraps the envelope", async () => {
    const { ipc, invoked } = fakeIpc({ ok: true, value: { saved: false } });
    const api = createMarginApi(ipc);
    const req = { suggestedName: "a.txt", data: new Uint8Array([1]), filters: [] };
    expect(await api.saveFile(req)).toEqual({ saved: false });
    await api.appInfo();
    expect(invoked).toEqual([[Channels.saveFile, req], [Channels.appInfo]]);
  });

  it("turns a failure envelope into an Error carrying the code", async () => {
    const { ipc } = fakeIpc({ ok: false, error: { code: "too-many-files", message: "Too many." } });
    const err = await createMarginApi(ipc)
      .openFiles({ title: "", filters: [], multiple: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe("[too-many-files] Too many.");
    expect(hostErrorCode(err)).toBe("too-many-files");
  });

  it("delivers only valid menu commands, without the IPC event, and unsubscribes", () => {
    const { ipc, emit, listeners } = fakeIpc(null);
    const got: MenuCommand[] = [];
    const off = createMarginApi(ipc).onMenuCommand((c) => got.push(c));
    emit(Channels.menuCommand, "import");
    emit(Channels.menuCommand, "rm -rf");
    emit(Channels.menuCommand, { command: "print" });
    expect(got).toEqual(["import"]);
    off();
    expect(listeners.get(Channels.menuCommand)?.size).toBe(0);
    emit(Channels.menuCommand, "export");
    expect(got).toEqual(["import"]);
  });
});
