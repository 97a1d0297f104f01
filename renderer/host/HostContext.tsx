import { createContext, useContext, type ReactNode } from "react";
import type { Host } from "./host";

const HostContext = createContext<Host | null>(null);

/** Provides the host made once at start-up (renderer/app/startUp.ts). */
export function HostProvider({ children, host }: { children: ReactNode; host: Host }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error("useHost outside HostProvider");
  return host;
}
