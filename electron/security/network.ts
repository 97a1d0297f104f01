// Network policy. Margin runs on offline NHS laptops and must never talk to the
// network, so every request is checked at the session level and only in-app
// schemes pass. Anything else (http, https, ws, wss, file, ftp, chrome, ...) is
// cancelled before it leaves the browser process.

import { APP_HOST, PRINT_HOST } from "../protocol/origin";

export function isAllowedRequestUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case "app:":
      return parsed.host === APP_HOST || parsed.host === PRINT_HOST;
    case "data:":
    case "devtools:":
      return true;
    case "blob:":
      // Blob URLs embed their creator's origin; only our own origins create them.
      return parsed.pathname.startsWith(`app://${APP_HOST}/`) || parsed.pathname.startsWith(`app://${PRINT_HOST}/`);
    default:
      return false;
  }
}
