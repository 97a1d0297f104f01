// Main process: thin glue. All logic lives in modules that take their side
// effects as parameters and are unit-tested without Electron; this file only
// wires real Electron objects to them. See docs/security.md.

import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from "electron";
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { nodeAtomicWriteFs, syncFolderBestEffort } from "../node/atomicWrite";
import { Channels, type MenuCommand } from "../shared/ipc/contract";
import { appInfo } from "./appInfo";
import { deleteBackup, listBackups, readBackup, writeBackup, type BackupStoreDeps } from "./backups/backupStore";
import { openFiles } from "./files/openFiles";
import { protectKey, unprotectKey } from "./keys/keyProtection";
import { saveFile } from "./files/saveFile";
import { registerHandlers, type HandlerMap } from "./ipc/registerHandlers";
import { buildMenuTemplate } from "./menu";
import { PrintPageStore } from "./print/printPages";
import { printToPdf } from "./print/printToPdf";
import { createAppProtocolHandler } from "./protocol/appProtocol";
import { watchRendererGone } from "./recovery/rendererGone";
import { APP_ENTRY_URL, APP_SCHEME } from "./protocol/origin";
import { hardenSession, hardenWebContents } from "./security/hardening";
import { createMainWindow, createPrintWindow } from "./window";

// Must run before "ready". Privileged = a real origin with fetch/streams and
// secure-context APIs (IndexedDB, crypto.subtle). NOT bypassCSP: our CSP applies.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
  },
]);

// Every renderer sandboxed, whatever its webPreferences say.
app.enableSandbox();

// The app name decides the userData folder (%APPDATA%\Margin). Never rename it:
// users' IndexedDB lives there.
const isDev = !app.isPackaged;
const printPages = new PrintPageStore(() => randomUUID());
let mainWindow: BrowserWindow | null = null;

function sendMenuCommand(command: MenuCommand): void {
  const target = mainWindow ?? BrowserWindow.getFocusedWindow();
  if (target !== null && !target.isDestroyed()) target.webContents.send(Channels.menuCommand, command);
}

function openMainWindow(): BrowserWindow {
  const preload = path.join(app.getAppPath(), "dist-electron", "preload.cjs");
  const win = createMainWindow(BrowserWindow, preload, isDev);
  win.once("ready-to-show", () => {
    win.show();
  });
  win.on("closed", () => {
    if (mainWindow === win) mainWindow = null;
  });
  // A renderer that dies (e.g. out of memory) is reloaded with a message; saved work is in IndexedDB.
  watchRendererGone(win.webContents, {
    now: () => Date.now(),
    showError: (message) => {
      dialog.showMessageBox(win, { type: "error", title: "Margin", message }).catch(() => undefined);
    },
    log: (message) => console.error(message),
  });
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
    console.error("Failed to load the app", err);
  });
  return win;
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function parentWindow(): BrowserWindow | undefined {
  return mainWindow ?? BrowserWindow.getFocusedWindow() ?? undefined;
}

function backupDeps(): BackupStoreDeps {
  return {
    root: path.join(app.getPath("userData"), "backups"),
    fs: {
      mkdir: (dir, options) => fs.mkdir(dir, options),
      open: (p, flags) => fs.open(p, flags),
      rename: (from, to) => fs.rename(from, to),
      unlink: (p) => fs.unlink(p),
      syncFolder: syncFolderBestEffort,
      readdir: (dir) => fs.readdir(dir),
      stat: (p) => fs.stat(p),
      readFile: (p) => fs.readFile(p),
    },
    randomSuffix: () => randomUUID(),
  };
}

function handlers(): HandlerMap {
  return {
    [Channels.appInfo]: () =>
      appInfo({
        version: app.getVersion(),
        platform: process.platform,
        userData: app.getPath("userData"),
        appData: app.getPath("appData"),
        home: app.getPath("home"),
        safeStorage,
      }),
    [Channels.openFiles]: (req) =>
      openFiles(req, {
        showOpenDialog: (options) => {
          const parent = parentWindow();
          return parent === undefined ? dialog.showOpenDialog(options) : dialog.showOpenDialog(parent, options);
        },
        fs: {
          stat: (p) => fs.stat(p),
          readdir: (p, options) => fs.readdir(p, options),
          readFile: (p) => fs.readFile(p),
          realpath: (p) => fs.realpath(p),
        },
      }),
    [Channels.saveFile]: (req) =>
      saveFile(req, {
        showSaveDialog: (options) => {
          const parent = parentWindow();
          return parent === undefined ? dialog.showSaveDialog(options) : dialog.showSaveDialog(parent, options);
        },
        defaultDirectory: app.getPath("documents"),
        fs: nodeAtomicWriteFs,
        randomSuffix: () => randomUUID(),
      }),
    [Channels.printToPdf]: (req) =>
      printToPdf(req, {
        createWindow: () => createPrintWindow(BrowserWindow),
        pages: printPages,
      }),
    [Channels.keysProtect]: (req) => protectKey(req, safeStorage, process.platform),
    [Channels.keysUnprotect]: (req) => unprotectKey(req, safeStorage),
    [Channels.backupWrite]: (req) => writeBackup(req, backupDeps()),
    [Channels.backupList]: (req) => listBackups(req, backupDeps()),
    [Channels.backupRead]: (req) => readBackup(req, backupDeps()),
    [Channels.backupDelete]: (req) => deleteBackup(req, backupDeps()),
  };
}

function start(): void {
  app.setAboutPanelOptions({ applicationName: "Margin", applicationVersion: app.getVersion() });

  hardenSession(session.defaultSession);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      distRoot: path.join(app.getAppPath(), "dist"),
      readFile: (p) => fs.readFile(p),
      printPages,
    }),
  );
  registerHandlers(ipcMain, handlers());
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(sendMenuCommand, process.platform, { isDev })));

  mainWindow = openMainWindow();
}

// Applies to every webContents ever created: main window, print windows, devtools.
app.on("web-contents-created", (_event, contents) => {
  hardenWebContents(contents);
});

if (!app.requestSingleInstanceLock()) {
  // Two instances would share (and could corrupt) one IndexedDB; hand over to the first.
  app.quit();
} else {
  app.on("second-instance", focusMainWindow);
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  app.on("activate", () => {
    if (mainWindow === null && app.isReady()) mainWindow = openMainWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error("Margin failed to start", err);
      app.exit(1);
    });
}
