import path from "node:path";
import { describe, expect, it } from "vitest";
import { isExtensionless, mimeTypeFor, resolveAppPath } from "../../../electron/protocol/resolveAppPath";

const ROOT = "/opt/margin/resources/app.asar/dist";

describe("resolveAppPath", () => {
  it.each([
    ["/index.html", "index.html"],
    ["/assets/x.js", "assets/x.js"],
    ["/assets/index-B1a2_c3.css", "assets/index-B1a2_c3.css"],
    ["/", "index.html"],
    ["/assets/Interview%20guide.png", "assets/Interview guide.png"],
  ])("accepts %s", (urlPath, rel) => {
    expect(resolveAppPath(ROOT, urlPath)).toBe(path.join(ROOT, rel));
  });

  it.each([
    ["parent segment", "/../etc/passwd"],
    ["nested parent", "/assets/../../etc/passwd"],
    ["current dir", "/./index.html"],
    ["encoded traversal", "/%2e%2e%2fetc%2fpasswd"],
    ["encoded dots only", "/%2e%2e/etc/passwd"],
    ["mixed case encoding", "/%2E%2E/secret"],
    ["encoded slash", "/assets%2f..%2f..%2fsecret"],
    ["encoded backslash", "/..%5c..%5cwindows%5cwin.ini"],
    ["double encoded dot", "/%252e%252e/etc/passwd"],
    ["double encoded slash", "/..%252f..%252fsecret"],
    ["backslash", "/..\\..\\secret"],
    ["backslash in name", "/assets\\x.js"],
    ["NUL byte", "/index.html\u0000.png"],
    ["encoded NUL", "/index.html%00.png"],
    ["absolute (double slash)", "//etc/passwd"],
    ["no leading slash", "index.html"],
    ["windows drive", "/C:/Windows/win.ini"],
    ["encoded drive", "/C%3A/Windows/win.ini"],
    ["NTFS stream", "/index.html::$DATA"],
    ["device name", "/assets/nul.js"],
    ["dotfile", "/.env"],
    ["trailing dot", "/index.html."],
    ["empty segment", "/assets//x.js"],
    ["malformed escape", "/%E0%A4%A"],
    ["control character", "/index\u0007.html"],
    ["too long", `/${"a".repeat(2000)}`],
  ])("rejects %s", (_label, urlPath) => {
    expect(resolveAppPath(ROOT, urlPath)).toBeNull();
  });

  it("never returns a path outside the root (Windows paths)", () => {
    const winRoot = "C:\\Program Files\\Margin\\resources\\app.asar\\dist";
    expect(resolveAppPath(winRoot, "/assets/x.js", path.win32)).toBe(`${winRoot}\\assets\\x.js`);
    expect(resolveAppPath(winRoot, "/..\\..\\x", path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, "/C:/x", path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, "/CON", path.win32)).toBeNull();
  });
});

describe("isExtensionless", () => {
  it("recognises SPA routes", () => {
    expect(isExtensionless("/projects/123")).toBe(true);
    expect(isExtensionless("/")).toBe(true);
    expect(isExtensionless("/assets/x.js")).toBe(false);
  });
});

describe("mimeTypeFor", () => {
  it.each([
    ["index.html", "text/html; charset=utf-8"],
    ["a/b.JS", "text/javascript; charset=utf-8"],
    ["a.mjs", "text/javascript; charset=utf-8"],
    ["a.css", "text/css; charset=utf-8"],
    ["a.json", "application/json; charset=utf-8"],
    ["a.svg", "image/svg+xml"],
    ["a.png", "image/png"],
    ["a.woff2", "font/woff2"],
    ["a.wasm", "application/wasm"],
    ["a.unknownext", "application/octet-stream"],
    ["dir.d/noext", "application/octet-stream"],
  ])("%s → %s", (file, mime) => {
    expect(mimeTypeFor(file)).toBe(mime);
  });
});
