// Window factories. The BrowserWindow constructor is passed in so the exact
// options (the security-relevant flags above all) are unit-tested with a fake,
// and the options stay an inline literal that static checkers such as
// electronegativity can read.

import type { BrowserWindowConstructorOptions } from "electron";

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export const BACKGROUND_COLOR = "#f7f6f2";

export function createMainWindow<W>(BrowserWindow: WindowConstructor<W>, preloadPath: string, isDev: boolean): W {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false, // shown on ready-to-show, so users never see a blank frame
    backgroundColor: BACKGROUND_COLOR,
    title: "Margin",
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click cannot open a link in a new window (new windows are denied anyway: belt and braces).
      disableBlinkFeatures: "Auxclick",
      safeDialogs: true,
      spellcheck: true,
      devTools: isDev,
    },
  });
}

/** Hidden window for print:toPdf: no preload (so no IPC at all) and no JavaScript. */
export function createPrintWindow<W>(BrowserWindow: WindowConstructor<W>): W {
  return new BrowserWindow({
    show: false,
    width: 794, // A4 at 96 dpi; printToPDF sets the real page size
    height: 1123,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      javascript: false,
      disableBlinkFeatures: "Auxclick",
      spellcheck: false,
      devTools: false,
    },
  });
}
