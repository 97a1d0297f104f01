// keys:protect / keys:unprotect — wrap the coder's age secret key with the OS
// keychain (Electron safeStorage: DPAPI on Windows, Keychain on macOS, libsecret
// or KWallet on Linux). When the OS offers no real protection we refuse rather
// than fall back to a fake "encryption": the renderer then stores the key
// unwrapped and Settings says so.
//
// Linux without a keyring is the trap: safeStorage then reports itself available
// but encrypts with a password hard-coded in Chromium
// (getSelectedStorageBackend() === "basic_text"). That protects nothing, so it
// counts as "no-keyring", never as protected.

import type {
  KeyProtectionLevel,
  KeysProtectRequest,
  KeysProtectResponse,
  KeysUnprotectRequest,
  KeysUnprotectResponse,
} from "../../shared/ipc/contract";
import { HostError } from "../ipc/errors";

/** The parts of Electron's safeStorage we use (injected so this is testable without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
  /** Linux only in Electron; absent or never called elsewhere. */
  getSelectedStorageBackend?(): string;
}

/** Linux backends that are a real keyring; anything else ("basic_text", "unknown", new names) is not trusted. */
const LINUX_KEYRINGS: ReadonlySet<string> = new Set(["gnome_libsecret", "kwallet", "kwallet5", "kwallet6"]);

/** Whether keys wrapped by safeStorage on this machine are really protected by the OS. */
export function keyProtectionLevel(safeStorage: SafeStorageLike, platform: string): KeyProtectionLevel {
  if (!safeStorage.isEncryptionAvailable()) return "unavailable";
  if (platform !== "linux") return "system-keyring";
  let backend: string | undefined;
  try {
    backend = safeStorage.getSelectedStorageBackend?.();
  } catch {
    backend = undefined;
  }
  return backend !== undefined && LINUX_KEYRINGS.has(backend) ? "system-keyring" : "no-keyring";
}

export function protectKey(req: KeysProtectRequest, safeStorage: SafeStorageLike, platform: string): Promise<KeysProtectResponse> {
  const level = keyProtectionLevel(safeStorage, platform);
  if (level === "no-keyring") {
    return Promise.reject(
      new HostError(
        "unavailable",
        "This computer has no system keyring (such as GNOME Keyring or KWallet), so the operating system cannot protect your key.",
      ),
    );
  }
  if (level === "unavailable") {
    return Promise.reject(new HostError("unavailable", "This computer does not offer key protection by the operating system."));
  }
  return Promise.resolve({ wrapped: new Uint8Array(safeStorage.encryptString(req.secret)) });
}

/**
 * Unwrapping only needs safeStorage to work at all: a key wrapped earlier (even under "basic_text",
 * before Margin refused it) must still open, or the coder would lose it. Settings says it is unprotected.
 */
export function unprotectKey(req: KeysUnprotectRequest, safeStorage: SafeStorageLike): Promise<KeysUnprotectResponse> {
  if (!safeStorage.isEncryptionAvailable()) {
    return Promise.reject(new HostError("unavailable", "The operating system's key protection is not available right now."));
  }
  try {
    return Promise.resolve({ secret: safeStorage.decryptString(Buffer.from(req.wrapped)) });
  } catch {
    // A key wrapped by another OS account or machine: say so, never leak the OS error text.
    return Promise.reject(
      new HostError("permission-denied", "Your key could not be unlocked by this computer's operating system account."),
    );
  }
}
