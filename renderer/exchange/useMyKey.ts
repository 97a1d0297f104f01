import { useEffect, useState } from "react";
import { ensureIdentity, type MyKey } from "../db/identity";
import { useHost } from "../host/HostContext";
import type { KeyProtectionLevel } from "../host/host";
import { errorText } from "./messages";

/**
 * This coder's public key, made on first need, with how well this computer protects saved keys
 * (both are needed before Settings can say whether the key is protected).
 */
export function useMyKey(): { key: MyKey | null; level: KeyProtectionLevel | null; error: string | null; reload: () => void } {
  const host = useHost();
  const [state, setState] = useState<{ key: MyKey; level: KeyProtectionLevel } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.all([ensureIdentity(host.keyProtection), host.info()])
      .then(([key, info]) => live && setState({ key, level: info.keyProtection }))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [host, version]);
  return { key: state?.key ?? null, level: state?.level ?? null, error, reload: () => setVersion((v) => v + 1) };
}
