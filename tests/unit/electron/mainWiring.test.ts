// Smoke test of the thin glue in electron/main.ts against a fake "electron"
// module (the real binary is not available in CI).
import { beforeAll, describe, expect, it, vi } from "vitest";

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Fn>();
  const windows: { options: unknown; loaded: string[]; events: Map<string, Fn>; contentsEvents: Map<string, Fn> }[] = [];
  class BrowserWindow {
    static getFocusedWindow(): null {
      return null;
    }
    readonly loaded: string[] = [];
    readonly events = new Map<string, Fn>();
    readonly contentsEvents = new Map<string, Fn>();
    readonly webContents = {
      send: vi.fn(),
      on: (event: string, l: Fn) => this.contentsEvents.set(event, l),
      getURL: () => this.loaded.at(-1) ?? "",
      loadURL: (url: string) => this.loadURL(url),
      isDestroyed: () => false,
    };
    constructor(readonly options: unknown) {
      windows.push(this);
    }
    once(event: string, l: Fn): void {
      this.events.set(event, l);
    }
    on(event: string, l: Fn): void {
      this.events.set(event, l);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return false;
    }
    show = vi.fn();
  }
  const ipcHandlers = new Map<string, Fn>();
  const session = {
    webRequest: { onBeforeRequest: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    on: vi.fn(),
  };
  return {
    appListeners,
    windows,
    ipcHandlers,
    session,
    module: {
      app: {
        isPackaged: true,
        enableSandbox: vi.fn(),
        requestSingleInstanceLock: () => true,
        on: (event: string, l: Fn) => appListeners.set(event, l),
        whenReady: () => Promise.resolve(),
        isReady: () => true,
        getAppPath: () => "/opt/margin/app.asar",
        getVersion: () => "0.1.0",
        getPath: (name: string) =>
          ({ userData: "/home/u/.config/Margin", appData: "/home/u/.config", home: "/home/u", documents: "/home/u/Documents" })[name] ??
          `/home/u/${name}`,
        setAboutPanelOptions: vi.fn(),
        quit: vi.fn(),
        exit: vi.fn(),
      },
      BrowserWindow,
      dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) },
      ipcMain: { handle: (channel: string, l: Fn) => ipcHandlers.set(channel, l) },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      // Linux without a keyring: available, but only with Chromium's built-in password.
      safeStorage: { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => "basic_text" },
      session: { defaultSession: session },
    },
  };
});

vi.mock("electron", () => fake.module);

beforeAll(async () => {
  await import("../../../electron/main");
  await new Promise((r) => setTimeout(r, 0)); // let whenReady().then(start) run
});

describe("electron/main.ts wiring", () => {
  it("registers app:// as privileged (without bypassCSP) and serves it", () => {
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
    ]);
    expect(fake.module.protocol.handle).toHaveBeenCalledWith("app", expect.any(Function));
    expect(fake.module.app.enableSandbox).toHaveBeenCalled();
  });

  it("hardens the session and every webContents", () => {
    expect(fake.session.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(fake.session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.session.setPermissionCheckHandler).toHaveBeenCalled();
    expect(fake.appListeners.has("web-contents-created")).toBe(true);
    expect(fake.appListeners.has("second-instance")).toBe(true);
  });

  it("opens one locked-down window on app://margin/index.html", () => {
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0];
    expect(win?.loaded).toEqual(["app://margin/index.html"]);
    expect(win?.options).toMatchObject({
      show: false,
      webPreferences: {
        preload: "/opt/margin/app.asar/dist-electron/preload.cjs",
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        devTools: false,
      },
    });
    expect(win?.events.has("ready-to-show")).toBe(true);
    expect(fake.module.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it("registers the contract's handlers and answers app:info for the app only", async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([
      "app:info",
      "backup:delete",
      "backup:list",
      "backup:read",
      "backup:write",
      "dialog:openFiles",
      "file:save",
      "keys:protect",
      "keys:unprotect",
      "print:toPdf",
    ]);
    const appInfo = fake.ipcHandlers.get("app:info");
    const reply = await appInfo?.({ senderFrame: { url: "app://margin/index.html", parent: null } });
    // No absolute path reaches the renderer (docs/security.md), and basic_text is not protection.
    expect(JSON.stringify(reply)).not.toContain("/home/u");
    if (process.platform !== "win32") {
      expect(reply).toEqual({
        ok: true,
        value: {
          version: "0.1.0",
          platform: process.platform,
          dataFolder: "~/.config/Margin",
          keyProtection: process.platform === "linux" ? "no-keyring" : "system-keyring",
        },
      });
    }
    expect(await appInfo?.({ senderFrame: { url: "https://evil.example/", parent: null } })).toMatchObject({ ok: false });
  });

  it("reloads a window whose renderer died, at the same place, with the recovery flag", () => {
    const win = fake.windows[0];
    const gone = win?.contentsEvents.get("render-process-gone");
    expect(gone).toBeTypeOf("function");
    win?.loaded.push("app://margin/index.html#/project/p1/sources");
    gone?.({}, { reason: "oom", exitCode: 9 });
    expect(win?.loaded.at(-1)).toBe("app://margin/index.html?recovered=memory#/project/p1/sources");
  });
});
