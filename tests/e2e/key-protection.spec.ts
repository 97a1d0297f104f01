/**
 * The desktop app (through a stand-in for Electron's preload API) tells the researcher plainly when
 * their saved key is not protected by a system keyring: on Linux without one, Electron's safeStorage
 * only "encrypts" with a password built into Chromium (backend "basic_text"), which protects nothing.
 */
import { expect, test, type Page } from "@playwright/test";
import { completeFirstRun, seriousA11yViolations } from "./helpers/app";

type Level = "system-keyring" | "no-keyring" | "unavailable";

/** window.margin as electron/preload.ts would expose it; key wrapping is a reversible stand-in. */
async function desktopApp(page: Page, level: Level, wrapWorks: boolean): Promise<void> {
  await page.addInitScript(
    ({ level, wrapWorks }) => {
      const xor = (bytes: Uint8Array) => bytes.map((b) => b ^ 0x5a);
      (window as unknown as { margin: unknown }).margin = {
        appInfo: () => Promise.resolve({ version: "test", platform: "linux", dataFolder: "~/.config/Margin", keyProtection: level }),
        openFiles: () => Promise.resolve({ files: [], canceled: true }),
        saveFile: () => Promise.resolve({ saved: false }),
        printToPdf: () => Promise.reject(new Error("[unavailable] not in this test")),
        protectKey: ({ secret }: { secret: string }) =>
          wrapWorks
            ? Promise.resolve({ wrapped: xor(new TextEncoder().encode(secret)) })
            : Promise.reject(
                new Error(
                  "[unavailable] This computer has no system keyring (such as GNOME Keyring or KWallet), so the operating system cannot protect your key.",
                ),
              ),
        unprotectKey: ({ wrapped }: { wrapped: Uint8Array }) => Promise.resolve({ secret: new TextDecoder().decode(xor(wrapped)) }),
        writeBackup: () => Promise.resolve({ written: true }),
        listBackups: () => Promise.resolve({ backups: [] }),
        readBackup: () => Promise.reject(new Error("[not-found] none")),
        deleteBackup: () => Promise.resolve({ deleted: false }),
        onMenuCommand: () => () => undefined,
      };
    },
    { level, wrapWorks },
  );
  await completeFirstRun(page);
}

async function openSettings(page: Page) {
  await page.getByRole("button", { name: "Settings" }).click();
  return page.getByRole("dialog", { name: "Settings" });
}

const NOT_PROTECTED = "Your saved keys are not protected by the system keyring on this computer";

test("Linux without a keyring: Settings says the saved key is not protected, and shows no absolute path", async ({ page }) => {
  await desktopApp(page, "no-keyring", false);
  const settings = await openSettings(page);
  const notice = settings.getByTestId("settings-key-protection");
  await expect(notice).toContainText(NOT_PROTECTED);
  await expect(notice).toContainText("no keyring such as GNOME Keyring or KWallet");
  await expect(settings.getByText("~/.config/Margin", { exact: true })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await settings.getByRole("button", { name: "Team…" }).click();
  await expect(page.getByRole("dialog", { name: "Team" }).getByTestId("key-protection")).toContainText(NOT_PROTECTED);
});

test("a key wrapped earlier with Chromium's built-in password (basic_text) is still reported as not protected", async ({ page }) => {
  await desktopApp(page, "no-keyring", true);
  const settings = await openSettings(page);
  await expect(settings.getByTestId("settings-key-protection")).toContainText(NOT_PROTECTED);
});

test("with a system keyring, Settings says the key is protected", async ({ page }) => {
  await desktopApp(page, "system-keyring", true);
  const settings = await openSettings(page);
  await expect(settings.getByTestId("settings-key-protection")).toHaveText(
    "Your secret key is protected by this computer's operating system (keychain).",
  );
});
