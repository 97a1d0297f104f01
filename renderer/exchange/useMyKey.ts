import { useEffect, useState } from "react";
import { ensureIdentity, type MyKey } from "../db/identity";
import { useHost } from "../host/HostContext";
import { errorText } from "./messages";

/** This coder's public key, made on first need. */
export function useMyKey(): { key: MyKey | null; error: string | null; reload: () => void } {
  const host = useHost();
  const [key, setKey] = useState<MyKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    ensureIdentity(host.keyProtection)
      .then((k) => live && setKey(k))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [host, version]);
  return { key, error, reload: () => setVersion((v) => v + 1) };
}

/** Where the secret key is kept, in plain words (Settings and the Team screen). */
export function protectionText(key: MyKey, hostKind: "electron" | "web"): string {
  if (key.protection === "os-keychain") return "Your secret key is protected by this computer's operating system (keychain).";
  return hostKind === "web"
    ? "Your secret key is stored in this browser profile's IndexedDB, not encrypted by the operating system. Anyone who can use this browser profile can read it."
    : "Your secret key is stored in Margin's data folder, not encrypted by the operating system: this computer offers no key protection. Keep the disk encrypted (BitLocker).";
}
