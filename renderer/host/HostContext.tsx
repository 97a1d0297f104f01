import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Host } from "./host";
import { createWebHost } from "./webHost";
import { createElectronHost, electronApi } from "./electronHost";
import { setBackupHost } from "../db/backups";
import { setBundleCodec } from "../db/exchange/codec";
import { workerCodec } from "../exchange/workerCodec";

// Bundles are packed and opened in a worker where the browser has them (always, in Chromium and Electron).
if (typeof Worker !== "undefined") setBundleCodec(workerCodec);

const HostContext = createContext<Host | null>(null);

export function HostProvider({ children, host }: { children: ReactNode; host?: Host }) {
  const value = useMemo(() => {
    if (host) return host;
    const api = electronApi();
    const version = typeof __APP_VERSION__ === "string" ? __APP_VERSION__ : "dev";
    return api ? createElectronHost(api) : createWebHost(version);
  }, [host]);
  // Backups before a schema migration run outside React (while a project opens): they need the host too.
  setBackupHost(value);
  return <HostContext.Provider value={value}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error("useHost outside HostProvider");
  return host;
}
