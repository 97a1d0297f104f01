// Session- and webContents-level lockdown, applied in main.ts. Electron objects
// are passed in (type-only imports) so this is testable with fakes.

import type { Session, WebContents } from "electron";
import { APP_ORIGIN } from "../protocol/origin";
import { isAllowedRequestUrl } from "./network";

/**
 * Everything is denied except two harmless capabilities for the app's own origin:
 *  - persistent-storage: lets navigator.storage.persist() succeed, so coding data
 *    is never treated as evictable cache;
 *  - clipboard-sanitized-write: navigator.clipboard.writeText for "copy quote".
 * Clipboard *read*, camera, microphone, geolocation, notifications, HID/USB/serial,
 * openExternal, fullscreen-by-script, etc. are all refused.
 */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(["persistent-storage", "clipboard-sanitized-write"]);

export function isPermissionAllowed(permission: string, origin: string | undefined): boolean {
  if (origin === undefined) return false;
  // Chromium may pass an origin ("app://margin") or a full URL; normalise to origin.
  const normalised = origin.endsWith("/") ? origin.slice(0, -1) : origin;
  const isApp = normalised === APP_ORIGIN || origin.startsWith(`${APP_ORIGIN}/`);
  return isApp && APP_PERMISSIONS.has(permission);
}

type SessionLike = Pick<Session, "setPermissionRequestHandler" | "setPermissionCheckHandler" | "setDevicePermissionHandler" | "on"> & {
  webRequest: Pick<Session["webRequest"], "onBeforeRequest">;
};

export function hardenSession(ses: SessionLike, log: (message: string) => void = console.warn): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) log(`blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
  // Every file write goes through file:save (atomic, validated); no browser downloads.
  ses.on("will-download", (event) => {
    event.preventDefault();
  });
}

export function hardenWebContents(contents: WebContents): void {
  // The app is a single-page app that routes with the History API, so it never
  // needs a real navigation; a navigation means something went wrong (or an attack).
  contents.on("will-navigate", (event) => {
    event.preventDefault();
  });
  contents.on("will-frame-navigate", (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on("will-redirect", (event) => {
    event.preventDefault();
  });
  contents.on("will-attach-webview", (event) => {
    event.preventDefault();
  });
  // No new windows and, in this version, no external links at all: the laptops are offline.
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
}
