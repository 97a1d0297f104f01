// The app:// protocol handler (registered with protocol.handle in main.ts).
// Pure apart from the injected readFile, so it is unit-tested with real Request /
// Response objects and no Electron.

import { APP_HOST, PRINT_HOST } from "./origin";
import { isExtensionless, mimeTypeFor, resolveAppPath } from "./resolveAppPath";
import { APP_CSP, PRINT_CSP, securityHeaders } from "../security/csp";
import { errnoCode } from "../ipc/errors";
import type { PrintPageStore } from "../print/printPages";

export interface AppProtocolDeps {
  /** Absolute path of the renderer build (dist/). */
  distRoot: string;
  readFile(filePath: string): Promise<Uint8Array>;
  printPages: Pick<PrintPageStore, "get">;
  log?: (message: string, detail?: unknown) => void;
}

const NOT_FOUND_CODES = new Set(["ENOENT", "ENOTDIR", "EISDIR"]);

function textResponse(status: number, body: string, csp = APP_CSP): Response {
  return new Response(body, { status, headers: securityHeaders("text/plain; charset=utf-8", csp) });
}

function fileResponse(method: string, bytes: Uint8Array, contentType: string, csp = APP_CSP): Response {
  // Copy into a fresh ArrayBuffer-backed view: Response bodies must not alias a pooled Buffer.
  const body = method === "HEAD" ? null : new Uint8Array(bytes);
  return new Response(body, { status: 200, headers: securityHeaders(contentType, csp) });
}

export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  async function readOrNull(filePath: string): Promise<Uint8Array | null> {
    try {
      return await deps.readFile(filePath);
    } catch (err) {
      if (NOT_FOUND_CODES.has(errnoCode(err) ?? "")) return null;
      throw err;
    }
  }

  async function serveApp(method: string, urlPath: string): Promise<Response> {
    const filePath = resolveAppPath(deps.distRoot, urlPath);
    if (filePath === null) return textResponse(404, "Not found");
    const bytes = await readOrNull(filePath);
    if (bytes !== null) return fileResponse(method, bytes, mimeTypeFor(filePath));
    // Client-side routes (no extension) get the SPA shell; a missing asset is a real 404.
    if (!isExtensionless(urlPath)) return textResponse(404, "Not found");
    const indexPath = resolveAppPath(deps.distRoot, "/index.html");
    const index = indexPath === null ? null : await readOrNull(indexPath);
    return index === null ? textResponse(404, "Not found") : fileResponse(method, index, "text/html; charset=utf-8");
  }

  function servePrint(method: string, urlPath: string): Response {
    const token = urlPath.slice(1);
    const html = /^[A-Za-z0-9-]{16,64}$/.test(token) ? deps.printPages.get(token) : undefined;
    if (html === undefined) return textResponse(404, "Not found", PRINT_CSP);
    return fileResponse(method, new TextEncoder().encode(html), "text/html; charset=utf-8", PRINT_CSP);
  }

  return async (request: Request): Promise<Response> => {
    try {
      const url = new URL(request.url);
      if (url.protocol !== "app:") return textResponse(404, "Not found");
      const method = request.method.toUpperCase();
      if (method !== "GET" && method !== "HEAD") return textResponse(405, "Method not allowed");
      if (url.host === APP_HOST) return await serveApp(method, url.pathname);
      if (url.host === PRINT_HOST) return servePrint(method, url.pathname);
      return textResponse(404, "Not found");
    } catch (err) {
      (deps.log ?? console.error)("app:// handler failed", err);
      return textResponse(500, "Internal error");
    }
  };
}
