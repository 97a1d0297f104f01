// Maps an app://margin/ URL path to a file inside the renderer's dist/ folder.
//
// Chromium already normalises "." and ".." segments of standard-scheme URLs, but
// this guard does not rely on that: it is the only thing standing between a URL
// and the file system, so it rejects anything that is not an obviously-safe
// relative path, then proves the result is still inside the root.

import path from "node:path";
import { isSafeFileName } from "../../shared/ipc/validate";

type PathApi = Pick<typeof path, "resolve" | "relative" | "isAbsolute">;

const MAX_URL_PATH = 1024;
// Percent-encoded separators, NUL, dots and "%" itself (=double encoding): no
// legitimate asset name needs them, and each is a known traversal trick.
const ENCODED_TRICKS = /%(?:2f|5c|00|2e|25)/i;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * @param distRoot absolute path of the renderer build (dist/)
 * @param urlPath the URL's pathname, still percent-encoded, e.g. "/assets/x.js"
 * @returns the absolute file path, or null if the path is not acceptable
 */
export function resolveAppPath(distRoot: string, urlPath: string, pathApi: PathApi = path): string | null {
  if (urlPath.length === 0 || urlPath.length > MAX_URL_PATH) return null;
  if (!urlPath.startsWith("/")) return null;
  if (urlPath.includes("\\") || CONTROL_CHARS.test(urlPath) || ENCODED_TRICKS.test(urlPath)) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed escapes
  }
  if (decoded.includes("\\") || decoded.includes("%") || CONTROL_CHARS.test(decoded)) return null;

  const relative = decoded === "/" ? "index.html" : decoded.slice(1);
  const segments = relative.split("/");
  for (const segment of segments) {
    // Empty ("//", absolute-looking), ".", "..", dotfiles, drive letters and
    // NTFS streams (":"), reserved device names (CON, NUL...), trailing dots.
    if (segment.startsWith(".") || !isSafeFileName(segment)) return null;
  }

  const root = pathApi.resolve(distRoot);
  const full = pathApi.resolve(root, ...segments);
  const rel = pathApi.relative(root, full);
  if (rel === "" || rel.startsWith("..") || pathApi.isAbsolute(rel)) return null;
  return full;
}

/** SPA routes like /projects/123 have no extension; only those fall back to index.html. */
export function isExtensionless(urlPath: string): boolean {
  const last = urlPath.split("/").pop() ?? "";
  return !last.includes(".");
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".wasm": "application/wasm",
};

/** Unknown types are served as opaque bytes; with nosniff they can never run as script. */
export function mimeTypeFor(filePath: string): string {
  const dot = filePath.lastIndexOf(".");
  const sep = Math.max(filePath.lastIndexOf("/"), filePath.lastIndexOf("\\"));
  if (dot <= sep) return "application/octet-stream";
  return MIME_TYPES[filePath.slice(dot).toLowerCase()] ?? "application/octet-stream";
}
