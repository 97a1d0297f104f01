// The application menu, as a pure function of (send, platform, dev) so it is
// unit-tested without Electron. App-specific items send a menu:command to the
// renderer; text editing and window items use Electron's built-in roles.
//
// Undo/Redo are app commands, not roles: Margin has its own undo history for
// coding actions. The renderer decides whether an "undo" applies to a focused
// text field or to the coding history.

import type { MenuItemConstructorOptions } from "electron";
import type { MenuCommand } from "../shared/ipc/contract";

export interface MenuOptions {
  isDev: boolean;
  appName?: string;
}

export function buildMenuTemplate(
  send: (command: MenuCommand) => void,
  platform: NodeJS.Platform,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const isMac = platform === "darwin";
  const appName = options.appName ?? "Margin";
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => send(cmd),
  });

  const settings = command("Settings…", "settings", "CmdOrCtrl+,");
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, role: "about" };

  const template: MenuItemConstructorOptions[] = [];

  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        about,
        { type: "separator" },
        settings,
        { type: "separator" },
        { role: "services" },
        { type: "separator" },
        { role: "hide" },
        { role: "hideOthers" },
        { role: "unhide" },
        { type: "separator" },
        { role: "quit", label: `Quit ${appName}` },
      ],
    });
  }

  template.push({
    label: isMac ? "File" : "&File",
    submenu: [
      command("Import…", "import", "CmdOrCtrl+O"),
      command("Export…", "export", "CmdOrCtrl+E"),
      { type: "separator" },
      command("Print…", "print", "CmdOrCtrl+P"),
      ...(isMac
        ? [{ type: "separator" } as const, { role: "close" } as const]
        : [{ type: "separator" } as const, settings, { type: "separator" } as const, { role: "quit", label: "Quit" } as const]),
    ],
  });

  template.push({
    label: isMac ? "Edit" : "&Edit",
    submenu: [
      command("Undo", "undo", "CmdOrCtrl+Z"),
      command("Redo", "redo", platform === "win32" ? "Ctrl+Y" : "Shift+CmdOrCtrl+Z"),
      { type: "separator" },
      { role: "cut" },
      { role: "copy" },
      { role: "paste" },
      { role: "selectAll" },
      { type: "separator" },
      command("Find…", "find", "CmdOrCtrl+F"),
    ],
  });

  template.push({
    label: isMac ? "View" : "&View",
    submenu: [
      // Reload would discard unsaved renderer state; developers only.
      ...(options.isDev
        ? [
            { role: "reload" } as const,
            { role: "forceReload" } as const,
            { role: "toggleDevTools" } as const,
            { type: "separator" } as const,
          ]
        : []),
      { role: "resetZoom" },
      { role: "zoomIn" },
      { role: "zoomOut" },
      { type: "separator" },
      { role: "togglefullscreen" },
    ],
  });

  if (isMac) template.push({ role: "windowMenu" });

  // On macOS "About" lives in the app menu instead.
  if (!isMac) template.push({ label: "&Help", submenu: [about] });

  return template;
}
