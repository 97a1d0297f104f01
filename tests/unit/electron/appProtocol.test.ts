import path from "node:path";
import { describe, expect, it } from "vitest";
import { createAppProtocolHandler } from "../../../electron/protocol/appProtocol";
import { PrintPageStore } from "../../../electron/print/printPages";
import { APP_CSP, PRINT_CSP } from "../../../electron/security/csp";

const ROOT = "/srv/dist";
const files: Record<string, string> = {
  [path.join(ROOT, "index.html")]: "<!doctype html><title>Margin</title>",
  [path.join(ROOT, "assets/app.js")]: "console.log(1)",
  [path.join(ROOT, "assets/app.css")]: "body{}",
};

function setup() {
  const reads: string[] = [];
  const printPages = new PrintPageStore(() => "0123456789abcdef0123");
  const handler = createAppProtocolHandler({
    distRoot: ROOT,
    printPages,
    readFile: (p) => {
      reads.push(p);
      const body = files[p];
      if (body === undefined) return Promise.reject(Object.assign(new Error("nope"), { code: "ENOENT" }));
      return Promise.resolve(new TextEncoder().encode(body));
    },
  });
  return { handler, reads, printPages };
}

describe("app:// protocol handler", () => {
  it("serves files with MIME type, CSP and nosniff", async () => {
    const { handler } = setup();
    const res = await handler(new Request("app://margin/assets/app.js"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toBe(APP_CSP);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toBe("console.log(1)");
  });

  it("the CSP is the agreed policy", () => {
    expect(APP_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it("serves index.html for / and for extensionless SPA routes", async () => {
    const { handler } = setup();
    for (const url of ["app://margin/", "app://margin/projects/42/codes"]) {
      const res = await handler(new Request(url));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await res.text()).toContain("<title>Margin</title>");
    }
  });

  it("404s a missing asset instead of falling back", async () => {
    const { handler } = setup();
    const res = await handler(new Request("app://margin/assets/missing.js"));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-security-policy")).toBe(APP_CSP);
  });

  it("404s unknown hosts and never touches the disk for them", async () => {
    const { handler, reads } = setup();
    const res = await handler(new Request("app://evil/index.html"));
    expect(res.status).toBe(404);
    expect(reads).toEqual([]);
  });

  it("404s traversal attempts without reading outside dist", async () => {
    const { handler, reads } = setup();
    for (const url of ["app://margin/..%2f..%2fetc%2fpasswd", "app://margin/%252e%252e/secret", "app://margin/..%5csecret"]) {
      const res = await handler(new Request(url));
      expect(res.status).toBe(404);
    }
    expect(reads.every((p) => p.startsWith(ROOT + path.sep))).toBe(true);
  });

  it("rejects non-GET methods", async () => {
    const { handler } = setup();
    const res = await handler(new Request("app://margin/index.html", { method: "POST", body: "x" }));
    expect(res.status).toBe(405);
  });

  it("answers HEAD without a body", async () => {
    const { handler } = setup();
    const res = await handler(new Request("app://margin/assets/app.css", { method: "HEAD" }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("returns 500 (not a crash) when the disk read fails unexpectedly", async () => {
    const handler = createAppProtocolHandler({
      distRoot: ROOT,
      printPages: new PrintPageStore(() => "x"),
      log: () => undefined,
      readFile: () => Promise.reject(Object.assign(new Error("io"), { code: "EIO" })),
    });
    const res = await handler(new Request("app://margin/index.html"));
    expect(res.status).toBe(500);
  });

  it("serves print pages on their own origin with the print CSP, only while registered", async () => {
    const { handler, printPages } = setup();
    const token = printPages.add("<h1>Report</h1>");
    const res = await handler(new Request(`app://print/${token}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(PRINT_CSP);
    expect(await res.text()).toBe("<h1>Report</h1>");
    printPages.delete(token);
    expect((await handler(new Request(`app://print/${token}`))).status).toBe(404);
    expect((await handler(new Request("app://print/short"))).status).toBe(404);
  });
});
