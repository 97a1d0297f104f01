// When the window's renderer process dies (out of memory on a hostile file, a crash), Electron
// leaves a blank window. We reload the app at the same place with a flag the page turns into a
// message; everything saved lives in IndexedDB, so nothing saved is lost. Side effects are
// parameters so this is unit-tested without Electron.

import { describeError } from "../../shared/describeError";
import { APP_ENTRY_URL, APP_URL_PREFIX } from "../protocol/origin";

/** Electron's RenderProcessGoneDetails, the fields we use. */
export interface GoneDetails {
  reason: string;
  exitCode: number;
}

export interface RecoverableContents {
  on(event: "render-process-gone", listener: (event: unknown, details: GoneDetails) => void): unknown;
  getURL(): string;
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
}

export interface RecoveryDeps {
  now: () => number;
  /** Shown instead of reloading when the window keeps dying, so a crash on load cannot loop. */
  showError: (message: string) => void;
  log: (message: string) => void;
}

/** Query parameter the renderer reads (renderer/app/recovery.ts); its value says why. */
export const RECOVERED_PARAM = "recovered";

const RELOADS_ALLOWED = 3;
const RELOAD_WINDOW_MS = 60_000;

export const GAVE_UP_MESSAGE =
  "Margin's window stopped several times in a row, so it was not reopened again. Everything that was saved is kept. " +
  "Quit Margin and start it again; if you were importing, import a few files at a time.";

/** The crashed page's place in the app (its hash route), with the flag; anything else goes to the start page. */
export function recoveryUrl(crashedUrl: string, reason: string): string {
  const why = reason === "oom" || reason === "memory-eviction" ? "memory" : "crash";
  const hashAt = crashedUrl.indexOf("#");
  const hash = crashedUrl.startsWith(APP_URL_PREFIX) && hashAt >= 0 ? crashedUrl.slice(hashAt) : "";
  return `${APP_ENTRY_URL}?${RECOVERED_PARAM}=${why}${hash}`;
}

export function watchRendererGone(contents: RecoverableContents, deps: RecoveryDeps): void {
  const reloads: number[] = [];
  contents.on("render-process-gone", (_event, details) => {
    if (details.reason === "clean-exit" || contents.isDestroyed()) return;
    deps.log(`Margin's window stopped (${details.reason}, exit code ${details.exitCode}).`);
    const now = deps.now();
    while (reloads.length > 0 && now - (reloads[0] ?? 0) > RELOAD_WINDOW_MS) reloads.shift();
    if (reloads.length >= RELOADS_ALLOWED) {
      deps.showError(GAVE_UP_MESSAGE);
      return;
    }
    reloads.push(now);
    contents.loadURL(recoveryUrl(contents.getURL(), details.reason)).catch((error: unknown) => {
      deps.log(`Reopening the window failed: ${describeError(error)}`);
      deps.showError(GAVE_UP_MESSAGE);
    });
  });
}
