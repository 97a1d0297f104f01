// Content-Security-Policy and other response headers for everything served on app://.
// The renderer's index.html also carries a <meta> CSP; the header is the one that
// cannot be removed by a compromised document, and it covers every response.

/** The app itself: no inline script, no eval, no network beyond its own origin. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Print pages (app://print/<token>) are renderer-supplied HTML loaded in a window
 * with JavaScript disabled. No script of any kind and nothing fetched: styles
 * must be inline and images data: URLs. Inline styles are safe here because no
 * script can run to abuse them.
 */
export const PRINT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "font-src data:",
  "script-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(contentType: string, csp: string = APP_CSP): Record<string, string> {
  return {
    "Content-Type": contentType,
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    // Local files: always revalidate so an upgraded app never runs stale assets.
    "Cache-Control": "no-cache",
  };
}
