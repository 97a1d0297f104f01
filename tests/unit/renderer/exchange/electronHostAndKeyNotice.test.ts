import { describe, expect, it } from "vitest";
import type { MyKey } from "../../../../renderer/db/identity";
import { keyProtectionNotice } from "../../../../renderer/exchange/keyProtectionNotice";
import { createElectronHost } from "../../../../renderer/host/electronHost";
import { Limits, backupTooLargeMessage, type AppInfo, type MarginApi } from "../../../../shared/ipc/contract";

const wrapped: MyKey = { recipient: "age1x", fingerprint: "AAAA-BBBB-CCCC-DDDD", protection: "os-keychain" };
const plain: MyKey = { ...wrapped, protection: "none" };
const NOT_PROTECTED = "Your saved keys are not protected by the system keyring on this computer";

describe("Settings says plainly whether the saved key is protected", () => {
  it("counts a wrapped key as protected only with a real system keyring", () => {
    expect(keyProtectionNotice(wrapped, "electron", "system-keyring")).toEqual({
      protected: true,
      text: "Your secret key is protected by this computer's operating system (keychain).",
    });
  });

  it("Linux without a keyring (basic_text): not protected, and says why, even for a key wrapped before", () => {
    for (const key of [wrapped, plain]) {
      const notice = keyProtectionNotice(key, "electron", "no-keyring");
      expect(notice.protected).toBe(false);
      expect(notice.text).toContain(NOT_PROTECTED);
      expect(notice.text).toContain("no keyring such as GNOME Keyring or KWallet");
    }
  });

  it("no protection at all, an unwrapped key, and the browser: not protected", () => {
    for (const [key, kind, level] of [
      [plain, "electron", "unavailable"],
      [wrapped, "electron", "unavailable"],
      [plain, "electron", "system-keyring"],
      [plain, "web", "unavailable"],
    ] as const) {
      const notice = keyProtectionNotice(key, kind, level);
      expect(notice.protected).toBe(false);
      expect(notice.text).toContain(NOT_PROTECTED);
      expect(notice.text).toContain("not encrypted by the operating system");
    }
  });
});

describe("the Electron host passes app:info on without inventing protection", () => {
  function hostWith(info: Partial<AppInfo> & Record<string, unknown>) {
    const api = { appInfo: () => Promise.resolve(info) } as unknown as MarginApi;
    return createElectronHost(api);
  }

  it("maps the display folder and the protection level", async () => {
    const info = await hostWith({ version: "1", platform: "linux", dataFolder: "~/.config/Margin", keyProtection: "no-keyring" }).info();
    expect(info).toMatchObject({ kind: "electron", dataLocation: "~/.config/Margin", keyProtection: "no-keyring" });
  });

  it("treats an unknown level (or the old boolean) as unavailable", async () => {
    const old = await hostWith({
      version: "1",
      platform: "linux",
      userDataPath: "/home/u/.config/Margin",
      safeStorageAvailable: true,
    }).info();
    expect(old.keyProtection).toBe("unavailable");
  });
});

describe("the Electron host refuses an oversized backup before it crosses IPC", () => {
  it("says so plainly and sends nothing", async () => {
    const sent: unknown[] = [];
    const api = { writeBackup: (req: unknown) => (sent.push(req), Promise.resolve({ written: true })) } as unknown as MarginApi;
    const store = createElectronHost(api).backupStore;
    const huge = new Uint8Array(new ArrayBuffer(Limits.maxBackupBytes + 1));
    await expect(store?.write("0196f3c2-1111-7aaa-8bbb-123456789abc", "backup-20261126T191946123Z-merge.margin", huge)).rejects.toThrow(
      backupTooLargeMessage(huge.byteLength),
    );
    expect(sent).toEqual([]);
    await store?.write("0196f3c2-1111-7aaa-8bbb-123456789abc", "backup-20261126T191946123Z-merge.margin", new Uint8Array([1]));
    expect(sent).toHaveLength(1);
  });
});
