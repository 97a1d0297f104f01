// keys:protect / keys:unprotect — wrap the coder's age secret key with the OS
// keychain (Electron safeStorage: DPAPI on Windows, Keychain on macOS, libsecret
// on Linux). When the OS offers no protection we refuse rather than fall back to
// a fake "encryption": the renderer then stores the key unwrapped and says so.

import type { KeysProtectRequest, KeysProtectResponse, KeysUnprotectRequest, KeysUnprotectResponse } from "../../shared/ipc/contract";
import { HostError } from "../ipc/errors";

/** The parts of Electron's safeStorage we use (injected so this is testable without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
}

export function protectKey(req: KeysProtectRequest, safeStorage: SafeStorageLike): Promise<KeysProtectResponse> {
  if (!safeStorage.isEncryptionAvailable()) {
    return Promise.reject(new HostError("unavailable", "This computer does not offer key protection by the operating system."));
  }
  return Promise.resolve({ wrapped: new Uint8Array(safeStorage.encryptString(req.secret)) });
}

export function unprotectKey(req: KeysUnprotectRequest, safeStorage: SafeStorageLike): Promise<KeysUnprotectResponse> {
  if (!safeStorage.isEncryptionAvailable()) {
    return Promise.reject(new HostError("unavailable", "The operating system's key protection is not available right now."));
  }
  try {
    return Promise.resolve({ secret: safeStorage.decryptString(Buffer.from(req.wrapped)) });
  } catch {
    // A key wrapped by another OS account or machine: say so, never leak the OS error text.
    return Promise.reject(new HostError("permission-denied", "Your key could not be unlocked by this computer's operating system account."));
  }
}
