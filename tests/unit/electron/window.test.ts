import type { BrowserWindowConstructorOptions } from "electron";
import { describe, expect, it } from "vitest";
import { createMainWindow, createPrintWindow } from "../../../electron/window";

class FakeWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

describe("createMainWindow", () => {
  it("locks the renderer down", () => {
    const { options } = createMainWindow(FakeWindow, "/app/dist-electron/preload.cjs", false);
    expect(options.webPreferences).toMatchObject({
      preload: "/app/dist-electron/preload.cjs",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(options.show).toBe(false);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("turns off middle-click (Auxclick) in the main and the print window", () => {
    expect(createMainWindow(FakeWindow, "/p", false).options.webPreferences?.disableBlinkFeatures).toBe("Auxclick");
    expect(createPrintWindow(FakeWindow).options.webPreferences?.disableBlinkFeatures).toBe("Auxclick");
  });

  it("enables devtools only in development", () => {
    expect(createMainWindow(FakeWindow, "/p", true).options.webPreferences?.devTools).toBe(true);
  });
});

describe("createPrintWindow", () => {
  it("runs no script, has no preload, is hidden and sandboxed", () => {
    const { options } = createPrintWindow(FakeWindow);
    expect(options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(options.webPreferences?.preload).toBeUndefined();
    expect(options.show).toBe(false);
  });
});
