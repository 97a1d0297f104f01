// app:info — what the renderer may know about the machine. The renderer never
// sees absolute paths (docs/security.md): the data folder is shown in a form
// relative to the user's home ("~/.config/Margin", "%APPDATA%\Margin"), which
// names no user and no disk layout.

import path from "node:path";
import type { AppInfo } from "../shared/ipc/contract";
import { keyProtectionLevel, type SafeStorageLike } from "./keys/keyProtection";

export interface AppInfoDeps {
  version: string;
  platform: string;
  /** app.getPath("userData"), app.getPath("appData") and app.getPath("home"). */
  userData: string;
  appData: string;
  home: string;
  safeStorage: SafeStorageLike;
}

/** `inner` relative to `outer` when inside it (case-insensitive on Windows), else undefined. */
function inside(paths: path.PlatformPath, outer: string, inner: string, ignoreCase: boolean): string | undefined {
  if (outer === "") return undefined;
  const fold = (p: string) => (ignoreCase ? p.toLowerCase() : p);
  const rel = paths.relative(fold(paths.resolve(outer)), fold(paths.resolve(inner)));
  if (rel === "" || rel.startsWith("..") || paths.isAbsolute(rel)) return undefined;
  // Take the tail from the original (un-folded) path so the folder keeps its real spelling.
  const original = paths.resolve(inner);
  return original.slice(original.length - rel.length);
}

/** The data folder as the researcher may see it: relative to home or %APPDATA%, never absolute. */
export function displayDataFolder(platform: string, userData: string, appData: string, home: string): string {
  if (platform === "win32") {
    const paths = path.win32;
    const underAppData = inside(paths, appData, userData, true);
    if (underAppData !== undefined) return `%APPDATA%\\${underAppData}`;
    const underHome = inside(paths, home, userData, true);
    if (underHome !== undefined) return `%USERPROFILE%\\${underHome}`;
    return paths.basename(userData);
  }
  const paths = path.posix;
  const underHome = inside(paths, home, userData, false);
  if (underHome !== undefined) return `~/${underHome}`;
  return paths.basename(userData);
}

export function appInfo(deps: AppInfoDeps): Promise<AppInfo> {
  return Promise.resolve({
    version: deps.version,
    platform: deps.platform,
    dataFolder: displayDataFolder(deps.platform, deps.userData, deps.appData, deps.home),
    keyProtection: keyProtectionLevel(deps.safeStorage, deps.platform),
  });
}
