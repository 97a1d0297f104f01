import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** First run: the coder profile. Each Playwright test has a fresh browser context, so fresh storage. */
export async function completeFirstRun(page: Page, name = "Amira Patel", initials = "AP"): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Initials").fill(initials);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
}

export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "New project" }).click();
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

/** axe-core violations that matter: serious or critical. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}
