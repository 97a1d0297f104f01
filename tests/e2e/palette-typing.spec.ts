/**
 * A quick researcher: select with the mouse and press Ctrl+K at once, then type. The word-snapping of
 * the mouse selection lands after the palette has the focus; it must not take the typing away.
 */
import { expect, test } from "@playwright/test";
import { completeFirstRun } from "./helpers/app";

test("Ctrl+K straight after a mouse selection: what is typed goes into the palette and codes the selection", async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await completeFirstRun(page);
  await page.getByRole("button", { name: "Open sample project" }).click();
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Sources/ })
    .click();
  await page.getByRole("table", { name: "Sources" }).getByRole("link").first().click();
  const allStripes = page.getByRole("group", { name: "Coding stripes" }).getByRole("button");
  await expect(allStripes.first()).toBeVisible();
  const stripes = page.getByRole("group", { name: "Coding stripes" }).getByRole("button", { name: /^Coding: Training, by Amira Patel/ });
  const before = await stripes.count();

  const block = page.locator("[data-block-start]").nth(3);
  await block.scrollIntoViewIfNeeded();
  const box = await block.boundingBox();
  if (!box) throw new Error("the block is not on screen");
  // Pressed mid-word, so the selection is snapped to whole words when the button is released.
  await page.mouse.move(box.x + 23, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + 10, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press("Control+k");
  await page.keyboard.type("Traini");

  const palette = page.getByRole("dialog", { name: "Code the selection" });
  await expect(palette.getByRole("combobox", { name: "Code name or path" })).toHaveValue("Traini");
  await expect(palette.getByRole("option", { selected: true })).toContainText("Training");
  await page.keyboard.press("Enter");
  await expect(palette).toHaveCount(0);
  await expect(stripes).toHaveCount(before + 1);
});
