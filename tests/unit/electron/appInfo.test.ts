import { describe, expect, it } from "vitest";
import { appInfo, displayDataFolder } from "../../../electron/appInfo";
import type { SafeStorageLike } from "../../../electron/keys/keyProtection";

const keyring = (backend: string): SafeStorageLike => ({
  isEncryptionAvailable: () => true,
  encryptString: () => new Uint8Array(),
  decryptString: () => "",
  getSelectedStorageBackend: () => backend,
});

describe("app:info gives the renderer no absolute path", () => {
  it("shows the data folder relative to home or %APPDATA%", () => {
    expect(displayDataFolder("linux", "/home/amira/.config/Margin", "/home/amira/.config", "/home/amira")).toBe("~/.config/Margin");
    expect(
      displayDataFolder(
        "darwin",
        "/Users/amira/Library/Application Support/Margin",
        "/Users/amira/Library/Application Support",
        "/Users/amira",
      ),
    ).toBe("~/Library/Application Support/Margin");
    expect(
      displayDataFolder("win32", "C:\\Users\\Amira\\AppData\\Roaming\\Margin", "C:\\Users\\Amira\\AppData\\Roaming", "C:\\Users\\Amira"),
    ).toBe("%APPDATA%\\Margin");
    // Windows paths compare case-insensitively; the folder keeps its own spelling.
    expect(
      displayDataFolder("win32", "c:\\users\\amira\\appdata\\roaming\\Margin", "C:\\Users\\Amira\\AppData\\Roaming", "C:\\Users\\Amira"),
    ).toBe("%APPDATA%\\Margin");
    expect(displayDataFolder("win32", "C:\\Users\\Amira\\Portable\\Margin", "C:\\Users\\Amira\\AppData\\Roaming", "C:\\Users\\Amira")).toBe(
      "%USERPROFILE%\\Portable\\Margin",
    );
  });

  it("outside home, names only the folder; a look-alike prefix is not 'inside'", () => {
    expect(displayDataFolder("linux", "/srv/shared/Margin", "/home/amira/.config", "/home/amira")).toBe("Margin");
    expect(displayDataFolder("linux", "/home/amira2/Margin", "/home/amira/.config", "/home/amira")).toBe("Margin");
    expect(displayDataFolder("win32", "D:\\Data\\Margin", "C:\\Users\\Amira\\AppData\\Roaming", "C:\\Users\\Amira")).toBe("Margin");
    expect(displayDataFolder("linux", "/home/amira", "", "/home/amira")).toBe("amira");
  });

  it("answers with the display folder and whether keys are really protected", async () => {
    const info = await appInfo({
      version: "1.2.3",
      platform: "linux",
      userData: "/home/amira/.config/Margin",
      appData: "/home/amira/.config",
      home: "/home/amira",
      safeStorage: keyring("basic_text"),
    });
    expect(info).toEqual({ version: "1.2.3", platform: "linux", dataFolder: "~/.config/Margin", keyProtection: "no-keyring" });
    expect(JSON.stringify(info)).not.toContain("/home/amira");
    const withKeyring = await appInfo({
      version: "1",
      platform: "linux",
      userData: "/h/M",
      appData: "/h",
      home: "/h",
      safeStorage: keyring("kwallet6"),
    });
    expect(withKeyring.keyProtection).toBe("system-keyring");
  });
});
