/**
 * Team-exchange steps shared by the two-coder e2e specs: each coder is a browser context with its own
 * first-run profile; bundles travel as downloaded files chosen again through the file chooser.
 */
import { expect, type Browser, type Page } from "@playwright/test";
import { tmpdir } from "node:os";
import path from "node:path";
import { completeFirstRun, seriousA11yViolations } from "./app";

export const exchange = (page: Page) => page.getByRole("region", { name: "Team exchange" });

export async function newCoder(browser: Browser, name: string, initials: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await completeFirstRun(page, name, initials);
  return page;
}

export async function myPublicKey(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Settings" }).click();
  const settings = page.getByRole("dialog", { name: "Settings" });
  await expect(settings.getByTestId("settings-key-protection")).toContainText("not encrypted by the operating system");
  await settings.getByRole("button", { name: "Team…" }).click();
  const team = page.getByRole("dialog", { name: "Team" });
  const key = await team.getByRole("textbox", { name: "Your public key" }).inputValue();
  expect(key).toMatch(/^age1[a-z0-9]{58}$/);
  await expect(team.getByTestId("my-fingerprint")).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await team.getByRole("button", { name: "Close" }).click();
  await settings.getByRole("button", { name: "Close" }).click();
  return key;
}

export async function addMember(page: Page, name: string, key: string): Promise<void> {
  await exchange(page).getByRole("button", { name: "Team…" }).click();
  const team = page.getByRole("dialog", { name: "Team" });
  // A broken key is refused with a clear message first.
  await team.getByLabel("Member name").fill(name);
  await team.getByLabel("Member public key").fill(key.slice(0, -1) + (key.endsWith("q") ? "p" : "q"));
  await team.getByRole("button", { name: "Add member" }).click();
  await expect(team.getByRole("alert")).toContainText("not a valid public key");
  await team.getByLabel("Member public key").fill(key);
  await team.getByRole("button", { name: "Add member" }).click();
  await expect(team.getByRole("status")).toHaveText(`Added ${name}.`);
  await expect(team.getByRole("cell", { name, exact: true })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await team.getByRole("button", { name: "Close" }).click();
}

/** Export bundle… for one member (or with a passphrase); returns the downloaded file's path. */
/** `said`: what the dialog must say once saved (e.g. that only changes went, and how many records). */
export async function exportFor(
  page: Page,
  member: string | { passphrase: string },
  scope: "Whole project" | RegExp = "Whole project",
  said?: RegExp,
): Promise<string> {
  await exchange(page).getByRole("button", { name: "Export bundle…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export bundle" });
  await dialog.getByRole("radio", { name: scope }).check();
  if (typeof member === "string") await dialog.getByRole("checkbox", { name: new RegExp(`^${member}`) }).check();
  else {
    await dialog.getByRole("radio", { name: "Anyone with a passphrase" }).check();
    await dialog.getByLabel("Passphrase", { exact: true }).fill("short");
    await expect(dialog.getByRole("meter", { name: "Passphrase strength" })).toHaveAttribute("aria-valuetext", /Weak|Very weak/);
    await dialog.getByLabel("Passphrase", { exact: true }).fill(member.passphrase);
    await expect(dialog.getByText(/^Strength: (Good|Strong)$/)).toBeVisible();
  }
  expect(await seriousA11yViolations(page)).toEqual([]);
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Export…" }).click();
  const file = await download;
  await expect(dialog.getByRole("status")).toContainText("Saved");
  if (said) await expect(dialog.getByRole("status")).toContainText(said);
  const target = path.join(tmpdir(), `margin-e2e-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(target);
  await dialog.getByRole("button", { name: "Close" }).click();
  return target;
}

export async function chooseBundle(page: Page, dialogName: string, file: string | { name: string; buffer: Buffer }): Promise<void> {
  const dialog = page.getByRole("dialog", { name: dialogName });
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose bundle file…" }).click();
  await (
    await chooser
  ).setFiles(typeof file === "string" ? file : { name: file.name, mimeType: "application/octet-stream", buffer: file.buffer });
}
