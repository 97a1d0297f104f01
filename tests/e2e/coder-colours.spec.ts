import { expect, test } from "@playwright/test";
import { completeFirstRun } from "./helpers/app";

const SAMPLE = "Sample: Shared Care Record evaluation";

test("two coders never look alike: same chosen colour still shows two colours and two underline patterns", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await completeFirstRun(page);
  await page.getByRole("button", { name: "Open sample project" }).click();
  await expect(page.getByRole("heading", { name: SAMPLE, level: 1 })).toBeVisible({ timeout: 30_000 });
  const nav = page.getByRole("navigation", { name: "Project navigator" });

  // Team: give Sam the colour Amira has.
  await nav.getByRole("button", { name: "Team…" }).click();
  const team = page.getByRole("dialog", { name: "Team" });
  const amira = team.getByLabel("Colour for Amira Patel");
  const sam = team.getByLabel("Colour for Sam Okafor");
  const amiraColour = await amira.inputValue();
  await sam.fill(amiraColour);
  // Whoever joined later is shown in the next free colour.
  await expect.poll(async () => (await sam.inputValue()) !== (await amira.inputValue())).toBe(true);
  await expect(team.getByText("dashed underline")).toBeVisible();
  await team.getByRole("button", { name: "Close" }).last().click();

  await nav.getByRole("link", { name: /Coded segments/ }).click();
  const view = page.getByRole("region", { name: "Coded segments" });
  await view.getByRole("list", { name: "Code checklist" }).getByRole("checkbox", { name: "Technology / Usability", exact: true }).check();
  const look = async (initials: string) =>
    view
      .locator("abbr", { hasText: initials })
      .first()
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return { colour: s.textDecorationColor, pattern: s.textDecorationStyle };
      });
  const ap = await look("AP");
  const so = await look("SO");
  expect(ap.colour).not.toBe(so.colour);
  expect(ap.pattern).not.toBe(so.pattern);
});
