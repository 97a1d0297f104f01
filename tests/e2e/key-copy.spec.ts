/**
 * A coder saves a passphrase-locked copy of their key, then (a new laptop: another browser context)
 * uses it: bundles locked to that key, which the new laptop could not open before, now open.
 */
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createProject, seriousA11yViolations } from "./helpers/app";
import { chooseBundle, exchange, newCoder } from "./helpers/exchange";

const PASSPHRASE = "kettle harbour violet ninety";

async function openSettings(page: Page) {
  await page.getByRole("button", { name: "Settings" }).click();
  return page.getByRole("dialog", { name: "Settings" });
}

async function fingerprintIn(page: Page): Promise<string> {
  const settings = await openSettings(page);
  const text = (await settings.getByText(/^Fingerprint /).textContent()) ?? "";
  const fp = text.replace(/^Fingerprint\s*/, "").trim();
  expect(fp).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await settings.getByRole("button", { name: "Close" }).click();
  return fp;
}

test("a saved key, used on a new laptop, opens bundles locked to it", async ({ browser }) => {
  const laptop = await newCoder(browser, "Amira Patel", "AP");
  const fingerprint = await fingerprintIn(laptop);

  // ---- Save a copy of the key: two different passphrases are refused, then it downloads.
  const settings = await openSettings(laptop);
  await settings.getByRole("button", { name: "Save a copy of my key…" }).click();
  const save = laptop.getByRole("dialog", { name: "Save a copy of my key" });
  await save.getByLabel("Passphrase for the key file").fill(PASSPHRASE);
  await save.getByLabel("Passphrase again").fill(`${PASSPHRASE}x`);
  await save.getByRole("button", { name: "Save key file…" }).click();
  await expect(save.getByRole("alert")).toHaveText(/The two passphrases differ/);
  await save.getByLabel("Passphrase again").fill(PASSPHRASE);
  expect(await seriousA11yViolations(laptop)).toEqual([]);
  const download = laptop.waitForEvent("download");
  await save.getByRole("button", { name: "Save key file…" }).click();
  const keyDownload = await download;
  expect(keyDownload.suggestedFilename()).toBe(`margin-key-${fingerprint}.age`);
  await expect(save.getByRole("status")).toContainText("Keep it somewhere safe");
  const keyFile = path.join(tmpdir(), `margin-e2e-${Date.now()}-${keyDownload.suggestedFilename()}`);
  await keyDownload.saveAs(keyFile);
  const keyBytes = readFileSync(keyFile);
  expect(keyBytes.subarray(0, 22).toString()).toBe("age-encryption.org/v1\n");
  expect(keyBytes.toString("latin1")).not.toContain("AGE-SECRET-KEY-1");
  await save.getByRole("button", { name: "Close" }).click();
  await settings.getByRole("button", { name: "Close" }).click();

  // ---- A project exported to this key only.
  await createProject(laptop, "Ward study");
  await exchange(laptop).getByRole("button", { name: "Export bundle…" }).click();
  const exportDialog = laptop.getByRole("dialog", { name: "Export bundle" });
  await expect(exportDialog.getByRole("checkbox", { name: new RegExp(`^You \\(${fingerprint}\\)`) })).toBeChecked();
  const exported = laptop.waitForEvent("download");
  await exportDialog.getByRole("button", { name: "Export…" }).click();
  const bundle = path.join(tmpdir(), `margin-e2e-${Date.now()}-to-me.margin`);
  await (await exported).saveAs(bundle);
  await exportDialog.getByRole("button", { name: "Close" }).click();

  // ---- The new laptop cannot open it with its own, new key.
  const newLaptop = await newCoder(browser, "Amira Patel", "AP");
  expect(await fingerprintIn(newLaptop)).not.toBe(fingerprint);
  await newLaptop.getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(newLaptop, "Import bundle as a project", bundle);
  const importDialog = newLaptop.getByRole("dialog", { name: "Import bundle as a project" });
  await expect(importDialog.getByRole("alert")).toContainText("was not locked to your key");
  await importDialog.getByRole("button", { name: "Cancel" }).click();

  // ---- Use the saved key: a wrong passphrase is refused, naming the file; the right one works.
  const settings2 = await openSettings(newLaptop);
  await settings2.getByRole("button", { name: "Use a saved key…" }).click();
  const use = newLaptop.getByRole("dialog", { name: "Use a saved key" });
  const chooser = newLaptop.waitForEvent("filechooser");
  await use.getByRole("button", { name: "Choose key file…" }).click();
  await (await chooser).setFiles(keyFile);
  await use.getByLabel("Passphrase of the key file").fill("not the passphrase at all");
  await use.getByRole("button", { name: "Open key file" }).click();
  await expect(use.getByRole("alert")).toContainText(`does not open “${path.basename(keyFile)}”`);
  await use.getByLabel("Passphrase of the key file").fill(PASSPHRASE);
  await use.getByRole("button", { name: "Open key file" }).click();
  await expect(use.getByText(`fingerprint ${fingerprint}`)).toBeVisible();
  expect(await seriousA11yViolations(newLaptop)).toEqual([]);
  await use.getByRole("button", { name: "Use this key" }).click();
  await expect(use.getByRole("status")).toContainText(`Your key is now ${fingerprint}.`);
  await use.getByRole("button", { name: "Close" }).click();
  await expect(settings2.getByText(`Fingerprint ${fingerprint}`)).toBeVisible();
  await settings2.getByRole("button", { name: "Close" }).click();

  // ---- Now the bundle opens and becomes a project.
  await newLaptop.getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(newLaptop, "Import bundle as a project", bundle);
  await newLaptop.getByRole("button", { name: "Create project" }).click();
  await expect(newLaptop.getByRole("heading", { name: "Ward study", level: 1 })).toBeVisible();
});
