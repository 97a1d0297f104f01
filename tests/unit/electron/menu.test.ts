import type { MenuItemConstructorOptions } from "electron";
import { describe, expect, it } from "vitest";
import { buildMenuTemplate } from "../../../electron/menu";
import type { MenuCommand } from "../../../shared/ipc/contract";

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = flatten(items).find((i) => i.label === label);
  if (item === undefined) throw new Error(`no menu item ${label}`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  item.click?.({} as never, undefined, {} as never);
}

describe("buildMenuTemplate", () => {
  for (const platform of ["win32", "linux", "darwin"] as const) {
    it(`${platform}: Import/Export/Print/Settings/Find/Undo/Redo send the right command`, () => {
      const sent: MenuCommand[] = [];
      const template = buildMenuTemplate((c) => sent.push(c), platform, { isDev: false });
      const expected: [string, MenuCommand][] = [
        ["Import…", "import"],
        ["Export…", "export"],
        ["Print…", "print"],
        ["Settings…", "settings"],
        ["Find…", "find"],
        ["Undo", "undo"],
        ["Redo", "redo"],
      ];
      for (const [label, command] of expected) {
        click(find(template, label));
        expect(sent.at(-1)).toBe(command);
      }
      expect(sent).toHaveLength(expected.length);
    });
  }

  it("has File, Edit, View and Help menus on Windows with the expected items", () => {
    const template = buildMenuTemplate(() => undefined, "win32", { isDev: false });
    expect(template.map((m) => m.label)).toEqual(["&File", "&Edit", "&View", "&Help"]);
    const roles = flatten(template)
      .map((i) => i.role)
      .filter(Boolean);
    expect(roles).toEqual(
      expect.arrayContaining(["quit", "cut", "copy", "paste", "selectAll", "zoomIn", "zoomOut", "resetZoom", "togglefullscreen", "about"]),
    );
    expect(find(template, "About Margin").role).toBe("about");
    expect(find(template, "Redo").accelerator).toBe("Ctrl+Y");
  });

  it("undo/redo are app commands, not the native roles", () => {
    const roles = flatten(buildMenuTemplate(() => undefined, "linux", { isDev: true })).map((i) => i.role);
    expect(roles).not.toContain("undo");
    expect(roles).not.toContain("redo");
  });

  it("offers reload and devtools only in development", () => {
    const prodRoles = flatten(buildMenuTemplate(() => undefined, "win32", { isDev: false })).map((i) => i.role);
    expect(prodRoles).not.toContain("reload");
    expect(prodRoles).not.toContain("forceReload");
    expect(prodRoles).not.toContain("toggleDevTools");
    const devRoles = flatten(buildMenuTemplate(() => undefined, "win32", { isDev: true })).map((i) => i.role);
    expect(devRoles).toContain("reload");
  });

  it("puts About and Settings in the app menu on macOS", () => {
    const template = buildMenuTemplate(() => undefined, "darwin", { isDev: false });
    const appMenu = template[0];
    expect(appMenu?.label).toBe("Margin");
    const labels = (appMenu?.submenu as MenuItemConstructorOptions[]).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["About Margin", "Settings…"]));
  });
});
