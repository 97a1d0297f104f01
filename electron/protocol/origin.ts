// The app's origin. NEVER change APP_SCHEME or APP_HOST between versions:
// IndexedDB, localStorage and every other web storage are keyed by origin, so a
// different origin would present users with an empty app and strand their
// coding data in the old origin's storage.
export const APP_SCHEME = "app";
export const APP_HOST = "margin";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Every trusted document URL starts with this (note the trailing slash: "app://margin.evil" must not match). */
export const APP_URL_PREFIX = `${APP_ORIGIN}/`;
export const APP_ENTRY_URL = `${APP_URL_PREFIX}index.html`;

/** Separate origin for print-to-PDF pages, so they can never read the app's storage. */
export const PRINT_HOST = "print";
export const PRINT_URL_PREFIX = `${APP_SCHEME}://${PRINT_HOST}/`;
