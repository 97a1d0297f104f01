import { describe, expect, it } from "vitest";
import { HostError } from "../../../../electron/ipc/errors";
import { registerHandlers, type HandlerMap, type InvokeEventLike, type IpcMainLike } from "../../../../electron/ipc/registerHandlers";
import { Channels, INVOKE_CHANNELS } from "../../../../shared/ipc/contract";

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function setup(overrides: Partial<HandlerMap> = {}) {
  const registered = new Map<string, Listener>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => registered.set(channel, listener) };
  const calls: unknown[] = [];
  const handlers: HandlerMap = {
    [Channels.appInfo]: () =>
      Promise.resolve({ version: "1.0.0", platform: "win32", dataFolder: "%APPDATA%\\Margin", keyProtection: "system-keyring" }),
    [Channels.openFiles]: (req) => {
      calls.push(req);
      return Promise.resolve({ files: [], canceled: true });
    },
    [Channels.saveFile]: (req) => {
      calls.push(req);
      return Promise.resolve({ saved: false });
    },
    [Channels.printToPdf]: () => Promise.resolve({ pdf: new Uint8Array([1]) }),
    [Channels.keysProtect]: () => Promise.resolve({ wrapped: new Uint8Array([1]) }),
    [Channels.keysUnprotect]: () => Promise.resolve({ secret: "AGE-SECRET-KEY-1X" }),
    [Channels.backupWrite]: () => Promise.resolve({ written: true }),
    [Channels.backupList]: () => Promise.resolve({ backups: [] }),
    [Channels.backupRead]: () => Promise.resolve({ data: new Uint8Array([1]) }),
    [Channels.backupDelete]: () => Promise.resolve({ deleted: true }),
    ...overrides,
  };
  const logs: string[] = [];
  registerHandlers(ipcMain, handlers, { log: (m) => logs.push(m) });
  const invoke = (channel: string, event: InvokeEventLike, ...args: unknown[]) => {
    const listener = registered.get(channel);
    if (listener === undefined) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args);
  };
  return { registered, invoke, calls, logs };
}

const trusted: InvokeEventLike = { senderFrame: { url: "app://margin/index.html", parent: null } };
const openReq = { title: "Import", filters: [{ name: "Docs", extensions: ["docx"] }], multiple: true };

describe("registerHandlers", () => {
  it("registers exactly the contract's channels", () => {
    expect([...setup().registered.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it("answers a trusted sender with an ok envelope", async () => {
    const { invoke } = setup();
    expect(await invoke(Channels.appInfo, trusted)).toEqual({
      ok: true,
      value: { version: "1.0.0", platform: "win32", dataFolder: "%APPDATA%\\Margin", keyProtection: "system-keyring" },
    });
    expect(await invoke(Channels.openFiles, { senderFrame: { url: "app://margin/projects/1?x#y", parent: null } }, openReq)).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ["https page", { senderFrame: { url: "https://evil.example/", parent: null } }],
    ["file page", { senderFrame: { url: "file:///C:/x.html", parent: null } }],
    ["print origin", { senderFrame: { url: "app://print/0123456789abcdef", parent: null } }],
    ["look-alike host", { senderFrame: { url: "app://margin.evil/index.html", parent: null } }],
    ["userinfo trick", { senderFrame: { url: "app://margin@evil/index.html", parent: null } }],
    ["sub-frame", { senderFrame: { url: "app://margin/index.html", parent: {} } }],
    ["destroyed frame", { senderFrame: null }],
  ])("rejects a sender that is not app://margin (%s) before validating or handling", async (_label, event) => {
    const { invoke, calls, logs } = setup();
    for (const channel of INVOKE_CHANNELS) {
      const reply = await invoke(channel, event as InvokeEventLike, channel === Channels.openFiles ? openReq : undefined);
      expect(reply).toMatchObject({ ok: false, error: { code: "forbidden-sender" } });
    }
    expect(calls).toEqual([]);
    expect(logs.length).toBe(INVOKE_CHANNELS.length);
  });

  it("rejects invalid input without calling the handler", async () => {
    const { invoke, calls } = setup();
    expect(await invoke(Channels.openFiles, trusted, { ...openReq, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: "invalid-request" },
    });
    expect(await invoke(Channels.saveFile, trusted, { suggestedName: "../x", data: new Uint8Array(), filters: [] })).toMatchObject({
      ok: false,
      error: { code: "invalid-request" },
    });
    expect(await invoke(Channels.appInfo, trusted, "unexpected")).toMatchObject({ ok: false });
    expect(await invoke(Channels.openFiles, trusted, openReq, "second arg")).toMatchObject({
      ok: false,
      error: { code: "invalid-request" },
    });
    expect(calls).toEqual([]);
  });

  it("passes the validated copy, not the sender's object", async () => {
    const { invoke, calls } = setup();
    await invoke(Channels.openFiles, trusted, openReq);
    expect(calls[0]).toEqual(openReq);
    expect(calls[0]).not.toBe(openReq);
  });

  it("turns handler errors into error envelopes without leaking internals", async () => {
    const { invoke } = setup({
      [Channels.saveFile]: () => Promise.reject(new HostError("disk-full", "There is not enough space on the disk.")),
      [Channels.printToPdf]: () => Promise.reject(new Error("secret stack /home/u/path")),
    });
    expect(await invoke(Channels.saveFile, trusted, { suggestedName: "a.txt", data: new Uint8Array(), filters: [] })).toEqual({
      ok: false,
      error: { code: "disk-full", message: "There is not enough space on the disk." },
    });
    const reply = await invoke(Channels.printToPdf, trusted, { html: "<p>", pageSize: "A4", title: "t" });
    expect(reply).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(JSON.stringify(reply)).not.toContain("secret");
  });
});
