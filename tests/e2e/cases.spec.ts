import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completeFirstRun, createProject } from "./helpers/app";

async function openCases(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Cases & attributes/ })
    .click();
  await expect(page.getByRole("heading", { name: "Cases & attributes" })).toBeVisible();
}

/** Imports plain-text sources through the real "Import sources" dialog. */
async function importTextSources(page: Page, names: string[]): Promise<void> {
  await page.getByRole("button", { name: "Import sources" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Import sources" });
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose files…" }).click();
  await (
    await chooser
  ).setFiles(
    names.map((name) => ({
      name,
      mimeType: "text/plain",
      buffer: Buffer.from(`Interviewer: Tell me about ${name}.\nParticipant: It went well.\n`),
    })),
  );
  await dialog.getByRole("button", { name: "Done" }).click({ timeout: 60_000 });
}

function writeTemp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "margin-cases-")), name);
  writeFileSync(path, content);
  return path;
}

async function pickCsv(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import cases from CSV" }).click();
  await (await chooser).setFiles(path);
}

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

const sheet = (page: Page) => page.getByRole("grid", { name: "Cases and attributes" });
const caseRow = (page: Page, name: string) =>
  sheet(page)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name, exact: true }) });

test("cases and attributes by hand, edited with the keyboard, survive a reload", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "GDE evaluation");
  await openCases(page);
  await expect(page.getByText("No cases yet.")).toBeVisible();

  for (const name of ["P01", "P02"]) {
    await page.getByRole("button", { name: "New case" }).click();
    await page.getByLabel("Case name").fill(name);
    await page.getByRole("button", { name: "Add case" }).click();
    await expect(caseRow(page, name)).toBeVisible();
  }
  await page.getByRole("button", { name: "New attribute" }).click();
  await page.getByLabel("Attribute name").fill("Age");
  await page.getByLabel("Type").selectOption({ label: "Number" });
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByRole("button", { name: "New attribute" }).click();
  await page.getByLabel("Attribute name").fill("Role");
  await page.getByLabel("Type").selectOption({ label: "One of a list" });
  await page.getByLabel("Options").fill("Nurse\nGP");
  await page.getByRole("button", { name: "Add attribute" }).click();
  await expect(sheet(page).getByRole("columnheader", { name: "Role" })).toBeVisible();

  // Keyboard only from here: focus the sheet's first case, then move, type, Enter, Tab, Escape.
  await caseRow(page, "P01").getByRole("rowheader").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("41");
  await page.keyboard.press("Tab"); // saves 41, moves right to Role
  await page.keyboard.type("n"); // a category cell: typing picks the first option starting with n
  await expect(page.getByLabel("Role of P01")).toHaveValue("Nurse");
  await page.keyboard.press("Enter"); // saves, moves down to P02's Role
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowLeft"); // to P02's Age
  await page.keyboard.type("forty");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "“forty” is not a number" })).toBeVisible();
  await expect(page.getByLabel("Age of P02")).toHaveAttribute("aria-invalid", "true");
  await page.keyboard.press("Escape"); // cancels: nothing saved
  await expect(page.getByLabel("Age of P02")).toHaveCount(0);
  await page.keyboard.press("F2");
  await page.keyboard.type("38");
  await page.keyboard.press("Enter");

  const check = async () => {
    await expect(caseRow(page, "P01").getByRole("gridcell")).toHaveText(["0 sources", "41", "Nurse"]);
    await expect(caseRow(page, "P02").getByRole("gridcell")).toHaveText(["0 sources", "38", "GP"]);
  };
  await check();
  await page.reload();
  await check();

  // Rename an attribute from its column's settings; delete a case after confirming.
  await sheet(page).getByRole("button", { name: "Edit attribute Age" }).click();
  await page.getByLabel("Attribute name").fill("Age (years)");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(sheet(page).getByRole("columnheader", { name: "Age (years)" })).toBeVisible();
  await caseRow(page, "P02").getByRole("rowheader").click();
  await page.getByRole("button", { name: "Delete case…" }).click();
  await page.getByRole("dialog", { name: "Delete case “P02”?" }).getByRole("button", { name: "Delete case" }).click();
  await expect(caseRow(page, "P02")).toHaveCount(0);
  await expect(sheet(page)).toHaveAttribute("aria-rowcount", "2");
  expect(await seriousViolations(page, "main")).toEqual([]);
});

test("import cases from a CSV: preview, unmatched rows by line, apply", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "GDE evaluation");
  await importTextSources(page, ["GDE_SiteA_P01.txt", "GDE_SiteA_P02.txt", "Site visit notes.txt"]);
  await openCases(page);

  const csv = [
    "file,participant,organisation,role,site_type",
    'GDE_SiteA_P01.txt,P01,"Trust A, North",Nurse,Acute',
    "GDE_SiteA_P02,P02,Trust B,GP,Acute",
    "GDE_SiteA_P99.docx,P99,Trust B,Nurse,Community",
  ].join("\r\n");
  await pickCsv(page, writeTemp("participants.csv", csv));

  const preview = page.getByRole("dialog", { name: "Import cases from “participants.csv”" });
  await expect(preview).toBeVisible();
  await expect(preview.getByText("2 rows matched to a source")).toBeVisible();
  await expect(preview.getByText("1 row unmatched")).toBeVisible();
  await expect(preview.getByRole("list", { name: "Unmatched rows (1)" })).toHaveText(/Line 4: “GDE_SiteA_P99\.docx” matches no source/);
  await expect(preview.getByLabel("Use of column file")).toHaveValue("source");
  await expect(preview.getByLabel("Use of column participant")).toHaveValue("case");
  await preview.getByLabel("Type of column organisation").selectOption({ label: "Text" });
  expect(await seriousViolations(page, "main")).toEqual([]);

  await preview.getByRole("button", { name: "Apply" }).click();
  await expect(preview).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" })).toHaveText(/Imported: 3 cases added/);

  await expect(sheet(page).getByRole("columnheader")).toHaveCount(5);
  for (const name of ["Case", "Sources", "organisation", "role", "site_type"]) {
    await expect(sheet(page).getByRole("columnheader", { name, exact: true })).toBeVisible();
  }
  await expect(caseRow(page, "P01").getByRole("gridcell")).toHaveText(["1 source", "Trust A, North", "Nurse", "Acute"]);
  await expect(caseRow(page, "P02").getByRole("gridcell")).toHaveText(["1 source", "Trust B", "GP", "Acute"]);
  await expect(caseRow(page, "P99").getByRole("gridcell")).toHaveText(["0 sources", "Trust B", "Nurse", "Community"]);

  // Link the unmatched source by hand from the case's sources dialog.
  await caseRow(page, "P99")
    .getByRole("button", { name: /link or unlink sources for P99/ })
    .click();
  const links = page.getByRole("dialog", { name: "Sources of P99" });
  await links.getByLabel("Filter sources").fill("visit");
  await links.getByRole("checkbox", { name: /Site visit notes/ }).check();
  await links.getByRole("button", { name: "Save links" }).click();
  await expect(caseRow(page, "P99").getByRole("gridcell").first()).toHaveText("1 source");

  expect(await seriousViolations(page, "main")).toEqual([]);
});

test("a broken CSV gives a clear message naming the file and changes nothing", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "GDE evaluation");
  await openCases(page);
  const alert = page.getByRole("region", { name: "Cases & attributes" }).getByRole("alert");

  await pickCsv(page, writeTemp("broken.csv", 'file,participant,role\nP01.docx,"P01,Nurse\nP02.docx,P02,GP\n'));
  await expect(alert).toContainText("“broken.csv” could not be read: line 2");
  await expect(alert).toContainText("Nothing was changed.");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await pickCsv(page, writeTemp("empty.csv", ""));
  await expect(alert).toContainText("“empty.csv” is empty.");
  await expect(page.getByText("No cases yet.")).toBeVisible();
  await expect(sheet(page).getByRole("columnheader")).toHaveText(["Case", "Sources"]);
});

test("1,000 cases stay virtualised and reachable by keyboard", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "Big study");
  await openCases(page);
  const csv = [
    "participant,band,age",
    ...Array.from({ length: 1000 }, (_, i) => `P${String(i + 1).padStart(4, "0")},Band ${(i % 4) + 5},${20 + (i % 45)}`),
  ].join("\n");
  await pickCsv(page, writeTemp("cohort.csv", csv));
  const preview = page.getByRole("dialog", { name: "Import cases from “cohort.csv”" });
  await expect(preview.getByText("1,000 new cases")).toBeVisible();
  await preview.getByRole("button", { name: "Apply" }).click();
  await expect(preview).toBeHidden();

  await expect(sheet(page)).toHaveAttribute("aria-rowcount", "1001");
  expect(await sheet(page).getByRole("row").count()).toBeLessThan(80);
  await caseRow(page, "P0001").getByRole("rowheader").focus();
  const started = Date.now();
  await page.keyboard.press("Control+End");
  await expect(page.locator(":focus")).toHaveText("29"); // P1000's age: 20 + 999 % 45
  await expect(caseRow(page, "P1000")).toBeInViewport();
  await page.keyboard.press("PageUp");
  await page.keyboard.press("Control+Home");
  await expect(page.locator(":focus")).toHaveText("P0001");
  expect(Date.now() - started).toBeLessThan(3000);
});
