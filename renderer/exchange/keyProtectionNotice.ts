// What Settings and the Team screen say about where the secret key is kept. Pure, so it is unit-tested
// without a browser.
import type { MyKey } from "../db/identity";
import type { KeyProtectionLevel } from "../host/host";

export interface KeyProtectionNotice {
  /** True only when the OS keyring really protects the saved key. */
  protected: boolean;
  text: string;
}

const NOT_PROTECTED = "Your saved keys are not protected by the system keyring on this computer";

/**
 * Where the secret key is kept, in plain words (Settings and the Team screen). A key wrapped by
 * safeStorage counts as protected only when this computer has a real keyring: on Linux without one,
 * safeStorage "encrypts" with a password built into Chromium, which protects nothing.
 */
export function keyProtectionNotice(key: MyKey, hostKind: "electron" | "web", level: KeyProtectionLevel): KeyProtectionNotice {
  if (key.protection === "os-keychain" && level === "system-keyring") {
    return { protected: true, text: "Your secret key is protected by this computer's operating system (keychain)." };
  }
  if (hostKind === "web") {
    return {
      protected: false,
      text: `${NOT_PROTECTED} (a browser cannot use it). Your secret key is stored in this browser profile's IndexedDB, not encrypted by the operating system. Anyone who can use this browser profile can read it.`,
    };
  }
  const why =
    level === "no-keyring"
      ? "no keyring such as GNOME Keyring or KWallet was found, so the operating system would only use a password built into the app"
      : level === "unavailable"
        ? "this computer offers no key protection"
        : "your key was saved when this computer offered no key protection";
  return {
    protected: false,
    text: `${NOT_PROTECTED} (${why}). Your secret key is stored in Margin's data folder, not encrypted by the operating system: anyone who can read that folder can read it. Keep the disk encrypted (BitLocker or LUKS).`,
  };
}
