/**
 * What the app wires once, before its first render, for code that runs outside React: the host (the
 * Electron bridge, or the browser's stand-ins) and the bundle codec (a Web Worker where there is one).
 */
import { setBundleCodec } from "../db/exchange/codec";
import { workerCodec } from "../exchange/workerCodec";
import { createElectronHost, electronApi } from "../host/electronHost";
import type { Host } from "../host/host";
import { createWebHost } from "../host/webHost";

export function startUp(): Host {
  // Bundles are packed and opened in a worker where the browser has them (always, in Chromium and Electron).
  if (typeof Worker !== "undefined") setBundleCodec(workerCodec);
  const api = electronApi();
  const version = typeof __APP_VERSION__ === "string" ? __APP_VERSION__ : "dev";
  return api ? createElectronHost(api) : createWebHost(version);
}
