import type { WebContents } from "electron";
import { describe, expect, it } from "vitest";
import { hardenSession, hardenWebContents, isPermissionAllowed } from "../../../electron/security/hardening";
import { isAllowedRequestUrl } from "../../../electron/security/network";

describe("isAllowedRequestUrl", () => {
  it.each([
    "app://margin/index.html",
    "app://margin/assets/index-abc.js",
    "app://print/0123456789abcdef",
    "data:image/png;base64,iVBORw0KGgo=",
    "blob:app://margin/6f1c4e2a-0000-4000-8000-000000000000",
    "devtools://devtools/bundled/inspector.html",
  ])("allows %s", (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    "http://example.com/",
    "https://nhs.uk/",
    "https://127.0.0.1:5173/",
    "ws://localhost:8080/",
    "wss://example.com/socket",
    "file:///etc/passwd",
    "file:///C:/Windows/win.ini",
    "ftp://example.com/file",
    "app://evil/index.html",
    "app://margin.evil.com/",
    "blob:https://evil.com/uuid",
    "chrome://settings",
    "javascript:alert(1)",
    "about:blank",
    "not a url",
    "",
  ])("denies %s", (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });
});

describe("permissions", () => {
  it("denies everything except persistent storage and clipboard write for the app origin", () => {
    expect(isPermissionAllowed("persistent-storage", "app://margin")).toBe(true);
    expect(isPermissionAllowed("clipboard-sanitized-write", "app://margin/index.html")).toBe(true);
    expect(isPermissionAllowed("persistent-storage", "app://print")).toBe(false);
    expect(isPermissionAllowed("persistent-storage", "https://evil.com")).toBe(false);
    expect(isPermissionAllowed("persistent-storage", undefined)).toBe(false);
    for (const p of ["media", "geolocation", "notifications", "clipboard-read", "openExternal", "hid", "usb", "fullscreen"]) {
      expect(isPermissionAllowed(p, "app://margin")).toBe(false);
    }
  });
});

type Listener = (...args: unknown[]) => unknown;

describe("hardenSession", () => {
  it("cancels network requests and denies permission requests/checks", () => {
    const handlers: Record<string, Listener> = {};
    const fake = {
      webRequest: { onBeforeRequest: (l: Listener) => (handlers["beforeRequest"] = l) },
      setPermissionRequestHandler: (l: Listener) => (handlers["request"] = l),
      setPermissionCheckHandler: (l: Listener) => (handlers["check"] = l),
      setDevicePermissionHandler: (l: Listener) => (handlers["device"] = l),
      on: (event: string, l: Listener) => (handlers[event] = l),
    };
    hardenSession(fake as never, () => undefined);

    const decisions: unknown[] = [];
    handlers["beforeRequest"]?.({ url: "https://example.com/" }, (r: unknown) => decisions.push(r));
    handlers["beforeRequest"]?.({ url: "app://margin/index.html" }, (r: unknown) => decisions.push(r));
    expect(decisions).toEqual([{ cancel: true }, { cancel: false }]);

    const granted: boolean[] = [];
    handlers["request"]?.({}, "media", (g: boolean) => granted.push(g), { requestingUrl: "app://margin/index.html" });
    expect(granted).toEqual([false]);
    expect(handlers["check"]?.(null, "geolocation", "app://margin", {})).toBe(false);
    expect(handlers["device"]?.({})).toBe(false);

    let prevented = false;
    handlers["will-download"]?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe("hardenWebContents", () => {
  it("blocks navigation, redirects, webviews and new windows", () => {
    const listeners: Record<string, Listener> = {};
    let openHandler: Listener | undefined;
    const fake = {
      on: (event: string, l: Listener) => {
        listeners[event] = l;
      },
      setWindowOpenHandler: (h: Listener) => {
        openHandler = h;
      },
    };
    hardenWebContents(fake as unknown as WebContents);

    for (const event of ["will-navigate", "will-redirect", "will-attach-webview"]) {
      let prevented = false;
      listeners[event]?.({ preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
    }
    let subframePrevented = false;
    listeners["will-frame-navigate"]?.({ isMainFrame: false, preventDefault: () => (subframePrevented = true) });
    expect(subframePrevented).toBe(true);
    expect(openHandler?.({ url: "https://example.com" })).toEqual({ action: "deny" });
  });
});
